// Visit counting: atomics on the request path, one transaction a second to the store.
#include "widgets/visits.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "render/vn_time.h"

namespace portico::widgets {

namespace {

bool scan_for_bot(std::string_view ua) {
  // Lower-cased into a stack buffer: this runs on every page view.
  char buf[512];
  std::size_t n = std::min(ua.size(), sizeof buf);
  for (std::size_t i = 0; i < n; ++i) buf[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(ua[i])));
  std::string_view lower(buf, n);
  static constexpr std::string_view kMarks[] = {
      "bot",     "crawl",       "spider", "slurp",      "facebookexternalhit", "mediapartners", "preview",
      "curl/",   "wget/",       "python", "go-http",    "java/",               "libwww",        "httpclient",
      "okhttp",  "monitor",     "uptime", "lighthouse", "pingdom",             "headless",      "scrapy",
      "feedfetcher", "zalo-link"};
  for (auto m : kMarks)
    if (lower.find(m) != std::string_view::npos) return true;
  return false;
}

}  // namespace

bool is_bot(std::string_view ua) {
  if (ua.empty()) return true;
  // A few browser versions make most of the traffic: each thread remembers its recent answers.
  thread_local std::unordered_map<std::string, bool> seen;
  if (ua.size() > 512) return scan_for_bot(ua);
  thread_local std::string key;
  key.assign(ua);
  if (auto it = seen.find(key); it != seen.end()) return it->second;
  if (seen.size() >= 1024) seen.clear();
  bool bot = scan_for_bot(ua);
  seen.emplace(key, bot);
  return bot;
}

VisitCounter::SiteCounters& VisitCounter::counters(Id site) {
  {
    std::shared_lock lock(sites_mu_);
    if (auto it = sites_.find(site); it != sites_.end()) return *it->second;
  }
  std::unique_lock lock(sites_mu_);
  auto& p = sites_[site];
  if (!p) p = std::make_unique<SiteCounters>();
  return *p;
}

std::int64_t VisitCounter::SiteCounters::pending(std::int64_t day) const {
  std::int64_t n = 0;
  for (const auto& s : stripes) n += s.pending[static_cast<std::size_t>(day & 3)].load(std::memory_order_relaxed);
  return n;
}

std::int64_t VisitCounter::SiteCounters::take(std::int64_t day) {
  std::int64_t n = 0;
  for (auto& s : stripes) n += s.pending[static_cast<std::size_t>(day & 3)].exchange(0);
  return n;
}

void VisitCounter::view(Id site, std::uint64_t visitor) {
  static std::atomic<std::size_t> next_stripe{0};
  thread_local const std::size_t stripe = next_stripe++ % SiteCounters::kStripes;
  // The last visitor this thread recorded: a keep-alive connection's next page need not
  // take the shard lock again within a few seconds (online is counted over five minutes).
  thread_local struct {
    const VisitCounter* owner = nullptr;
    Id site = 0;
    std::uint64_t visitor = 0;
    std::int64_t at = 0;
  } last;
  std::int64_t now = clock_.now();
  SiteCounters& c = counters(site);
  c.stripes[stripe].pending[static_cast<std::size_t>(render::vn_day(now) & 3)].fetch_add(1, std::memory_order_relaxed);
  if (last.owner == this && last.site == site && last.visitor == visitor && now >= last.at && now - last.at < 5) return;
  last = {this, site, visitor, now};
  Shard& s = c.shards[visitor % c.shards.size()];
  std::lock_guard lock(s.mu);
  // Bounded: past the bound a new visitor still counts as a view but not as "online now"
  // (the flush prunes visitors gone for five minutes).
  if (auto it = s.last_seen.find(visitor); it != s.last_seen.end()) it->second = now;
  else if (s.last_seen.size() < kMaxVisitorsPerShard) s.last_seen.emplace(visitor, now);
}

Status VisitCounter::load(Id site, SiteCounters& c, std::int64_t day) {
  std::int64_t month = render::vn_month_start(day);
  auto days = store_.visit_days(site, std::min(month, day - 1));
  if (!days) return days.status();
  auto total = store_.visit_total(site);
  if (!total) return total.status();
  c.today = c.yesterday = c.this_month = 0;
  for (const auto& d : *days) {
    if (d.day == day) c.today = d.views;
    if (d.day == day - 1) c.yesterday = d.views;
    if (d.day >= month && d.day <= day) c.this_month += d.views;
  }
  c.total = *total;
  c.stored_day = day;
  c.loaded = true;
  return Status::ok();
}

void VisitCounter::flush_site(Id site, SiteCounters& c, std::int64_t now) {
  std::int64_t day = render::vn_day(now);
  std::lock_guard lock(c.mu);
  std::vector<VisitDay> days;
  for (std::int64_t d : {day - 1, day, day + 1})
    if (std::int64_t n = c.take(d)) days.push_back({d, n});
  if (!days.empty()) {
    if (auto st = store_.add_visits(site, days); !st) {
      // Keep them for the next flush rather than lose them.
      for (const auto& d : days) c.stripes[0].pending[static_cast<std::size_t>(d.day & 3)].fetch_add(d.views);
      return;
    }
  }
  if (shared_ || !days.empty() || !c.loaded || c.stored_day != day)
    if (!load(site, c, day)) c.loaded = false;  // not read: the next flush tries again

  std::int64_t online = 0;
  std::vector<std::string> seen;  // shared: by this node since the last note
  for (auto& s : c.shards) {
    std::lock_guard sl(s.mu);
    for (auto it = s.last_seen.begin(); it != s.last_seen.end();) {
      if (it->second <= now - kOnlineWindow) {
        it = s.last_seen.erase(it);
      } else {
        ++online;
        if (shared_ && it->second >= c.noted) seen.push_back(std::to_string(it->first));
        ++it;
      }
    }
  }
  if (shared_) {
    // Every node's visitors: one visitor seen by two nodes is one (the hash is the same).
    if (auto all = store_.note_online(site, seen, now, now - kOnlineWindow)) {
      online = *all;
      c.noted = now;
    }
  }
  c.online = online;
}

void VisitCounter::flush() {
  std::int64_t now = clock_.now();
  std::vector<std::pair<Id, SiteCounters*>> all;
  {
    std::shared_lock lock(sites_mu_);
    for (auto& [id, c] : sites_) all.emplace_back(id, c.get());
  }
  for (auto [id, c] : all) flush_site(id, *c, now);
}

VisitStats VisitCounter::stats(Id site) {
  std::int64_t now = clock_.now();
  std::int64_t day = render::vn_day(now);
  SiteCounters& c = counters(site);
  std::lock_guard lock(c.mu);
  if (!c.loaded || c.stored_day != day)
    if (auto st = load(site, c, day); !st) throw Unavailable(st.message());
  auto pending = [&](std::int64_t d) { return c.pending(d); };
  VisitStats v;
  v.online = c.online;
  v.today = c.today + pending(day);
  v.yesterday = c.yesterday + pending(day - 1);
  v.this_month = c.this_month + pending(day) + (render::vn_month_start(day - 1) == render::vn_month_start(day) ? pending(day - 1) : 0);
  v.total = c.total + pending(day - 1) + pending(day) + pending(day + 1);
  return v;
}

}  // namespace portico::widgets
