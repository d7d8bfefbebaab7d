// A warning that can repeat thousands of times a second, written at most once a second.
#pragma once
#include <spdlog/logger.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace portico::http {

// A warning that can repeat thousands of times a second (accept failing for lack of
// descriptors, a busy database under load) is written at most once a second, with the count
// of those left out.
class RareLog {
 public:
  template <typename... Args>
  void warn(spdlog::logger* log, fmt::format_string<Args...> f, Args&&... args) {
    if (!log) return;
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    auto last = last_.load();
    if (now == last || !last_.compare_exchange_strong(last, now)) {
      ++dropped_;
      return;
    }
    auto dropped = dropped_.exchange(0);
    std::string text = fmt::format(f, std::forward<Args>(args)...);
    if (dropped) log->warn("{} (và {} lần nữa trong giây trước)", text, dropped);
    else log->warn("{}", text);
  }

 private:
  std::atomic<std::int64_t> last_{-1};
  std::atomic<std::uint64_t> dropped_{0};
};

}  // namespace portico::http
