// Per-key request budgets (an address's API reads, its ratings and votes): at most `limit`
// requests in any `window` seconds, estimated with a sliding-window counter (this window's
// count plus the previous window's, weighted by how much of it still overlaps). Constant
// memory per key, sharded locks, a fixed bound on keys: each shard keeps its keys in order
// of use and, when full, forgets the one unused longest (O(1) per request; under a spray of
// more addresses than the bound in one window the oldest get a fresh budget). Kept in
// memory: a restart forgives, each node counts its own. Thread-safe.
#pragma once
#include <array>
#include <cstdint>
#include <list>
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
  // The same for a client address: IPv4 as it is, IPv6 by its /64 (one subscriber's
  // network), an IPv4-mapped IPv6 address as the IPv4 one.
  std::int64_t take_address(std::string_view remote) { return take(address_key(remote)); }
  int limit() const { return limit_; }
  std::size_t keys();  // keys held now
  static constexpr std::size_t kMaxKeys = 16 * 4096;

  static std::string address_key(std::string_view remote);

 private:
  struct Counter {
    std::int64_t start = 0;  // the current window's first second
    std::int64_t current = 0, previous = 0;
  };
  struct Entry {
    std::string key;
    Counter counter;
  };
  struct Shard {
    std::mutex mu;          // guards the rest
    std::list<Entry> used;  // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> counters;  // keys point into used
  };
  static constexpr std::size_t kShards = 16;
  static constexpr std::size_t kMaxKeysPerShard = kMaxKeys / kShards;

  const Clock& clock_;
  const int limit_;
  const std::int64_t window_;
  std::array<Shard, kShards> shards_;
};

}  // namespace portico
