-- wrk script: cycles through a fixed list of Vietnamese queries on /api/v1/search and
-- prints p50/p95/p99 latency at the end.
local queries = {
  "dang vien", "ĐẢNG VIÊN", "đảng viên", "ham yen", "\"phát triển đảng viên\"", "dang*",
  "nông thôn mới", "chuyen doi so", "kinh te", "giáo dục", "y te", "an ninh trat tu",
  "xay dung", "huyen yen son", "hội nghị", "cai cach hanh chinh", "du lich", "giao thong",
  "thanh nien", "phu nu",
}
local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/v1/search?q=" .. encode(queries[i]))
end
done = function(summary, latency, requests)
  io.write(string.format("search: %d requests, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
