// Sliding-window failure counting.
#include "newsroom/throttle.h"

#include <utility>

namespace portico::newsroom {

void Throttle::prune(std::deque<std::int64_t>& q, std::int64_t now) const {
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
}

std::int64_t Throttle::wait_locked(const std::string& key, std::int64_t now) {
  std::deque<std::int64_t> memory;
  std::deque<std::int64_t>* times = &memory;
  if (shared_) {
    // A failed read holds nobody back: the sign-in that follows needs the database too.
    auto stored = shared_->sign_in_failures(key, now - window_);
    if (stored) memory.assign(stored->begin(), stored->end());
  } else {
    auto it = failures_.find(key);
    if (it == failures_.end()) return 0;
    times = &it->second.times;
    prune(*times, now);
  }
  if (static_cast<int>(times->size()) < max_) return 0;
  // Until fewer than max_ failures are left in the window.
  return (*times)[times->size() - static_cast<std::size_t>(max_)] + window_ - now;
}

std::int64_t Throttle::wait(const std::string& key) {
  std::lock_guard lock(mu_);
  return wait_locked(key, clock_.now());
}

void Throttle::failure(const std::string& key) {
  std::lock_guard lock(mu_);
  std::int64_t now = clock_.now();
  if (shared_) {
    (void)shared_->add_sign_in_failure(key, now);  // not written: this failure is not counted
    if (auto it = failures_.find(key); it != failures_.end()) it->second.refusal_noted = false;
    return;
  }
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
  if (wait_locked(key, clock_.now()) == 0) return false;
  if (shared_ && failures_.size() > 100000) failures_.clear();  // only flags: one more log row at worst
  auto& f = failures_[key];
  return !std::exchange(f.refusal_noted, true);
}

void Throttle::success(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
  if (shared_) (void)shared_->clear_sign_in_failures(key);
}

}  // namespace portico::newsroom
