-- wrk script: requests the paths listed in the file CRAWL_FILE (one per line, or "HOST PATH"
-- for a page of another site of the installation: sent with that Host header) in one
-- random order shared by all threads, thread k of CRAWL_THREADS (default 2) starting k/n
-- of the way along it, so that no two threads ask for the same page within the same
-- pass (the crawl measures misses, not hits by another thread). Counts the answers by
-- status and by X-Cache and prints one line "crawl: …" at the end with latency
-- percentiles and the share of each.
-- Used for the crawl (distinct article pages: every request a cache miss) and the flood
-- (cache-busting requests) of make bench.
dofile("bench/tally.lua")  -- setup, shares

init = function(args)
  paths = {}
  for line in io.lines(os.getenv("CRAWL_FILE")) do paths[#paths + 1] = line end
  hosts = {}
  for i, line in ipairs(paths) do
    local host, path = line:match("^(%S+) (%S+)$")
    if host then hosts[i], paths[i] = host, path end
  end
  math.randomseed(1000)
  for i = #paths, 2, -1 do  -- Fisher–Yates
    local j = math.random(i)
    paths[i], paths[j] = paths[j], paths[i]
    hosts[i], hosts[j] = hosts[j], hosts[i]
  end
  n = math.floor((id - 1) * #paths / tonumber(os.getenv("CRAWL_THREADS") or 2))
  statuses = {}
  caches = {}
end

request = function()
  n = n % #paths + 1
  if not hosts[n] then return wrk.format("GET", paths[n]) end
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Host"] = hosts[n]
  return wrk.format("GET", paths[n], headers)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local c = headers["X-Cache"]
  if c then caches[c] = (caches[c] or 0) + 1 end
end

done = function(summary, latency, requests)
  local parts = shares("statuses", "%d: %.1f%%")
  for _, p in ipairs(shares("caches", "%s %.1f%%")) do parts[#parts + 1] = p end
  io.write(string.format("crawl: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %s\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    table.concat(parts, ", ")))
end
