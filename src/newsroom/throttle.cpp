// Sliding-window failure counting.
#include "newsroom/throttle.h"

namespace portico::newsroom {

void Throttle::prune(std::deque<std::int64_t>& q, std::int64_t now) const {
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
}

std::int64_t Throttle::wait(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  std::int64_t now = clock_.now();
  prune(it->second.times, now);
  if (static_cast<int>(it->second.times.size()) < max_) return 0;
  return it->second.times.front() + window_ - now;
}

void Throttle::failure(const std::string& key) {
  std::lock_guard lock(mu_);
  std::int64_t now = clock_.now();
  auto& f = failures_[key];
  prune(f.times, now);
  f.times.push_back(now);
  f.refusal_noted = false;
  // Bound memory under a spray of distinct keys: forget keys that are quiet.
  if (failures_.size() > 100000) {
    for (auto i = failures_.begin(); i != failures_.end();) {
      prune(i->second.times, now);
      i = i->second.times.empty() ? failures_.erase(i) : std::next(i);
    }
  }
}

bool Throttle::first_refusal(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end() || static_cast<int>(it->second.times.size()) < max_ || it->second.refusal_noted) return false;
  it->second.refusal_noted = true;
  return true;
}

void Throttle::success(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

}  // namespace portico::newsroom
