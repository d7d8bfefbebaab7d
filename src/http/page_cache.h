// Rendered public pages with their gzip and brotli encodings, keyed by site, URL and the
// visitor's display variant. Thread-safe. Any write to a site's content clears that site's
// pages (by tag "site:ID"), so a cached page is never older than the data it shows.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/message.h"

namespace portico::http {

class PageCache {
 public:
  explicit PageCache(std::size_t max_bytes = 256u << 20) : max_bytes_(max_bytes) {}

  // A 200 answer: its entity and the headers that describe it (an API page's Link).
  std::optional<Response> get(const std::string& key) const;
  // Tags group entries for invalidation ("site:1", "path:/bai-viet/x"). A page that shows
  // live numbers (visits, ratings, polls) is kept for ttl only: it is never staler than that.
  void put(const std::string& key, std::vector<std::string> tags, std::shared_ptr<const Entity> e,
           std::chrono::milliseconds ttl = std::chrono::milliseconds::zero(), Fields headers = {});
  void invalidate(const std::string& tag);
  void clear();

  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  std::size_t size() const;

 private:
  using Steady = std::chrono::steady_clock;
  struct Slot {
    std::vector<std::string> tags;
    std::shared_ptr<const Entity> entity;
    Fields headers;
    Steady::time_point expires;  // max(): never
  };
  static std::size_t weight(const Entity& e) { return e.identity.size() + e.gzip.size() + e.br.size() + 256; }

  mutable std::shared_mutex mu_;  // guards map_ and bytes_
  std::unordered_map<std::string, Slot> map_;
  std::size_t bytes_ = 0;
  std::size_t max_bytes_;
  mutable std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

}  // namespace portico::http
