// The PostgreSQL engine of the store: see pg_sql.h.
#include "store/pg/pg_sql.h"

#include <charconv>
#include <cstdlib>

#include "store/store.h"  // redacted_url

namespace portico::pg {

namespace {
// No plan reads a whole table when an index can answer (the planner takes testing a search
// row for nothing: a search by sequential scan took 400 ms where the GIN index took 20);
// and no query takes several cores: a portal runs many small ones at once; nor is compiled
// (JIT: the cost that keeps a scan of a small table from being chosen makes it look worth
// compiling, 60 ms for a table of three rows).
constexpr const char* kSessionSettings = "SET enable_seqscan = off; SET max_parallel_workers_per_gather = 0; SET jit = off";

// Long values (article bodies, the text of search rows) compressed with lz4 rather than
// pglz, where the server was built with it (Debian's is): about as small, and faster to
// write (portico reindex of 100k articles: 37 s against 41 s). A server without it keeps pglz.
Status session_settings(pg::Connection& c) {
  if (auto st = c.exec(kSessionSettings); !st) return st;
  if (auto st = c.exec("SET default_toast_compression = lz4"); !st && !c.ok()) return st;
  return Status::ok();
}
}  // namespace

std::string renumber(std::string_view sql, std::vector<int>& slot_of, int& slots) {
  std::string out;
  out.reserve(sql.size() + 8);
  slots = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: the same result
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?' || i + 1 >= sql.size() || sql[i + 1] < '0' || sql[i + 1] > '9') {
      out += c;
      continue;
    }
    int n = 0;
    std::size_t j = i + 1;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
    if (static_cast<int>(slot_of.size()) <= n) slot_of.resize(static_cast<std::size_t>(n) + 1, -1);
    if (slot_of[n] < 0) slot_of[n] = slots++;
    out += "$" + std::to_string(slot_of[n] + 1);
    i = j - 1;
  }
  return out;
}

Cursor::Cursor(SqlConnection& c, std::string sql, std::vector<int> slot_of, int slots, bool returns_id)
    : c_(c), sql_(std::move(sql)), slot_of_(std::move(slot_of)), values_(static_cast<std::size_t>(slots)),
      returns_id_(returns_id), plan_each_time_(sql_.find(" @@ ") != std::string::npos) {}

void Cursor::bind_double(int i, double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back the same
  set(i, std::string(buf, r.ptr));
}

bool Cursor::step() {
  if (ran_) {
    if (!failed_ && row_ < rows_.size()) ++row_;
    return !failed_ && row_ < rows_.size();
  }
  ran_ = true;
  Params p;
  for (const auto& v : values_)
    if (v) p.add(*v); else p.add(std::nullopt);
  // A text search is planned for its words each time (see run_once); the rest once.
  auto r = plan_each_time_ ? c_.c_->run_once(sql_, p) : c_.c_->run(sql_, p);  // throws Unavailable when unreachable
  if (!r) {
    failed_ = true;
    constraint_ = c_.c_->last_state().starts_with("23");
    c_.error_ = r.status().message();
    c_.changes_ = 0;
    return false;
  }
  rows_ = std::move(*r);
  row_ = 0;
  c_.changes_ = rows_.affected();
  if (returns_id_) {
    if (!rows_.empty()) c_.last_id_ = rows_.i64(0, 0);
    row_ = rows_.size();  // the caller asked for no rows
  }
  return row_ < rows_.size();
}

std::int64_t Cursor::i64(int col) const {
  if (rows_.null(row_, col)) return 0;
  std::string v = rows_.text(row_, col);
  if (v == "t") return 1;
  if (v == "f") return 0;
  std::int64_t n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

double Cursor::f64(int col) const {
  if (rows_.null(row_, col)) return 0;
  return std::strtod(rows_.text(row_, col).c_str(), nullptr);
}

void Cursor::reset() {
  for (auto& v : values_) v.reset();
  rows_ = Rows();
  row_ = 0;
  ran_ = failed_ = constraint_ = false;
}

Result<std::unique_ptr<SqlConnection>> SqlConnection::open(const std::string& url) {
  auto c = pg::Connection::open(url);
  if (!c) return c.status();
  if (auto st = session_settings(**c); !st) return st;
  return std::unique_ptr<SqlConnection>(new SqlConnection(std::move(*c), url));
}

sql::Stmt SqlConnection::prepare(const std::string& sql) {
  // A connection the server dropped while idle (a restart): make it again before using it.
  if (!c_->ok() && !reconnect()) throw Unavailable("không kết nối lại được PostgreSQL " + redacted_url(url_));
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    std::vector<int> slot_of;
    int slots = 0;
    std::string numbered = renumber(sql, slot_of, slots);
    auto identity = identity_of_insert(sql);
    if (identity && !identity->empty()) numbered += " RETURNING " + *identity;
    auto cursor = std::make_unique<Cursor>(*this, std::move(numbered), std::move(slot_of), slots,
                                           identity && !identity->empty());
    if (!identity) {
      scratch_ = std::move(cursor);
      return sql::Stmt(*scratch_);
    }
    it = cache_.emplace(sql, std::move(cursor)).first;
  }
  return sql::Stmt(*it->second);
}

std::string SqlConnection::exec(std::string_view sql) {
  if (auto st = c_->exec(std::string(sql)); !st) return error_ = st.message();
  return {};
}

std::string SqlConnection::commit() {
  if (auto st = c_->commit(); !st) return error_ = st.message();
  return {};
}

void SqlConnection::rollback() noexcept {
  try {
    if (c_->in_transaction()) (void)c_->exec("ROLLBACK");
  } catch (const std::exception&) {  // the connection is gone, and the transaction with it
  }
}

std::optional<std::string> SqlConnection::identity_of_insert(const std::string& sql) {
  constexpr std::string_view kInsert = "INSERT INTO ";
  if (!sql.starts_with(kInsert) || sql.find(" RETURNING ") != std::string::npos) return "";
  auto end = sql.find_first_of(" (", kInsert.size());
  std::string table = sql.substr(kInsert.size(), end - kInsert.size());
  auto r = c_->run("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attidentity <> '' "
                   "AND NOT attisdropped",
                   Params(table));
  if (!r) return std::nullopt;
  return r->empty() ? std::string() : r->text(0, 0);
}

bool SqlConnection::reconnect() {
  if (!c_->reset()) return false;
  try {
    return session_settings(*c_).is_ok();
  } catch (const Unavailable&) {
    return false;
  }
}

void SqlConnection::check() {
  if (!c_->alive() && !reconnect())
    throw Unavailable("không kết nối lại được PostgreSQL " + redacted_url(url_) + ": " + c_->error());
}

}  // namespace portico::pg
