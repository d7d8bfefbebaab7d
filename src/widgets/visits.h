// Visit statistics (Thống kê truy cập): page views counted in memory on every public page
// view, cached or not, and flushed to the store at most once a second (and on shutdown).
// Days roll over at midnight in Asia/Ho_Chi_Minh. Known bots are not counted.
// view() is called from every server thread and takes no global lock: per-site atomics for
// the views and a sharded map for the visitors seen in the last five minutes.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "store/store.h"

namespace portico::widgets {

struct VisitStats {
  std::int64_t online = 0;  // distinct visitors in the last five minutes
  std::int64_t today = 0, yesterday = 0, this_month = 0, total = 0;
};

// Crawlers, link previewers and scripted clients, by User-Agent. An empty one counts as a bot.
bool is_bot(std::string_view user_agent);

class VisitCounter {
 public:
  static constexpr std::int64_t kOnlineWindow = 300;
  static constexpr std::size_t kMaxVisitorsPerShard = 16384;  // 16 shards: 262,144 online at most

  VisitCounter(Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  // Other nodes count views of the same sites (app/node_link.h): the totals are read again
  // at every flush, and "online now" is counted in the database, over every node's visitors.
  void share_with_other_nodes() { shared_ = true; }

  // One page view by a visitor (a hash of the visitor cookie, or of address and browser).
  void view(Id site, std::uint64_t visitor);
  // Writes pending views to the store in one transaction and refreshes the totals; drops
  // visitors not seen for five minutes. Called once a second and at shutdown.
  void flush();
  VisitStats stats(Id site);

 private:
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::uint64_t, std::int64_t> last_seen;
  };
  struct SiteCounters {
    // Views not yet written, by day modulo 4: the flush at day d takes d-1, d and d+1,
    // so a view counted just across midnight still lands on its own day. Striped by thread,
    // each stripe on its own cache line, so server threads never share a counter.
    struct alignas(64) Stripe {
      std::array<std::atomic<std::int64_t>, 4> pending{};
    };
    static constexpr std::size_t kStripes = 8;
    std::array<Stripe, kStripes> stripes;
    std::int64_t pending(std::int64_t day) const;  // summed over stripes
    std::int64_t take(std::int64_t day);           // and reset
    std::array<Shard, 16> shards;
    std::atomic<std::int64_t> online{0};
    std::mutex mu;  // guards the stored totals below and serialises flushes
    bool loaded = false;
    std::int64_t stored_day = 0;  // the day the stored totals were read for
    std::int64_t noted = 0;       // shared: visitors seen since then are not yet in the database
    std::int64_t today = 0, yesterday = 0, this_month = 0, total = 0;
  };
  SiteCounters& counters(Id site);
  void flush_site(Id site, SiteCounters& c, std::int64_t now);
  Status load(Id site, SiteCounters& c, std::int64_t day);  // caller holds c.mu

  Store& store_;
  const Clock& clock_;
  std::atomic<bool> shared_{false};
  std::shared_mutex sites_mu_;  // guards sites_ (a site is added once, then only looked up)
  std::unordered_map<Id, std::unique_ptr<SiteCounters>> sites_;
};

}  // namespace portico::widgets
