#include "app/node_link.h"

#include <algorithm>
#include <charconv>
#include <thread>

#include "core/secrets.h"

namespace portico::app {

namespace {
// Changes kept while the channel cannot send: past this many, one "everything" says it all.
constexpr std::size_t kMaxQueued = 10000;
constexpr std::chrono::seconds kLeadEvery{1};
constexpr std::chrono::milliseconds kRetry{250};
constexpr const char* kJobs = "jobs";  // the lock of the once-per-installation jobs
}  // namespace

NodeLink::NodeLink(std::unique_ptr<Channel> channel) : channel_(std::move(channel)), node_(random_token().substr(0, 12)) {}

void NodeLink::changed(Id site, const std::string& path) { queue({Change::pages, site, path}); }

void NodeLink::sites_read_again() { queue({Change::sites, 0, {}}); }

void NodeLink::queue(Change c) {
  if (!channel_) return;
  std::lock_guard lock(mu_);
  if (std::find(queued_.begin(), queued_.end(), c) != queued_.end()) return;
  if (queued_.size() >= kMaxQueued) {
    queued_.assign(1, {Change::everything, 0, {}});
    return;
  }
  queued_.push_back(std::move(c));
}

std::vector<std::string> NodeLink::encode(const std::string& node, const std::vector<Change>& changes) {
  std::vector<std::string> out;
  std::string head = "portico " + node + "\n";
  std::string msg = head;
  for (const auto& c : changes) {
    std::string line = c.kind == Change::everything ? "e"
                       : c.kind == Change::sites    ? "s"
                       : "p " + std::to_string(c.site) + (c.path.empty() ? "" : " " + c.path);
    if (head.size() + line.size() + 1 > Channel::kMaxMessage) line = "p " + std::to_string(c.site);  // the whole site
    line += '\n';
    if (msg.size() + line.size() > Channel::kMaxMessage) {
      out.push_back(std::move(msg));
      msg = head;
    }
    msg += line;
  }
  if (msg.size() > head.size()) out.push_back(std::move(msg));
  return out;
}

std::vector<NodeLink::Change> NodeLink::decode(const std::string& node, const std::string& message) {
  std::vector<Change> out;
  std::string_view rest(message);
  auto next_line = [&] {
    auto end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    return line;
  };
  std::string_view head = next_line();
  if (!head.starts_with("portico ") || head.substr(8) == node) return out;
  while (!rest.empty()) {
    std::string_view line = next_line();
    if (line == "e") {
      out.push_back({Change::everything, 0, {}});
    } else if (line == "s") {
      out.push_back({Change::sites, 0, {}});
    } else if (line.starts_with("p ")) {
      line.remove_prefix(2);
      auto space = line.find(' ');
      std::string_view id = line.substr(0, space);
      Id site = 0;
      auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), site);
      if (ec != std::errc() || end != id.data() + id.size() || site <= 0) continue;
      std::string path = space == std::string_view::npos ? std::string() : std::string(line.substr(space + 1));
      if (!path.empty() && path.front() != '/') continue;
      out.push_back({Change::pages, site, std::move(path)});
    }
  }
  return out;
}

void NodeLink::run(std::stop_token stop, const std::function<void(bool warning, const std::string&)>& log) {
  if (!channel_) return;
  bool failing = false;
  auto lead = [&](bool now) {
    if (leads_.exchange(now) != now)
      log(false, now ? "máy chủ này chạy các việc chung của cả hệ thống (lấy số liệu thời tiết)"
                     : "máy chủ này thôi chạy các việc chung của cả hệ thống");
  };
  auto fail = [&](const Status& st) {
    lead(false);
    if (!failing) log(true, "mất kênh liên lạc với các máy chủ khác: " + st.message());
    failing = true;
    std::this_thread::sleep_for(kRetry);
  };
  auto led_at = std::chrono::steady_clock::time_point{};
  while (!stop.stop_requested()) {
    std::vector<Change> out;
    {
      std::lock_guard lock(mu_);
      out.swap(queued_);
    }
    Status sent;
    for (const auto& message : encode(node_, out))
      if (sent = channel_->send(message); !sent) break;
    if (!sent) {
      // Sent again after the reconnection (a part may be sent twice: dropping a page twice is harmless).
      for (auto& c : out) queue(std::move(c));
      fail(sent);
      continue;
    }
    if (auto now = std::chrono::steady_clock::now(); now - led_at >= kLeadEvery) {
      led_at = now;
      auto leads = channel_->lead(kJobs);
      if (!leads) {
        fail(leads.status());
        continue;
      }
      lead(*leads);
    }
    auto heard = channel_->receive(kBatch);
    if (!heard) {
      fail(heard.status());
      continue;
    }
    if (failing) log(true, "đã kết nối lại kênh liên lạc với các máy chủ khác");
    failing = false;
    std::vector<Change> in;
    if (heard->reconnected) in.push_back({Change::everything, 0, {}});
    for (const auto& m : heard->messages)
      for (auto& c : decode(node_, m)) in.push_back(std::move(c));
    if (!in.empty() && heard_) heard_(in);
  }
}

}  // namespace portico::app
