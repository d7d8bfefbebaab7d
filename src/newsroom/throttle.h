// Sign-in throttling: failures are counted per key (an account, an address) in a sliding
// window; past the limit the key is refused until its oldest failure leaves the window.
// Kept in memory: a restart forgives, and each app node counts its own (documented).
// Thread-safe.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace portico::newsroom {

class Throttle {
 public:
  Throttle(const Clock& clock, int max_failures, std::int64_t window_seconds)
      : clock_(clock), max_(max_failures), window_(window_seconds) {}

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
  const Clock& clock_;
  const int max_;
  const std::int64_t window_;
  std::mutex mu_;  // guards failures_
  std::unordered_map<std::string, Failures> failures_;
};

}  // namespace portico::newsroom
