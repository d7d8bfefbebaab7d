// What an operator's monitoring reads: /metrics in the Prometheus text format (0.0.4),
// answered only to the addresses in metrics_allow. Requests by family and status with a
// latency histogram (fed by the server after each answer), the page cache, admission,
// connections, database outages, page views, ratings and votes, the background jobs, and
// the build. Counters are atomics: recording costs a few relaxed increments a request.
#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/message.h"

namespace portico::app {

// Runs and failures of a background job (the scheduler's second, a weather round).
struct JobCounters {
  std::atomic<std::uint64_t> runs{0}, failures{0};
};

// Figures read when /metrics is asked (the server's, the cache's, the widgets').
struct Gauges {
  std::size_t connections = 0;
  int work_threads = 0, work_admitted = 0;
  std::uint64_t work_refused = 0, connections_refused = 0;
  std::uint64_t cache_hits = 0, cache_misses = 0, cache_evictions = 0;
  std::size_t cache_entries = 0, cache_bytes = 0, cache_budget = 0;
  std::uint64_t ratings = 0, votes = 0;
};

class Metrics {
 public:
  // Route families: a bounded label, from the path.
  static constexpr std::array<std::string_view, 10> kFamilies = {
      "pages", "search", "api", "newsroom", "newsroom_api", "feeds", "static", "media", "ops", "unparsed"};
  // Upper bounds of the latency histogram, in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  static std::size_t family_of(const http::Request* r);

  // After each answer (http::ServerOptions::observe).
  void observe(const http::Request* r, int status, std::chrono::microseconds took);
  void page_view() { page_views_.fetch_add(1, std::memory_order_relaxed); }
  void database_unavailable() { db_unavailable_.fetch_add(1, std::memory_order_relaxed); }
  JobCounters scheduler, weather, backup;

  // The exposition, with the gauges read now.
  std::string text(const Gauges& g) const;

 private:
  struct Family {
    std::array<std::atomic<std::uint64_t>, 500> by_status{};  // 100–599
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};  // not cumulative
    std::atomic<std::uint64_t> count{0}, micros{0};
  };
  std::array<Family, kFamilies.size()> families_;
  std::atomic<std::uint64_t> page_views_{0}, db_unavailable_{0};
};

// Whether `address` is one of `allowed` (exact, as Portico writes addresses: "127.0.0.1",
// "::1"; an IPv4 address mapped into IPv6 is read as the IPv4 one).
bool address_listed(const std::vector<std::string>& allowed, std::string_view address);

}  // namespace portico::app
