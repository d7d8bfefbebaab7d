// Internal to the store: the PostgreSQL engine of sql/db.h, over pg.h's libpq layer. The
// store's statements use SQLite's numbered parameters (?1, ?2, …); each is renumbered once,
// when first prepared, into $1, $2, … in order of first use, so that a statement may leave
// some numbers out (PostgreSQL wants a type for every parameter it is given). An INSERT into
// a table with an identity column gets "RETURNING" it, which last_insert_id() reads (lastval()
// would name another table's sequence, or fail in a session that has used none).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/pg/pg.h"
#include "store/sql/db.h"

namespace portico::pg {

class SqlConnection;

class Cursor final : public sql::Cursor {
 public:
  // returns_id: sql is an INSERT given "RETURNING <identity column>": the id it returns is
  // the connection's last_insert_id(), and the caller sees no rows, as from SQLite.
  Cursor(SqlConnection& c, std::string sql, std::vector<int> slot_of, int slots, bool returns_id);
  void bind_i64(int i, std::int64_t v) override { set(i, std::to_string(v)); }
  void bind_double(int i, double v) override;
  void bind_text(int i, std::string_view v) override { set(i, std::string(v)); }
  void bind_null(int i) override { set(i, std::nullopt); }
  bool step() override;
  bool done() const override { return ran_ && !failed_ && row_ >= rows_.size(); }
  bool constraint() const override { return failed_ && constraint_; }
  bool null(int col) const override { return rows_.null(row_, col); }
  std::int64_t i64(int col) const override;
  double f64(int col) const override;
  std::string text(int col) const override { return rows_.text(row_, col); }
  void reset() override;

 private:
  void set(int i, std::optional<std::string> v) {
    if (i > 0 && i < static_cast<int>(slot_of_.size()) && slot_of_[i] >= 0) values_[slot_of_[i]] = std::move(v);
  }
  SqlConnection& c_;
  std::string sql_;              // with $1, $2, …
  std::vector<int> slot_of_;     // ?N → the index of its $ parameter, -1 when unused
  std::vector<std::optional<std::string>> values_;
  Rows rows_;
  int row_ = 0;
  bool returns_id_;
  // A text search (" @@ "): planned for its values each time, never with a generic plan,
  // which cannot know how common the words are (a phrase: 400 ms generic, 36 ms planned).
  bool plan_each_time_;
  bool ran_ = false, failed_ = false, constraint_ = false;
};

class SqlConnection final : public sql::Connection {
 public:
  static Result<std::unique_ptr<SqlConnection>> open(const std::string& url);

  sql::Engine engine() const override { return sql::Engine::postgresql; }
  sql::Stmt prepare(const std::string& sql) override;
  std::string exec(std::string_view sql) override;
  // A transaction starts on a live connection: one the server dropped while idle (a
  // restart) is made again first, as a pooled reader is before it is lent.
  std::string begin() override {
    check();
    return exec("BEGIN");
  }
  std::string commit() override;
  void rollback() noexcept override;
  std::string error() const override { return error_; }
  std::int64_t last_insert_id() override { return last_id_; }
  std::int64_t changes() const override { return changes_; }
  void check() override;

 private:
  friend class Cursor;
  SqlConnection(std::unique_ptr<pg::Connection> c, std::string url) : c_(std::move(c)), url_(std::move(url)) {}
  // Connects again with the same parameters and session settings; false if it failed.
  bool reconnect();
  std::unique_ptr<pg::Connection> c_;
  std::string url_;
  // The identity column of an INSERT's table ("" when none), for RETURNING; nullopt when
  // the catalog could not be read (the statement is then not kept).
  std::optional<std::string> identity_of_insert(const std::string& sql);
  std::map<std::string, std::unique_ptr<Cursor>, std::less<>> cache_;
  std::unique_ptr<Cursor> scratch_;  // a statement not kept (see identity_of_insert)
  std::string error_;
  std::int64_t changes_ = 0;
  std::int64_t last_id_ = 0;
};

// "?1 … ?2 … ?1" → "$1 … $2 … $1"; slot_of[N] is ?N's index from 0, -1 when ?N is not used.
// Quoted strings and identifiers are left alone.
std::string renumber(std::string_view sql, std::vector<int>& slot_of, int& slots);

}  // namespace portico::pg
