// Internal to the store: the SQLite engine of sql/db.h, a thin RAII layer over the SQLite
// C API. A Connection is used by one thread at a time; its statements are prepared once
// and reused.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/sql/db.h"

namespace portico::sqlite {

[[noreturn]] void throw_busy(int rc);

class Cursor final : public sql::Cursor {
 public:
  explicit Cursor(sqlite3_stmt* s) : s_(s) {}
  ~Cursor() override { sqlite3_finalize(s_); }

  void bind_i64(int i, std::int64_t v) override { sqlite3_bind_int64(s_, i, v); }
  void bind_double(int i, double v) override { sqlite3_bind_double(s_, i, v); }
  void bind_text(int i, std::string_view v) override {
    // A default string_view has no data pointer, which SQLite would store as NULL: bind "".
    sqlite3_bind_text(s_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind_null(int i) override { sqlite3_bind_null(s_, i); }
  // A database busy past the busy timeout (or a table locked) throws Unavailable.
  bool step() override {
    rc_ = sqlite3_step(s_);
    if (rc_ == SQLITE_BUSY || rc_ == SQLITE_LOCKED) throw_busy(rc_);
    return rc_ == SQLITE_ROW;
  }
  bool done() const override { return rc_ == SQLITE_DONE; }
  bool constraint() const override { return (rc_ & 0xff) == SQLITE_CONSTRAINT; }
  bool null(int col) const override { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::int64_t i64(int col) const override { return sqlite3_column_int64(s_, col); }
  double f64(int col) const override { return sqlite3_column_double(s_, col); }
  std::string text(int col) const override {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col))) : std::string();
  }
  void reset() override {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    rc_ = SQLITE_OK;
  }

 private:
  sqlite3_stmt* s_;
  int rc_ = SQLITE_OK;
};

class Connection final : public sql::Connection {
 public:
  Connection() = default;
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Returns an error message, empty on success.
  // The writer creates the file and sets WAL mode; readers only read through it.
  std::string open(const std::string& path, bool writer, int busy_timeout_ms);

  sql::Engine engine() const override { return sql::Engine::sqlite; }
  sql::Stmt prepare(const std::string& sql) override;
  // A busy database throws Unavailable, as step() does.
  std::string exec(std::string_view sql) override;
  std::string begin() override { return exec("BEGIN IMMEDIATE"); }
  std::string commit() override { return exec("COMMIT"); }
  void rollback() noexcept override;
  std::string error() const override { return sqlite3_errmsg(db_); }
  std::int64_t last_insert_id() override { return sqlite3_last_insert_rowid(db_); }
  std::int64_t changes() const override { return sqlite3_changes(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, std::unique_ptr<Cursor>, std::less<>> cache_;  // destroyed before db_ closes
};

}  // namespace portico::sqlite
