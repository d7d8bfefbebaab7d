// Internal to store/pg: a thin RAII layer over libpq, as sqlite/db.h is over SQLite.
// Values travel as text (libpq's text format), parameters as $1, $2, …; a statement is
// prepared once per connection and reused. A Connection is used by one thread at a time
// (the store's pool of them, and their reconnection, are in pg_sql.h and sql/sql_store.h).
//
// Errors: a statement the database refuses is a Status (a unique violation is
// Code::conflict, another constraint Code::invalid, the rest Code::io). A server that
// cannot be reached throws Unavailable, as a busy SQLite database does: the portal answers
// 503, and the next request tries to reconnect.
#pragma once
#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace portico::pg {

// A statement's parameters: text values or NULL.
class Params {
 public:
  Params() = default;
  template <class... T>
  explicit Params(const T&... v) {
    (add(v), ...);
  }
  Params& add(std::string_view v) { values_.emplace_back(std::string(v)); return *this; }
  Params& add(const std::string& v) { return add(std::string_view(v)); }
  Params& add(const char* v) { return add(std::string_view(v)); }
  Params& add(std::int64_t v) { values_.emplace_back(std::to_string(v)); return *this; }
  Params& add(int v) { return add(static_cast<std::int64_t>(v)); }
  Params& add(bool v) { values_.emplace_back(v ? "t" : "f"); return *this; }
  Params& add(std::nullopt_t) { values_.emplace_back(std::nullopt); return *this; }
  Params& add_null_if_zero(std::int64_t v) { return v ? add(v) : add(std::nullopt); }
  int size() const { return static_cast<int>(values_.size()); }
  // For libpq: pointers into the values (null for NULL).
  std::vector<const char*> pointers() const;

 private:
  std::vector<std::optional<std::string>> values_;
};

// The rows of one result, read as text; moved, never copied.
class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* r) : r_(r) {}
  Rows(Rows&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Rows& operator=(Rows&& o) noexcept;
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;
  ~Rows() { if (r_) PQclear(r_); }

  int size() const { return r_ ? PQntuples(r_) : 0; }
  bool empty() const { return size() == 0; }
  bool null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  std::string text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
  }
  std::int64_t i64(int row, int col) const;  // 0 for NULL
  bool boolean(int row, int col) const { return PQgetvalue(r_, row, col)[0] == 't'; }
  // Rows an INSERT, UPDATE or DELETE changed.
  std::int64_t affected() const;

 private:
  PGresult* r_ = nullptr;
};

class Connection {
 public:
  // Connects to a libpq URI or key=value string (sockets, SSL modes, ~/.pgpass and
  // PGPASSWORD work as libpq documents). An unreachable server is an error naming it.
  static Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs sql with its parameters, prepared on first use on this connection.
  Result<Rows> run(const std::string& sql, const Params& params = {});
  // Runs sql planned for these very values, not kept (PQexecParams): for a statement whose
  // best plan depends on them, as a text search's does on how common its words are.
  Result<Rows> run_once(const std::string& sql, const Params& params);
  // Runs one or more statements without parameters (schema, BEGIN, COMMIT): not prepared.
  Status exec(const std::string& sql);
  // The server is still there, as far as libpq knows (after a failed call it may not be).
  bool ok() const { return PQstatus(c_) == CONNECTION_OK; }
  // ok(), after reading what the server may have sent while the connection was idle (the
  // end of the stream when it closed it): so a pool learns before lending it.
  bool alive();
  // Reconnects with the same parameters; statements are prepared again. False if it failed.
  bool reset();
  std::string error() const;
  // The SQLSTATE of the last statement that failed ("23505"…).
  const std::string& last_state() const { return state_; }
  bool in_transaction() const { return PQtransactionStatus(c_) != PQTRANS_IDLE; }
  // COMMIT, and an error when the transaction was not kept: PostgreSQL answers the COMMIT
  // of a transaction in which a statement failed with a rollback.
  Status commit();
  // For a connection that LISTENs: waits up to timeout_ms for the server to send anything,
  // then the payloads of the notifications it sent. Throws Unavailable when it is gone.
  std::vector<std::string> notifications(int timeout_ms);

 private:
  friend class Transaction;
  explicit Connection(PGconn* c) : c_(c) {}
  Result<Rows> check(PGresult* r, const std::string& sql);
  PGresult* wait_result();
  PGconn* c_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
  std::string state_;
};

// BEGIN on construction; ROLLBACK unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection& c, const char* begin = "BEGIN");
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  const Status& begun() const { return begun_; }
  Status commit();

 private:
  Connection& c_;
  Status begun_;
  bool open_ = false;
};

}  // namespace portico::pg
