// Internal to the store: one SQL interface over the two engines, so that the Store's
// methods (store/sql) are written once. An engine (store/sqlite/db.h, store/pg/pg_sql.h)
// implements Connection and Cursor; the store sees only these.
//
// Statements are written with SQLite-style numbered parameters (?1, ?2, …), which the
// PostgreSQL engine renumbers into $1, $2, …; their SQL is the subset both engines share
// (INSERT … ON CONFLICT, COALESCE, integers for booleans). What differs between them, the
// schema and full-text search, is asked of Connection::engine().
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace portico::sql {

enum class Engine { sqlite, postgresql };

// One step of an engine's schema, applied in a transaction and recorded in schema_version.
// Appending is the only allowed change: a released migration is never edited.
struct Migration {
  int version;
  std::string_view sql;
};

// A prepared statement of one engine, kept by its connection and reused.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void bind_i64(int i, std::int64_t v) = 0;
  virtual void bind_double(int i, double v) = 0;
  virtual void bind_text(int i, std::string_view v) = 0;
  virtual void bind_null(int i) = 0;
  // true while a row is available. An engine that cannot answer now (a busy SQLite file, an
  // unreachable server) throws Unavailable; another failure ends the rows with failed().
  virtual bool step() = 0;
  virtual bool done() const = 0;         // the statement ran to its end without error
  virtual bool constraint() const = 0;   // it failed on a constraint (unique, check, foreign key)
  virtual bool null(int col) const = 0;
  virtual std::int64_t i64(int col) const = 0;  // 0 for NULL; 1 and 0 for a boolean
  virtual double f64(int col) const = 0;
  virtual std::string text(int col) const = 0;
  virtual void reset() = 0;  // ready to bind and run again; bindings cleared
};

// A statement in use: binds, steps, reads, and resets its cursor when it goes.
class Stmt {
 public:
  explicit Stmt(Cursor& c) : c_(&c) {}
  ~Stmt() { c_->reset(); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::int64_t v) { c_->bind_i64(i, v); return *this; }
  Stmt& bind(int i, int v) { c_->bind_i64(i, v); return *this; }
  Stmt& bind(int i, bool v) { c_->bind_i64(i, v ? 1 : 0); return *this; }
  Stmt& bind_double(int i, double v) { c_->bind_double(i, v); return *this; }
  Stmt& bind(int i, std::string_view v) { c_->bind_text(i, v); return *this; }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null(int i) { c_->bind_null(i); return *this; }
  Stmt& bind_null_if_zero(int i, std::int64_t v) {
    if (v == 0) c_->bind_null(i); else c_->bind_i64(i, v);
    return *this;
  }

  bool step() { return c_->step(); }
  bool done() const { return c_->done(); }
  bool constraint() const { return c_->constraint(); }
  bool null(int col) const { return c_->null(col); }
  std::int64_t i64(int col) const { return c_->i64(col); }
  int i32(int col) const { return static_cast<int>(c_->i64(col)); }
  double f64(int col) const { return c_->f64(col); }
  std::string text(int col) const { return c_->text(col); }

 private:
  Cursor* c_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // A cached prepared statement; the SQL must be a literal-like constant. SQL the engine
  // refuses to prepare is a programming error (std::logic_error).
  virtual Stmt prepare(const std::string& sql) = 0;
  // Runs one or more statements without results or parameters; returns an error message,
  // empty on success. An engine that cannot answer throws Unavailable.
  virtual std::string exec(std::string_view sql) = 0;
  // Opens a write transaction (SQLite takes the write lock at once: BEGIN IMMEDIATE).
  virtual std::string begin() = 0;
  // Commits; an error message when the transaction was not kept (PostgreSQL answers a COMMIT
  // after a failed statement with a rollback).
  virtual std::string commit() = 0;
  virtual void rollback() noexcept = 0;  // ends the open transaction, if any, throwing nothing
  virtual std::string error() const = 0;
  virtual std::int64_t last_insert_id() = 0;  // of this connection's last INSERT
  virtual std::int64_t changes() const = 0;   // rows the last INSERT, UPDATE or DELETE changed
  // Before a pooled connection is lent: reconnects one the server dropped (throws
  // Unavailable when it cannot). Nothing to do for a file.
  virtual void check() {}
};

// begin() … commit() on a connection; a transaction not committed when it goes out of scope
// (an early return, an exception) is rolled back.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { begun_ = c_.begin(); }
  ~Transaction() {
    if (begun_.empty() && !done_) c_.rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // The error that kept it from beginning; ok when it began.
  Status began() const { return begun_.empty() ? Status::ok() : Status::error(Code::io, begun_); }
  Status commit() {
    if (auto e = c_.commit(); !e.empty()) return Status::error(Code::io, e);  // rolled back by ~Transaction
    done_ = true;
    return Status::ok();
  }

 private:
  Connection& c_;
  std::string begun_;
  bool done_ = false;
};

// One writing connection to the database a URL names (as open_store reads it), for tools
// that work on whole tables (copy_database).
Result<std::unique_ptr<Connection>> connect(const std::string& url);

}  // namespace portico::sql
