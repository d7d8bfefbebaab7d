// Sliding-window counters: the estimate is previous * (overlap / window) + current.
#include "core/rate_limit.h"

#include <algorithm>
#include <functional>

namespace portico {

RateLimit::RateLimit(const Clock& clock, int limit, std::int64_t window_seconds)
    : clock_(clock), limit_(std::max(1, limit)), window_(std::max<std::int64_t>(1, window_seconds)) {}

std::int64_t RateLimit::take(std::string_view key) {
  const std::int64_t now = clock_.now();
  const std::int64_t start = now - now % window_;
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  if (shard.counters.size() >= kMaxKeysPerShard) {
    // Bound memory under a spray of addresses: forget keys quiet for two windows.
    std::erase_if(shard.counters, [&](const auto& kv) { return kv.second.start < start - window_; });
  }
  Counter& c = shard.counters[std::string(key)];
  if (c.start != start) {
    c.previous = c.start == start - window_ ? c.current : 0;
    c.current = 0;
    c.start = start;
  }
  const std::int64_t elapsed = now - start;  // 0 .. window-1
  // In integer arithmetic, scaled by window: previous * (window - elapsed) + current * window.
  const std::int64_t used = c.previous * (window_ - elapsed) + c.current * window_;
  if (used + window_ <= static_cast<std::int64_t>(limit_) * window_) {
    ++c.current;
    return 0;
  }
  // Refused: wait until the previous window's share has decayed enough, or, when this window
  // alone is full, until it ends and this window's own share has decayed by one request.
  const std::int64_t room = static_cast<std::int64_t>(limit_ - 1) * window_ - c.current * window_;
  if (room < 0 || c.previous == 0) return start + window_ - now + (window_ + limit_ - 1) / limit_;
  // previous * (window - elapsed - t) <= room  ⇔  t >= window - elapsed - room / previous
  const std::int64_t t = window_ - elapsed - room / c.previous;
  return std::clamp<std::int64_t>(t, 1, start + window_ - now);
}

std::size_t RateLimit::keys() {
  std::size_t n = 0;
  for (Shard& s : shards_) {
    std::lock_guard lock(s.mu);
    n += s.counters.size();
  }
  return n;
}

}  // namespace portico
