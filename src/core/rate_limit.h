// Per-key request budgets (an address's API reads, its ratings and votes): at most `limit`
// requests in any `window` seconds, estimated with a sliding-window counter (this window's
// count plus the previous window's, weighted by how much of it still overlaps). Constant
// memory per key, sharded locks. Kept in memory: a restart forgives, each node counts its
// own. Thread-safe.
#pragma once
#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace portico {

class RateLimit {
 public:
  RateLimit(const Clock& clock, int limit, std::int64_t window_seconds);

  // Counts one request for key and returns 0, or, past the budget, returns the seconds until
  // the key may try again (at least 1) and does not count the request.
  std::int64_t take(std::string_view key);
  int limit() const { return limit_; }
  std::size_t keys();  // keys held now

 private:
  struct Counter {
    std::int64_t start = 0;  // the current window's first second
    std::int64_t current = 0, previous = 0;
  };
  struct Shard {
    std::mutex mu;  // guards counters
    std::unordered_map<std::string, Counter> counters;
  };
  static constexpr std::size_t kShards = 16;
  static constexpr std::size_t kMaxKeysPerShard = 20000;

  const Clock& clock_;
  const int limit_;
  const std::int64_t window_;
  std::array<Shard, kShards> shards_;
};

}  // namespace portico
