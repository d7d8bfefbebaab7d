// The files the server logs to: one file per day in Hà Nội (`access-2026-12-02.log`), a new
// one (`access-2026-12-02.1.log`, …) when a day's file passes its size, and files older than
// the retention deleted when a day begins and at start; past max_total_bytes (a flood) the
// oldest files go first, whatever their day. `access.log` is a link to the file
// written now (for `tail -F`). The access log holds addresses and request targets, which
// are personal data (Decree 13/2023): they are kept for log_retention_days only.
#pragma once
#include <spdlog/sinks/base_sink.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>

#include "core/clock.h"

namespace portico::app {

class DailyFileSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  // Files dir/prefix-YYYY-MM-DD[.N].log; max_bytes 0: no size limit; retention_days ≥ 1:
  // today's file and those of the days before it, retention_days in all, are kept;
  // max_total_bytes 0: no limit on all of them together.
  DailyFileSink(std::filesystem::path dir, std::string prefix, const Clock& clock, std::uint64_t max_bytes,
                int retention_days, std::uint64_t max_total_bytes = 0);
  ~DailyFileSink() override;

  std::filesystem::path current();  // the file being written

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;

 private:
  void open(std::int64_t day);  // today's newest file, or a new one past the size
  void prune(std::int64_t today);  // past the retention, then past max_total_bytes

  std::filesystem::path dir_;
  std::string prefix_;
  const Clock& clock_;
  std::uint64_t max_bytes_;
  int retention_days_;
  std::uint64_t max_total_bytes_;
  std::FILE* file_ = nullptr;
  std::filesystem::path path_;
  std::int64_t day_ = -1;
  int part_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace portico::app
