#include "app/log_files.h"

#include <algorithm>
#include <charconv>
#include <vector>
#include <system_error>

#include "render/vn_time.h"

namespace portico::app {

namespace fs = std::filesystem;

namespace {

// "access-2026-12-02.3.log" → day and part; false for any other name.
bool parse_name(const std::string& name, const std::string& prefix, std::int64_t& day, int& part) {
  if (name.size() < prefix.size() + 15 || name.compare(0, prefix.size() + 1, prefix + "-") != 0) return false;
  if (name.compare(name.size() - 4, 4, ".log") != 0) return false;
  std::string date = name.substr(prefix.size() + 1, 10);
  day = render::parse_day(date);
  if (day < 0) return false;
  std::string rest = name.substr(prefix.size() + 11, name.size() - prefix.size() - 15);
  part = 0;
  if (rest.empty()) return true;
  if (rest[0] != '.' || rest.size() < 2) return false;
  auto [p, ec] = std::from_chars(rest.data() + 1, rest.data() + rest.size(), part);
  return ec == std::errc() && p == rest.data() + rest.size();
}

}  // namespace

DailyFileSink::DailyFileSink(fs::path dir, std::string prefix, const Clock& clock, std::uint64_t max_bytes,
                             int retention_days, std::uint64_t max_total_bytes)
    : dir_(std::move(dir)), prefix_(std::move(prefix)), clock_(clock), max_bytes_(max_bytes),
      retention_days_(retention_days < 1 ? 1 : retention_days), max_total_bytes_(max_total_bytes) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  std::int64_t today = render::vn_day(clock_.now());
  prune(today);
  // Go on with today's newest file.
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    std::int64_t day;
    int part;
    if (parse_name(e.path().filename().string(), prefix_, day, part) && day == today && part > part_) part_ = part;
  }
  open(today);
}

DailyFileSink::~DailyFileSink() {
  if (file_) std::fclose(file_);
}

fs::path DailyFileSink::current() {
  std::lock_guard lock(mutex_);
  return path_;
}

void DailyFileSink::open(std::int64_t day) {
  if (file_) std::fclose(file_);
  if (day != day_) {
    if (day_ >= 0) part_ = 0;
    day_ = day;
  }
  for (;;) {
    std::string name = prefix_ + "-" + render::format_day_iso(day) + (part_ ? "." + std::to_string(part_) : "") + ".log";
    path_ = dir_ / name;
    std::error_code ec;
    auto size = fs::file_size(path_, ec);
    bytes_ = ec ? 0 : size;
    if (max_bytes_ == 0 || bytes_ < max_bytes_) break;
    ++part_;
  }
  file_ = std::fopen(path_.c_str(), "ab");
  // The link that names the file being written: made beside it, then renamed over the old one.
  std::error_code ec;
  fs::path link = dir_ / (prefix_ + ".log"), tmp = dir_ / ("." + prefix_ + ".log.new");
  fs::remove(tmp, ec);
  fs::create_symlink(path_.filename(), tmp, ec);
  if (!ec) fs::rename(tmp, link, ec);
}

void DailyFileSink::prune(std::int64_t today) {
  struct File {
    std::int64_t day;
    int part;
    fs::path path;
    std::uint64_t bytes;
  };
  std::vector<File> kept;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    std::int64_t day;
    int part;
    if (!parse_name(e.path().filename().string(), prefix_, day, part)) continue;
    std::error_code rm;
    if (day <= today - retention_days_) {
      fs::remove(e.path(), rm);
      continue;
    }
    auto bytes = fs::file_size(e.path(), rm);
    kept.push_back({day, part, e.path(), rm ? 0 : bytes});
    total += kept.back().bytes;
  }
  if (max_total_bytes_ == 0 || total <= max_total_bytes_) return;
  std::sort(kept.begin(), kept.end(), [](const File& a, const File& b) {
    return a.day != b.day ? a.day < b.day : a.part < b.part;
  });
  for (const auto& f : kept) {
    if (total <= max_total_bytes_ || f.path == path_) break;  // the file being written stays
    std::error_code rm;
    if (fs::remove(f.path, rm)) total -= f.bytes;
  }
}

void DailyFileSink::sink_it_(const spdlog::details::log_msg& msg) {
  std::int64_t today = render::vn_day(clock_.now());
  if (today != day_) {
    prune(today);
    open(today);
  } else if (max_bytes_ && bytes_ >= max_bytes_) {
    ++part_;
    open(today);
    if (max_total_bytes_) prune(today);
  }
  if (!file_) return;  // the disk refused the file: the line is lost, the request is not
  spdlog::memory_buf_t line;
  formatter_->format(msg, line);
  bytes_ += std::fwrite(line.data(), 1, line.size(), file_);
}

void DailyFileSink::flush_() {
  if (file_) std::fflush(file_);
}

}  // namespace portico::app
