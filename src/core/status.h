// Errors as values across module boundaries: Status and Result<T>.
#pragma once
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace portico {

enum class Code { ok, not_found, gone, invalid, conflict, forbidden, unsupported, io };

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status ok() { return {}; }
  static Status error(Code c, std::string msg) { return Status(c, std::move(msg)); }
  bool is_ok() const { return code_ == Code::ok; }
  explicit operator bool() const { return is_ok(); }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::ok;
  std::string message_;
};

// A value or the Status that explains its absence.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status s) : v_(std::move(s)) {}      // NOLINT
  bool is_ok() const { return v_.index() == 0; }
  explicit operator bool() const { return is_ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  Status status() const { return is_ok() ? Status::ok() : std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

// Thrown, not returned, when storage is busy for longer than a request may wait (another
// process holds the database's write lock): it can happen on any statement, also a read.
// Nothing was written; the server answers 503 with Retry-After.
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The value of a read the caller cannot do without: a failure of storage is answered 503
// (Unavailable is caught where requests are served), not an empty list.
template <class T> T need(Result<T> r) { if (!r) throw Unavailable(r.status().message()); return std::move(r.value()); }

}  // namespace portico
