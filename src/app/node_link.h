// The other Portico processes ("nodes") on the same database. What this node changes that
// others keep in memory (cached pages, the sites and their categories) is sent to them, and
// what they change is applied here, through the database's Channel (store.h): PostgreSQL's
// LISTEN/NOTIFY. Changes are gathered for kBatch and sent as one message, so a burst of
// them (ratings drop pages) costs one notification. A node whose connection to the channel
// was lost cannot know what it missed: it drops everything it keeps (Change::everything).
// Jobs that must run once per installation are led by one node at a time (leads()). Without
// a channel (SQLite: one process), the node is alone: it sends nothing and leads every job.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

#include "store/store.h"

namespace portico::app {

class NodeLink {
 public:
  struct Change {
    enum Kind { pages, sites, everything };
    Kind kind = pages;
    Id site = 0;        // pages: the site (its pages, or the one page)
    std::string path;   // pages: one page; empty: the whole site
    bool operator==(const Change&) const = default;
  };
  static constexpr std::chrono::milliseconds kBatch{50};

  // channel: null when this node is alone.
  explicit NodeLink(std::unique_ptr<Channel> channel);

  // What this node changed: queued, sent within kBatch.
  void changed(Id site, const std::string& path);
  void sites_read_again();
  // What the other nodes changed, for this node to apply (from run()'s thread).
  void on_heard(std::function<void(const std::vector<Change>&)> f) { heard_ = std::move(f); }
  // Whether this node runs the jobs of which one runs per installation (weather).
  bool leads() const { return !channel_ || leads_.load(); }
  bool alone() const { return !channel_; }

  // The link's thread: sends what is queued, applies what is heard, keeps or takes the lead;
  // returns when stop is requested. log(warning, text): the channel lost (once per outage)
  // and found again, and the lead taken or lost.
  void run(std::stop_token stop, const std::function<void(bool warning, const std::string&)>& log);

  // The wire form, one change a line after the sender's name: "portico <node>", then
  // "p <site>", "p <site> <path>" or "s". Public for the tests.
  static std::vector<std::string> encode(const std::string& node, const std::vector<Change>& changes);
  // The changes of a message from another node; none from this node or a malformed one.
  static std::vector<Change> decode(const std::string& node, const std::string& message);

 private:
  void queue(Change c);

  std::unique_ptr<Channel> channel_;
  std::string node_;  // random: this process's name on the channel
  std::mutex mu_;
  std::vector<Change> queued_;
  std::function<void(const std::vector<Change>&)> heard_;
  std::atomic<bool> leads_{false};
};

}  // namespace portico::app
