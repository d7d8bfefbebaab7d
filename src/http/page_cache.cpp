// The page cache: a map behind a reader-writer lock.
#include "http/page_cache.h"

#include <algorithm>
#include <mutex>

namespace portico::http {

std::optional<Response> PageCache::get(const std::string& key) const {
  std::shared_lock lock(mu_);
  auto it = map_.find(key);
  if (it == map_.end() || (it->second.expires != Steady::time_point::max() && Steady::now() >= it->second.expires)) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return Response{200, it->second.entity, it->second.headers};
}

void PageCache::put(const std::string& key, std::vector<std::string> tags, std::shared_ptr<const Entity> e,
                    std::chrono::milliseconds ttl, Fields headers) {
  auto expires = ttl.count() > 0 ? Steady::now() + ttl : Steady::time_point::max();
  std::unique_lock lock(mu_);
  std::size_t w = weight(*e);
  if (w > max_bytes_ / 4) return;
  // Full: start again rather than track recency on every hit; pages re-render in a millisecond.
  if (bytes_ + w > max_bytes_) {
    map_.clear();
    bytes_ = 0;
  }
  auto [it, inserted] = map_.try_emplace(key);
  if (!inserted) bytes_ -= weight(*it->second.entity);
  it->second = Slot{std::move(tags), std::move(e), std::move(headers), expires};
  bytes_ += w;
}

void PageCache::invalidate(const std::string& tag) {
  std::unique_lock lock(mu_);
  for (auto it = map_.begin(); it != map_.end();) {
    const auto& t = it->second.tags;
    if (std::find(t.begin(), t.end(), tag) != t.end()) {
      bytes_ -= weight(*it->second.entity);
      it = map_.erase(it);
    } else {
      ++it;
    }
  }
}

void PageCache::clear() {
  std::unique_lock lock(mu_);
  map_.clear();
  bytes_ = 0;
}

std::size_t PageCache::size() const {
  std::shared_lock lock(mu_);
  return map_.size();
}

}  // namespace portico::http
