#include "app/metrics.h"

#include <algorithm>
#include <fmt/format.h>

namespace portico::app {

namespace {
bool starts(std::string_view path, std::string_view prefix) { return path.substr(0, prefix.size()) == prefix; }
constexpr std::size_t family_index(std::string_view name) {
  for (std::size_t i = 0; i < Metrics::kFamilies.size(); ++i)
    if (Metrics::kFamilies[i] == name) return i;
  return 0;
}
}  // namespace

std::size_t Metrics::family_of(const http::Request* r) {
  if (!r) return family_index("unparsed");
  std::string_view p = r->path;
  if (p == "/healthz" || p == "/readyz" || p == "/metrics") return family_index("ops");
  if (starts(p, "/static/") || starts(p, "/giao-dien/")) return family_index("static");
  if (starts(p, "/media/")) return family_index("media");
  if (starts(p, "/api/v1/newsroom/") || p == "/api/v1/newsroom") return family_index("newsroom_api");
  if (starts(p, "/api/v1/search")) return family_index("search");
  if (starts(p, "/api/")) return family_index("api");
  if (starts(p, "/quan-tri") || starts(p, "/xem-truoc/")) return family_index("newsroom");
  if (starts(p, "/tim-kiem")) return family_index("search");
  if (starts(p, "/rss") || starts(p, "/sitemap") || p == "/robots.txt") return family_index("feeds");
  return family_index("pages");
}

void Metrics::observe(const http::Request* r, int status, std::chrono::microseconds took) {
  Family& f = families_[family_of(r)];
  if (status >= 100 && status <= 599) f.by_status[static_cast<std::size_t>(status - 100)].fetch_add(1, std::memory_order_relaxed);
  double seconds = static_cast<double>(took.count()) / 1e6;
  auto b = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
  if (b != kBuckets.end()) f.buckets[static_cast<std::size_t>(b - kBuckets.begin())].fetch_add(1, std::memory_order_relaxed);
  f.count.fetch_add(1, std::memory_order_relaxed);
  f.micros.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(0, took.count())), std::memory_order_relaxed);
}

std::string Metrics::text(const Gauges& g) const {
  std::string out;
  auto head = [&](std::string_view name, std::string_view type, std::string_view help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  };
  auto one = [&](std::string_view name, std::string_view type, std::string_view help, auto value) {
    head(name, type, help);
    out += fmt::format("{} {}\n", name, value);
  };
  head("portico_build_info", "gauge", "The running build.");
  out += "portico_build_info{version=\"" PORTICO_VERSION "\"} 1\n";

  head("portico_http_requests_total", "counter", "Answers sent, by route family and status.");
  for (std::size_t i = 0; i < families_.size(); ++i)
    for (std::size_t s = 0; s < families_[i].by_status.size(); ++s)
      if (auto n = families_[i].by_status[s].load(std::memory_order_relaxed))
        out += fmt::format("portico_http_requests_total{{family=\"{}\",status=\"{}\"}} {}\n", kFamilies[i], s + 100, n);
  head("portico_http_request_duration_seconds", "histogram",
       "From a request's head read to its answer's last byte sent, by route family.");
  for (std::size_t i = 0; i < families_.size(); ++i) {
    const Family& f = families_[i];
    std::uint64_t count = f.count.load(std::memory_order_relaxed);
    if (!count) continue;
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += f.buckets[b].load(std::memory_order_relaxed);
      out += fmt::format("portico_http_request_duration_seconds_bucket{{family=\"{}\",le=\"{}\"}} {}\n", kFamilies[i],
                         kBuckets[b], cumulative);
    }
    // Read apart from the buckets, so +Inf is at least their sum.
    out += fmt::format("portico_http_request_duration_seconds_bucket{{family=\"{}\",le=\"+Inf\"}} {}\n", kFamilies[i],
                       std::max(count, cumulative));
    out += fmt::format("portico_http_request_duration_seconds_sum{{family=\"{}\"}} {:.6f}\n", kFamilies[i],
                       static_cast<double>(f.micros.load(std::memory_order_relaxed)) / 1e6);
    out += fmt::format("portico_http_request_duration_seconds_count{{family=\"{}\"}} {}\n", kFamilies[i],
                       std::max(count, cumulative));
  }
  one("portico_page_cache_hits_total", "counter", "Page cache lookups that found a page.", g.cache_hits);
  one("portico_page_cache_misses_total", "counter", "Page cache lookups that found none.", g.cache_misses);
  one("portico_page_cache_evictions_total", "counter", "Pages dropped to keep within the budget.", g.cache_evictions);
  one("portico_page_cache_entries", "gauge", "Pages and fragments in the cache.", g.cache_entries);
  one("portico_page_cache_bytes", "gauge", "Bytes the cached answers take.", g.cache_bytes);
  one("portico_page_cache_budget_bytes", "gauge", "The cache's budget (page_cache_mb).", g.cache_budget);
  one("portico_connections_open", "gauge", "Open client connections.", g.connections);
  one("portico_connections_refused_total", "counter", "Connections refused past max_connections.", g.connections_refused);
  one("portico_work_threads", "gauge", "Uncached work that may run at once.", g.work_threads);
  one("portico_work_admitted", "gauge", "Uncached work running or waiting.", g.work_admitted);
  one("portico_work_refused_total", "counter", "Uncached work refused (503, or an older page instead).", g.work_refused);
  one("portico_database_unavailable_total", "counter", "Answers of 503 because the database was busy or away.",
      db_unavailable_.load(std::memory_order_relaxed));
  one("portico_page_views_total", "counter", "Page views counted for the visit statistics.",
      page_views_.load(std::memory_order_relaxed));
  one("portico_ratings_total", "counter", "Article ratings written.", g.ratings);
  one("portico_votes_total", "counter", "Poll votes written.", g.votes);
  head("portico_job_runs_total", "counter", "Runs of the background jobs.");
  out += fmt::format("portico_job_runs_total{{job=\"scheduler\"}} {}\n", scheduler.runs.load());
  out += fmt::format("portico_job_runs_total{{job=\"weather\"}} {}\n", weather.runs.load());
  out += fmt::format("portico_job_runs_total{{job=\"backup\"}} {}\n", backup.runs.load());
  head("portico_job_failures_total", "counter", "Runs of the background jobs that failed.");
  out += fmt::format("portico_job_failures_total{{job=\"scheduler\"}} {}\n", scheduler.failures.load());
  out += fmt::format("portico_job_failures_total{{job=\"weather\"}} {}\n", weather.failures.load());
  out += fmt::format("portico_job_failures_total{{job=\"backup\"}} {}\n", backup.failures.load());
  return out;
}

bool address_listed(const std::vector<std::string>& allowed, std::string_view address) {
  if (address.starts_with("::ffff:") && address.find('.') != std::string_view::npos) address.remove_prefix(7);
  return std::find(allowed.begin(), allowed.end(), address) != allowed.end();
}

}  // namespace portico::app
