// Rendered public answers, keyed by site, URL (as the route reads it) and the visitor's
// display variant. Thread-safe, sharded. Every byte an entry holds (key, tags, headers,
// body and the codings made so far) counts against a budget; past it the least recently
// used entries go. Concurrent misses for one key render once and share the answer (single
// flight). Any write to a site's content drops that site's entries (by tag "site:ID"), so a
// cached page is never older than the data it shows.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.h"

namespace portico::http {

class PageCache {
 public:
  // An expired entry that was asked for again after it was made may be kept for `keep_stale`
  // past its time (for get with a grace); one nobody asked for again goes when it expires.
  explicit PageCache(std::size_t max_bytes = 256u << 20, std::chrono::milliseconds keep_stale = {});

  // A 200 answer: its entity and the headers that describe it (an API page's Link). An
  // entry whose time ran out less than `grace` ago is still given, and `late` says by how
  // much (zero: fresh), so a busy server can serve a live page a little late rather than
  // queue its redraw; it stays until a put replaces it or grace runs out.
  std::optional<Response> get(const std::string& key, std::chrono::milliseconds grace = {},
                              std::chrono::milliseconds* late = nullptr);
  // Tags group entries for invalidation ("site:1", "path:/bai-viet/x"). A page that shows
  // live numbers (visits, ratings, polls) is kept for ttl only: it is never staler than that.
  void put(const std::string& key, std::vector<std::string> tags, std::shared_ptr<const Entity> e,
           std::chrono::milliseconds ttl = std::chrono::milliseconds::zero(), Fields headers = {});

  // What a render produced, and whether (and how) to keep it.
  struct Made {
    Response response;
    bool keep = false;
    std::vector<std::string> tags;
    std::chrono::milliseconds ttl{0};
  };
  // The cached answer for key, or the one make() returns. Callers that miss the same key
  // at the same time wait for the first one's render and share its answer when it is kept
  // (otherwise each renders its own). hit: the answer was not rendered by this call. A
  // page's first draw keeps the fast coding levels it was made with; a redraw of an entry
  // that was read since it was made is coded at the levels of a reused page.
  Response get_or_make(const std::string& key, const std::function<Made()>& make, bool& hit);

  // True while a render of key is running (a get_or_make now would wait for it).
  bool in_flight(const std::string& key);
  // True for the one caller that should draw key (the entry is past its time, or there is
  // none): the others are served the old entry meanwhile, or join the draw without taking a
  // place in the queue. Claimable again after `window` if no new entry came by then.
  bool claim_redraw(const std::string& key, std::chrono::milliseconds window);

  void invalidate(const std::string& tag);
  void clear();

  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  std::uint64_t evictions() const { return evictions_; }
  std::size_t size();
  std::size_t bytes();  // counted against the budget now
  std::size_t budget() const { return shard_budget_ * kShards; }

 private:
  using Steady = std::chrono::steady_clock;
  struct Slot {
    std::string key;
    std::vector<std::string> tags;
    std::shared_ptr<const Entity> entity;
    Fields headers;
    Steady::time_point expires;  // max(): never
    std::size_t weight = 0;
    bool reused = false;  // found by a lookup since it was made
  };
  struct Flight {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    std::optional<Response> shared;  // the leader's answer, when it was kept
  };
  struct Shard {
    std::mutex mu;                // guards the rest
    std::list<Slot> lru;          // most recently used first
    std::unordered_map<std::string_view, std::list<Slot>::iterator> map;  // keys point into lru
    std::size_t bytes = 0;
    std::unordered_map<std::string, std::shared_ptr<Flight>> flights;
    // Draws claimed and not landed yet (claim_redraw), with when; a put or a finished
    // render of the key ends its claim.
    std::unordered_map<std::string, Steady::time_point> claims;
  };
  static constexpr std::size_t kShards = 8;

  Shard& shard_for(std::string_view key) { return shards_[std::hash<std::string_view>{}(key) % kShards]; }
  static std::size_t weight(const Slot& s);
  // Under the shard's lock: a fresh entry (or, with a grace, one expired within it: *late)
  // moved to the front, or nullopt. An entry expired longer than grace ago is dropped;
  // with no grace an expired entry is a miss but stays for callers that allow one (expired
  // entries go when they reach the far end of the list, as every new entry looks there).
  std::optional<Response> lookup(Shard& sh, const std::string& key, Steady::duration grace = {},
                                 std::chrono::milliseconds* late = nullptr);
  void erase(Shard& sh, std::list<Slot>::iterator it);
  void evict(Shard& sh);  // until the shard is within its budget

  std::size_t shard_budget_;
  Steady::duration keep_stale_;
  Shard shards_[kShards];
  std::atomic<std::uint64_t> hits_{0}, misses_{0}, evictions_{0};
};

}  // namespace portico::http
