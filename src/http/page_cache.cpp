// The page cache: eight shards, each a hash map over a recency list under its own mutex.
#include "http/page_cache.h"

#include <algorithm>

namespace portico::http {

PageCache::PageCache(std::size_t max_bytes, std::chrono::milliseconds keep_stale)
    : shard_budget_(std::max<std::size_t>(max_bytes / kShards, 4096)), keep_stale_(keep_stale) {}

std::size_t PageCache::weight(const Slot& s) {
  // The list node, the map's node and bucket, the strings' heap blocks: a fixed 160 bytes
  // stands for the bookkeeping, the rest is counted as allocated.
  std::size_t w = 160 + 2 * s.key.capacity() + (s.entity ? s.entity->bytes() : 0);
  for (const auto& t : s.tags) w += sizeof(std::string) + t.capacity();
  for (const auto& [k, v] : s.headers) w += 2 * sizeof(std::string) + k.capacity() + v.capacity();
  return w;
}

void PageCache::erase(Shard& sh, std::list<Slot>::iterator it) {
  sh.bytes -= it->weight;
  sh.map.erase(std::string_view(it->key));
  sh.lru.erase(it);
}

void PageCache::evict(Shard& sh) {
  while (sh.bytes > shard_budget_ && !sh.lru.empty()) {
    erase(sh, std::prev(sh.lru.end()));
    ++evictions_;
  }
}

std::optional<Response> PageCache::lookup(Shard& sh, const std::string& key, Steady::duration grace,
                                          std::chrono::milliseconds* late) {
  auto found = sh.map.find(std::string_view(key));
  if (found == sh.map.end()) return std::nullopt;
  auto it = found->second;
  if (it->expires != Steady::time_point::max()) {
    auto now = Steady::now();
    if (now >= it->expires) {
      // With no grace: a miss that leaves the entry until the redraw replaces it (others may
      // be served it meanwhile). Within grace: the caller's to take. Past it: dropped.
      if (grace == Steady::duration::zero()) return std::nullopt;
      if (now >= it->expires + grace) {
        erase(sh, it);
        return std::nullopt;
      }
      if (late) *late = std::max(std::chrono::milliseconds(1), std::chrono::duration_cast<std::chrono::milliseconds>(now - it->expires));
    }
  }
  sh.lru.splice(sh.lru.begin(), sh.lru, it);
  it->reused = true;
  // The codings a client asked for since the last look are counted now.
  std::size_t w = weight(*it);
  if (w != it->weight) {
    sh.bytes += w - it->weight;
    it->weight = w;
    evict(sh);  // never the entry just moved to the front, unless it alone is over budget
    if (sh.map.find(std::string_view(key)) == sh.map.end()) return std::nullopt;
  }
  return Response{200, it->entity, it->headers};
}

std::optional<Response> PageCache::get(const std::string& key, std::chrono::milliseconds grace,
                                       std::chrono::milliseconds* late) {
  Shard& sh = shard_for(key);
  std::lock_guard lock(sh.mu);
  if (late) *late = {};
  auto r = lookup(sh, key, grace, late);
  ++(r ? hits_ : misses_);
  return r;
}

void PageCache::put(const std::string& key, std::vector<std::string> tags, std::shared_ptr<const Entity> e,
                    std::chrono::milliseconds ttl, Fields headers) {
  Slot slot{key, std::move(tags), std::move(e), std::move(headers),
            ttl.count() > 0 ? Steady::now() + ttl : Steady::time_point::max()};
  slot.weight = weight(slot);
  if (slot.weight > shard_budget_ / 2) return;  // one entry may not take half a shard
  Shard& sh = shard_for(key);
  std::lock_guard lock(sh.mu);
  sh.claims.erase(key);
  if (auto found = sh.map.find(std::string_view(key)); found != sh.map.end()) erase(sh, found->second);
  sh.lru.push_front(std::move(slot));
  sh.map.emplace(std::string_view(sh.lru.front().key), sh.lru.begin());
  sh.bytes += sh.lru.front().weight;
  // Entries that outlived their time gather at the far end (a crawl asks each page once):
  // a few go with every new one, so memory holds live pages rather than the budget's worth.
  // One that was asked for again since it last came here gets a second chance at the front:
  // it may be served stale (within keep_stale) while it is asked for.
  auto now = Steady::now();
  for (int i = 0; i < 4 && sh.lru.size() > 1 && sh.lru.back().expires <= now; ++i) {
    auto last = std::prev(sh.lru.end());
    if (last->reused && last->expires + keep_stale_ > now) {
      last->reused = false;
      sh.lru.splice(sh.lru.begin(), sh.lru, last);
    } else {
      erase(sh, last);
    }
  }
  evict(sh);
}

bool PageCache::in_flight(const std::string& key) {
  Shard& sh = shard_for(key);
  std::lock_guard lock(sh.mu);
  return sh.flights.contains(key);
}

bool PageCache::claim_redraw(const std::string& key, std::chrono::milliseconds window) {
  Shard& sh = shard_for(key);
  std::lock_guard lock(sh.mu);
  auto now = Steady::now();
  // Bounded: claims that never led to an entry (refused, or not kept) go once stale.
  if (sh.claims.size() >= 4096) std::erase_if(sh.claims, [&](const auto& c) { return now >= c.second + window; });
  auto [it, fresh] = sh.claims.try_emplace(key, now);
  if (!fresh && now < it->second + window) return false;
  it->second = now;
  return true;
}

Response PageCache::get_or_make(const std::string& key, const std::function<Made()>& make, bool& hit) {
  Shard& sh = shard_for(key);
  std::shared_ptr<Flight> flight;
  bool leader = false;
  bool read_again = false;  // the entry this draw replaces was read since it was made
  {
    std::lock_guard lock(sh.mu);
    if (auto r = lookup(sh, key)) {
      ++hits_;
      hit = true;
      return *r;
    }
    if (auto old = sh.map.find(std::string_view(key)); old != sh.map.end()) read_again = old->second->reused;
    auto [it, inserted] = sh.flights.try_emplace(key);
    if (inserted) it->second = std::make_shared<Flight>();
    flight = it->second;
    leader = inserted;
  }
  if (!leader) {
    std::unique_lock lock(flight->mu);
    flight->cv.wait(lock, [&] { return flight->done; });
    if (flight->shared) {
      ++hits_;
      hit = true;
      return *flight->shared;
    }
    lock.unlock();
    hit = false;
    ++misses_;
    return make().response;  // the leader's answer was personal or an error: draw our own
  }
  ++misses_;
  hit = false;
  auto land = [&](std::optional<Response> shared) {
    {
      std::lock_guard lock(sh.mu);
      sh.flights.erase(key);
      sh.claims.erase(key);  // drawn (or not kept): the next miss claims it afresh
    }
    {
      std::lock_guard lock(flight->mu);
      flight->done = true;
      flight->shared = std::move(shared);
    }
    flight->cv.notify_all();
  };
  Made made;
  try {
    made = make();
  } catch (...) {
    land(std::nullopt);
    throw;
  }
  if (made.keep && made.response.entity) {
    // A page read again will be sent many times from this draw: worth its bytes.
    if (read_again && made.response.entity->compression == Compression::fast)
      made.response.entity = with_compression(*made.response.entity, Compression::reused);
    put(key, std::move(made.tags), made.response.entity, made.ttl, made.response.headers);
    land(made.response);
  } else {
    land(std::nullopt);
  }
  return std::move(made.response);
}

void PageCache::invalidate(const std::string& tag) {
  for (Shard& sh : shards_) {
    std::lock_guard lock(sh.mu);
    for (auto it = sh.lru.begin(); it != sh.lru.end();) {
      auto next = std::next(it);
      if (std::find(it->tags.begin(), it->tags.end(), tag) != it->tags.end()) erase(sh, it);
      it = next;
    }
  }
}

void PageCache::clear() {
  for (Shard& sh : shards_) {
    std::lock_guard lock(sh.mu);
    sh.map.clear();
    sh.lru.clear();
    sh.claims.clear();
    sh.bytes = 0;
  }
}

std::size_t PageCache::size() {
  std::size_t n = 0;
  for (Shard& sh : shards_) {
    std::lock_guard lock(sh.mu);
    n += sh.map.size();
  }
  return n;
}

std::size_t PageCache::bytes() {
  std::size_t n = 0;
  for (Shard& sh : shards_) {
    std::lock_guard lock(sh.mu);
    n += sh.bytes;
  }
  return n;
}

}  // namespace portico::http
