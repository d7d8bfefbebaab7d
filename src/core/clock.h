// Time source passed to everything that needs "now", so tests can fix the time.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace portico {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch (UTC).
  virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// For the HTTP and browser tests only: the system's time plus a number of seconds kept in a
// file the test writes ("3600" is an hour later), so a test moves the portal's day, a form's
// age or a scheduled time forward without sleeping. `serve --test-clock-file` is the only way
// to get one; the server then says so in its log at start. Missing or unreadable file: no offset.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(std::string path) : path_(std::move(path)) {}
  std::int64_t now() const override;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t t) : t_(t) {}
  std::int64_t now() const override { return t_; }
  void set(std::int64_t t) { t_ = t; }

 private:
  std::int64_t t_;
};

}  // namespace portico
