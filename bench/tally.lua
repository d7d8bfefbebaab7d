-- Shared by the wrk scripts of make bench (loaded with dofile from the repository's root,
-- where bench/run.sh runs): every thread registered as it is set up, and a per-thread count
-- table summed over the threads at the end.
threads = {}

setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

-- The shares of the threads' table `field` as sorted strings made with `format` (key,
-- per cent), and the summed counts by key.
function shares(field, format)
  local counts, total = {}, 0
  for _, t in ipairs(threads) do
    for k, c in pairs(t:get(field)) do
      counts[k] = (counts[k] or 0) + c
      total = total + c
    end
  end
  local parts = {}
  for k, c in pairs(counts) do parts[#parts + 1] = string.format(format, k, 100 * c / total) end
  table.sort(parts)
  return parts, counts
end
