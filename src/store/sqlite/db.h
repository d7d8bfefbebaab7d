// Internal to store/sqlite: a thin RAII layer over the SQLite C API.
// A Connection is used by one thread at a time; its statements are prepared once and reused.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace portico::sqlite {

[[noreturn]] void throw_busy(int rc);

class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::int64_t v) { sqlite3_bind_int64(s_, i, v); return *this; }
  Stmt& bind(int i, int v) { sqlite3_bind_int64(s_, i, v); return *this; }
  Stmt& bind(int i, bool v) { sqlite3_bind_int(s_, i, v ? 1 : 0); return *this; }
  Stmt& bind_double(int i, double v) { sqlite3_bind_double(s_, i, v); return *this; }
  Stmt& bind(int i, std::string_view v) {
    // A default string_view has no data pointer, which SQLite would store as NULL: bind "".
    sqlite3_bind_text(s_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null_if_zero(int i, std::int64_t v) {
    if (v == 0) sqlite3_bind_null(s_, i); else sqlite3_bind_int64(s_, i, v);
    return *this;
  }

  // true while a row is available; errors surface through rc(), except a database busy
  // past the busy timeout (or a table locked), which throws Unavailable.
  bool step() {
    rc_ = sqlite3_step(s_);
    if (rc_ == SQLITE_BUSY || rc_ == SQLITE_LOCKED) throw_busy(rc_);
    return rc_ == SQLITE_ROW;
  }
  int rc() const { return rc_; }
  bool done() const { return rc_ == SQLITE_DONE; }

  std::int64_t i64(int col) const { return sqlite3_column_int64(s_, col); }
  int i32(int col) const { return sqlite3_column_int(s_, col); }
  double f64(int col) const { return sqlite3_column_double(s_, col); }
  std::string text(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col))) : std::string();
  }

 private:
  sqlite3_stmt* s_;
  int rc_ = SQLITE_OK;
};

class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Returns an error message, empty on success.
  // The writer creates the file and sets WAL mode; readers only read through it.
  std::string open(const std::string& path, bool writer, int busy_timeout_ms);
  // Runs one or more statements without results; returns an error message, empty on success.
  // A busy database throws Unavailable, as step() does.
  std::string exec(std::string_view sql);
  void rollback() noexcept;  // ends the open transaction, if any, throwing nothing
  // A cached prepared statement; the SQL must be a literal-like constant.
  Stmt prepare(const std::string& sql);
  std::string error() const { return sqlite3_errmsg(db_); }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

// BEGIN IMMEDIATE … COMMIT on a connection; a transaction not committed when it goes out
// of scope (an early return, an exception) is rolled back.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { begun_ = c_.exec("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (begun_.empty() && !done_) c_.rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // The error that kept it from beginning; ok when it began.
  Status began() const { return begun_.empty() ? Status::ok() : Status::error(Code::io, begun_); }
  Status commit() {
    if (auto e = c_.exec("COMMIT"); !e.empty()) return Status::error(Code::io, e);  // rolled back by ~Transaction
    done_ = true;
    return Status::ok();
  }

 private:
  Connection& c_;
  std::string begun_;
  bool done_ = false;
};

}  // namespace portico::sqlite
