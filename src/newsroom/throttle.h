// Sign-in throttling: failures are counted per key (an account, an address) in a sliding
// window; past the limit the key is refused until its oldest failure leaves the window.
// Kept in memory (a restart forgives, and each node counts its own), or, given a store,
// in the database, where every node sharing it counts the same failures. Thread-safe.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "store/store.h"

namespace portico::newsroom {

class Throttle {
 public:
  Throttle(const Clock& clock, int max_failures, std::int64_t window_seconds, Store* shared = nullptr)
      : clock_(clock), max_(max_failures), window_(window_seconds), shared_(shared) {}

  // Seconds until the key may try again; 0 when it may try now.
  std::int64_t wait(const std::string& key);
  void failure(const std::string& key);
  void success(const std::string& key);
  // True the first time it is asked while the key is held back (for one log row per
  // lockout, however many tries it refuses).
  bool first_refusal(const std::string& key);

 private:
  struct Failures {
    std::deque<std::int64_t> times;
    bool refusal_noted = false;
  };
  void prune(std::deque<std::int64_t>& q, std::int64_t now) const;
  // The key's failures in the window, from the store (shared) or memory (mu_ held).
  std::int64_t wait_locked(const std::string& key, std::int64_t now);
  const Clock& clock_;
  const int max_;
  const std::int64_t window_;
  Store* shared_;
  std::mutex mu_;  // guards failures_ (shared: only the refusal_noted flags)
  std::unordered_map<std::string, Failures> failures_;
};

}  // namespace portico::newsroom
