// Sliding-window counters: the estimate is previous * (overlap / window) + current.
#include "core/rate_limit.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <functional>

namespace portico {

RateLimit::RateLimit(const Clock& clock, int limit, std::int64_t window_seconds)
    : clock_(clock), limit_(std::max(1, limit)), window_(std::max<std::int64_t>(1, window_seconds)) {}

std::int64_t RateLimit::take(std::string_view key) {
  const std::int64_t now = clock_.now();
  const std::int64_t start = now - now % window_;
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  // Keys quiet for two windows hold nothing: drop one or two from the end on each request.
  for (int i = 0; i < 2 && !shard.used.empty() && shard.used.back().counter.start < start - window_; ++i) {
    shard.counters.erase(std::string_view(shard.used.back().key));
    shard.used.pop_back();
  }
  Counter* found = nullptr;
  if (auto it = shard.counters.find(key); it != shard.counters.end()) {
    shard.used.splice(shard.used.begin(), shard.used, it->second);
    found = &it->second->counter;
  } else {
    if (shard.counters.size() >= kMaxKeysPerShard) {  // full: forget the key unused longest
      shard.counters.erase(std::string_view(shard.used.back().key));
      shard.used.pop_back();
    }
    shard.used.push_front(Entry{std::string(key), {}});
    shard.counters.emplace(std::string_view(shard.used.front().key), shard.used.begin());
    found = &shard.used.front().counter;
  }
  Counter& c = *found;
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

std::string RateLimit::address_key(std::string_view remote) {
  if (remote.find(':') == std::string_view::npos) return std::string(remote);
  std::string text(remote);
  in6_addr a{};
  if (::inet_pton(AF_INET6, text.c_str(), &a) != 1) return text;
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char out[INET6_ADDRSTRLEN];
  if (std::memcmp(a.s6_addr, kMapped, sizeof kMapped) == 0) {
    in_addr v4{};
    std::memcpy(&v4, a.s6_addr + 12, 4);
    return ::inet_ntop(AF_INET, &v4, out, sizeof out) ? std::string(out) : text;
  }
  std::memset(a.s6_addr + 8, 0, 8);  // the interface half: one subscriber has the whole /64
  if (!::inet_ntop(AF_INET6, &a, out, sizeof out)) return text;
  return std::string(out) + "/64";
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
