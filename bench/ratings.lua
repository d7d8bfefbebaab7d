-- wrk script: rates articles as ever new readers (no cookie: each request is a visitor of
-- its own, from an address of its own through X-Forwarded-For, so no per-address budget
-- applies), spread over the article ids 1..RATE_ARTICLES, with RATE_ORIGIN as Origin.
-- Prints one line "ratings: …" with the acknowledged ratings (201) per second, latency
-- percentiles and the statuses.
dofile("bench/tally.lua")  -- setup, shares

init = function(args)
  articles = tonumber(os.getenv("RATE_ARTICLES") or 1000)
  origin = os.getenv("RATE_ORIGIN")  -- the server's own: a visitor's write must come from its pages
  n = 0
  statuses = {}
  math.randomseed(77 + id)
end

request = function()
  n = n + 1
  local headers = { ["Content-Type"] = "application/json", ["Origin"] = origin,
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", id, math.floor(n / 256) % 256, n % 256) }
  return wrk.format("POST", "/api/v1/articles/" .. math.random(articles) .. "/ratings", headers,
    '{"stars":' .. (1 + n % 5) .. '}')
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local parts, counts = shares("statuses", "%d: %.1f%%")
  local seconds = summary.duration / 1e6
  io.write(string.format("ratings: %.0f acknowledged/s, p50 %.2f ms, p99 %.2f ms, %s\n",
    (counts[201] or 0) / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, ", ")))
end
