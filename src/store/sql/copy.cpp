// copy_database, backup_database and check_database (store.h): every table from one
// database into another, empty one, of either engine, read in one snapshot and verified
// afterwards by row counts and checksums.
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <set>
#include <tuple>

#include "store/sql/db.h"
#include "store/store.h"

namespace portico {

namespace {

using sql::Connection;
using sql::Engine;

// Every table of the schema but the search rows (rebuilt from the rows they index), the
// migrations' record and the sites' generation counter: in an order in which each row's
// references are already there. `key` orders the rows (and pages through them when it is
// one integer column). `later`: references to the same or a later table, copied as NULL
// and set once every row is in (a document replaced by a newer one, a site's emblem).
struct TableSpec {
  const char* name;
  const char* key;
  std::vector<const char*> later;
};

const std::vector<TableSpec>& tables() {
  static const std::vector<TableSpec> t = {
      {"sites", "site_id", {"parent_id", "logo_media_id", "banner_media_id"}},
      {"media", "id", {}},
      {"categories", "id", {"parent_id"}},
      {"users", "id", {}},
      {"user_roles", "user_id, site_id", {}},
      {"articles", "id", {}},
      {"article_revisions", "id", {}},
      {"article_shares", "site_id, article_id", {}},
      {"article_proposals", "id", {}},
      {"sessions", "token_digest", {}},
      {"api_tokens", "id", {}},
      {"audit_log", "id", {}},
      {"royalty_genres", "site_id, code", {}},
      {"article_ratings", "article_id, visitor", {}},
      {"polls", "id", {}},
      {"poll_options", "id", {}},
      {"poll_voters", "poll_id, visitor", {}},
      {"visit_days", "site_id, day", {}},
      {"widget_settings", "site_id, kind", {}},
      {"links", "id", {}},
      {"places", "id", {}},
      {"weather_readings", "place_id", {}},
      {"videos", "id", {}},
      {"documents", "id", {"replaced_by"}},
      {"document_files", "id", {}},
      {"questions", "id", {}},
      {"datasets", "id", {}},
      {"drafts", "id", {}},
      {"draft_comments", "id", {}},
      {"schedule_items", "id", {}},
      {"site_texts", "site_id, key, lang", {}},
      {"org_units", "id", {"parent_id"}},
  };
  return t;
}

bool is_internal(const std::string& table) {
  // Search rows are made again; who is online and the failed sign-ins of the last minutes
  // belong to the running installation.
  return table == "schema_version" || table == "site_generation" || table.find("_fts") != std::string::npos ||
         table == "online_visitors" || table == "sign_in_failures" ||
         table.starts_with("sqlite_");
}

// The tables of a database, by name.
std::set<std::string> table_names(Connection& c) {
  auto s = c.prepare(c.engine() == Engine::postgresql
                         ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                           "AND table_type = 'BASE TABLE'"
                         : "SELECT name FROM sqlite_master WHERE type = 'table'");
  std::set<std::string> out;
  while (s.step()) out.insert(s.text(0));
  return out;
}

struct Column {
  std::string name;
  bool real = false;  // a floating-point number: copied and compared as one, not as text
};

std::vector<Column> columns(Connection& c, const std::string& table) {
  std::vector<Column> out;
  if (c.engine() == Engine::postgresql) {
    auto s = c.prepare("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
                       "current_schema() AND table_name = ?1 ORDER BY ordinal_position");
    s.bind(1, table);
    while (s.step()) out.push_back({s.text(0), s.text(1) == "double precision" || s.text(1) == "real"});
  } else {
    auto s = c.prepare("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid");
    s.bind(1, table);
    while (s.step()) out.push_back({s.text(0), s.text(1) == "REAL"});
  }
  return out;
}

std::string joined(const std::vector<Column>& cols) {
  std::string out;
  for (const auto& c : cols) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

// A value as the checksum reads it, the same from either engine.
std::string canonical(const sql::Stmt& s, int i, const Column& c) {
  if (s.null(i)) return std::string("\x01", 1);
  if (c.real) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", s.f64(i));
    return buf;
  }
  return s.text(i);
}

// FNV-1a, 64 bits.
std::uint64_t hash(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char b : bytes) h = (h ^ b) * 1099511628211ull;
  return h;
}

// Where a table's (single) key is among its columns.
int key_column(const TableSpec& t, const std::vector<Column>& cols) {
  int i = 0;
  while (static_cast<std::size_t>(i) < cols.size() && cols[static_cast<std::size_t>(i)].name != t.key) ++i;
  return i;
}

// Reads a table in pages of its key, handing each row to f; errors come back.
template <class F>
Status each_row(Connection& c, const TableSpec& t, const std::vector<Column>& cols, F&& f) {
  const std::string_view key = t.key;
  const bool paged = key.find(',') == std::string_view::npos && key.ends_with("id");  // one integer column
  const std::string select = "SELECT " + joined(cols) + " FROM " + t.name;
  if (!paged) {
    // Several key columns: a page at a time, by offset.
    for (std::int64_t offset = 0;; offset += 2000) {
      auto s = c.prepare(select + " ORDER BY " + t.key + " LIMIT 2000 OFFSET ?1");
      s.bind(1, offset);
      int n = 0;
      while (s.step()) {
        ++n;
        if (auto st = f(s); !st) return st;
      }
      if (!s.done()) return Status::error(Code::io, "đọc bảng " + std::string(t.name) + ": " + c.error());
      if (n < 2000) return Status::ok();
    }
  }
  // One integer key: a page after the last key read.
  const int key_col = key_column(t, cols);
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  for (;;) {
    auto s = c.prepare(select + " WHERE " + t.key + " > ?1 ORDER BY " + t.key + " LIMIT 1000");
    s.bind(1, after);
    int n = 0;
    while (s.step()) {
      ++n;
      after = s.i64(key_col);
      if (auto st = f(s); !st) return st;
    }
    if (!s.done()) return Status::error(Code::io, "đọc bảng " + std::string(t.name) + ": " + c.error());
    if (n < 1000) return Status::ok();
  }
}

// The number of rows and the sum of their hashes: the same whatever order they are read in.
Result<CopiedTable> checksum(Connection& c, const TableSpec& t, const std::vector<Column>& cols) {
  CopiedTable out{t.name, 0, {}};
  std::uint64_t sum = 0;
  auto st = each_row(c, t, cols, [&](sql::Stmt& s) {
    std::string row;
    for (std::size_t i = 0; i < cols.size(); ++i) row += canonical(s, static_cast<int>(i), cols[i]) + '\x1f';
    sum += hash(row);
    ++out.rows;
    return Status::ok();
  });
  if (!st) return st;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(sum));
  out.checksum = buf;
  return out;
}

// A value on its way: NULL, a floating-point number, or text (every other value: integers
// travel as their digits, which both engines read back into their integer columns).
struct Value {
  enum { null, real, text } kind;
  double number = 0;
  std::string bytes;
};

Status copy_table(Connection& from, Connection& to, const TableSpec& t, const std::vector<Column>& cols) {
  // Rows go in batches, one INSERT of many rows each: a round trip per row to a server
  // costs more than the row.
  const std::size_t batch = std::max<std::size_t>(1, std::min<std::size_t>(200, 30000 / cols.size()));
  auto insert_sql = [&](std::size_t rows) {
    std::string sql = "INSERT INTO " + std::string(t.name) + " (" + joined(cols) + ") VALUES ";
    int p = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ",(" : "(";
      for (std::size_t i = 0; i < cols.size(); ++i) sql += (i ? ",?" : "?") + std::to_string(++p);
      sql += ")";
    }
    return sql;
  };
  auto is_later = [&](const std::string& name) {
    return std::find_if(t.later.begin(), t.later.end(), [&](const char* l) { return name == l; }) != t.later.end();
  };
  std::vector<Value> pending;
  auto flush = [&]() -> Status {
    if (pending.empty()) return Status::ok();
    auto w = to.prepare(insert_sql(pending.size() / cols.size()));
    for (std::size_t i = 0; i < pending.size(); ++i) {
      int param = static_cast<int>(i) + 1;
      const auto& v = pending[i];
      if (v.kind == Value::null) w.bind_null(param);
      else if (v.kind == Value::real) w.bind_double(param, v.number);
      else w.bind(param, v.bytes);
    }
    w.step();
    pending.clear();
    if (!w.done()) return Status::error(Code::io, "chép bảng " + std::string(t.name) + ": " + to.error());
    return Status::ok();
  };
  // (key, column, value) of the references set at the end.
  std::vector<std::tuple<std::int64_t, std::string, std::int64_t>> deferred;
  const int key_col = key_column(t, cols);
  auto st = each_row(from, t, cols, [&](sql::Stmt& s) -> Status {
    for (std::size_t i = 0; i < cols.size(); ++i) {
      int col = static_cast<int>(i);
      if (s.null(col)) {
        pending.push_back({Value::null});
      } else if (is_later(cols[i].name)) {
        deferred.emplace_back(s.i64(key_col), cols[i].name, s.i64(col));
        pending.push_back({Value::null});
      } else if (cols[i].real) {
        pending.push_back({Value::real, s.f64(col)});
      } else {
        pending.push_back({Value::text, 0, s.text(col)});
      }
    }
    return pending.size() >= batch * cols.size() ? flush() : Status::ok();
  });
  if (st) st = flush();
  if (!st) return st;
  for (const auto& [key, column, value] : deferred) {
    auto u = to.prepare("UPDATE " + std::string(t.name) + " SET " + column + " = ?1 WHERE " + t.key + " = ?2");
    u.bind(1, value).bind(2, key);
    u.step();
    if (!u.done()) return Status::error(Code::io, "chép bảng " + std::string(t.name) + ": " + to.error());
  }
  return Status::ok();
}

// Reads of the source in one snapshot: what a live installation writes meanwhile is not
// half in the copy, and the checksums afterwards read the same rows the copy did.
std::string begin_snapshot(Connection& c) {
  return c.exec(c.engine() == Engine::postgresql ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
}

// Tables of earlier schemas that a migration folded into others (rating_totals into
// articles' columns: SQLite 25, PostgreSQL 6). A backup made before lists them, and its
// restore checks them as it does the rest; a copy migrates its source first, so never
// meets them.
const std::vector<TableSpec>& retired_tables() {
  static const std::vector<TableSpec> t = {{"rating_totals", "article_id", {}}};
  return t;
}

// Each table of the lists that the database has, with its rows and checksum.
Result<std::vector<CopiedTable>> checksums(Connection& c) {
  auto present = table_names(c);
  std::vector<CopiedTable> out;
  for (const auto* list : {&tables(), &retired_tables()})
    for (const auto& t : *list) {
      if (!present.contains(t.name)) continue;  // a database from before that table, or after it
      auto sum = checksum(c, t, columns(c, t.name));
      if (!sum) return sum.status();
      out.push_back(*sum);
    }
  return out;
}

// A program run to its end (pg_dump); its exit status or an error.
Status run_program(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (int e = ::posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ); e != 0)
    return Status::error(Code::io, "không chạy được " + args[0] + ": " + std::strerror(e));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Status::error(Code::io, args[0] + " không thành công (mã " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  return Status::ok();
}

Result<std::vector<CopiedTable>> copy_between(const std::string& from_url, const std::string& to_url, bool migrate_source,
                                              const std::function<void(const std::string&)>& progress) {
  auto t0 = std::chrono::steady_clock::now();
  auto step = [&](const std::string& what) {
    auto now = std::chrono::steady_clock::now();
    char buf[32];
    std::snprintf(buf, sizeof buf, ": %.1f s", std::chrono::duration<double>(now - t0).count());
    if (progress) progress(what + buf);
    t0 = now;
  };
  // Both at the latest schema first: the store's own opening migrates them.
  for (const auto* url : {&from_url, &to_url}) {
    if (url == &from_url && !migrate_source) continue;
    auto s = open_store({.url = *url, .readers = 1});
    if (!s) return s.status();
  }
  auto from = sql::connect(from_url);
  if (!from) return from.status();
  if (auto e = begin_snapshot(**from); !e.empty()) return Status::error(Code::io, e);
  auto to = sql::connect(to_url);
  if (!to) return to.status();
  auto& src = **from;
  auto& dst = **to;

  std::set<std::string> known;
  for (const auto& t : tables()) known.insert(t.name);
  for (const auto& name : table_names(src))
    if (!is_internal(name) && !known.contains(name))
      return Status::error(Code::invalid, "bảng " + name + " của cơ sở dữ liệu nguồn chưa có trong danh sách chép");
  for (const auto& t : tables()) {
    auto s = dst.prepare("SELECT COUNT(*) FROM " + std::string(t.name));
    if (s.step() && s.i64(0) > 0)
      return Status::error(Code::conflict, "cơ sở dữ liệu đích " + redacted_url(to_url) + " đã có dữ liệu (bảng " + t.name +
                                               " có " + std::to_string(s.i64(0)) +
                                               " dòng): chỉ chép vào một cơ sở dữ liệu trống");
  }

  std::vector<std::vector<Column>> cols;
  for (const auto& t : tables()) cols.push_back(columns(src, t.name));
  {
    sql::Transaction tx(dst);
    if (auto st = tx.began(); !st) return st;
    for (std::size_t i = 0; i < tables().size(); ++i)
      if (auto st = copy_table(src, dst, tables()[i], cols[i]); !st) return st;
    if (dst.engine() == Engine::postgresql)
      // Ids were copied as they were: each identity continues after the largest.
      for (const auto& t : tables()) {
        std::string key = t.key;
        if (key != "id" && key != "site_id") continue;
        if (auto e = dst.exec("SELECT setval(pg_get_serial_sequence('" + std::string(t.name) + "', '" + key + "'), " +
                              "COALESCE((SELECT MAX(" + key + ") FROM " + t.name + "), 0) + 1, false)");
            !e.empty())
          return Status::error(Code::io, e);
      }
    if (auto st = tx.commit(); !st) return st;
  }
  step("chép " + std::to_string(tables().size()) + " bảng");

  std::vector<CopiedTable> out;
  for (std::size_t i = 0; i < tables().size(); ++i) {
    auto a = checksum(src, tables()[i], cols[i]);
    if (!a) return a.status();
    auto b = checksum(dst, tables()[i], cols[i]);
    if (!b) return b.status();
    if (a->rows != b->rows || a->checksum != b->checksum)
      return Status::error(Code::io, "bảng " + a->name + " khác sau khi chép: nguồn " + std::to_string(a->rows) + " dòng (" +
                                         a->checksum + "), đích " + std::to_string(b->rows) + " dòng (" + b->checksum + ")");
    out.push_back(*a);
  }
  step("so số dòng và tổng kiểm tra hai bên");
  (*from)->rollback();  // the snapshot: nothing was written
  from->reset();
  to->reset();
  // Opening the target makes its search rows (SqlStore::open), which are not copied.
  {
    auto target = open_store({.url = to_url, .readers = 1});
    if (!target) return target.status();
  }
  step("lập lại chỉ mục tìm kiếm");
  // The planner's figures and the visibility map for every table filled at once, search rows
  // included: left to autovacuum, that work would fall on the first hour of serving.
  if (dst.engine() == Engine::postgresql) {
    auto again = sql::connect(to_url);
    if (!again) return again.status();
    if (auto e = (*again)->exec("VACUUM ANALYZE"); !e.empty()) return Status::error(Code::io, e);
    step("VACUUM ANALYZE");
  }
  return out;
}

}  // namespace

Result<std::vector<CopiedTable>> copy_database(const std::string& from_url, const std::string& to_url,
                                               const std::function<void(const std::string&)>& progress) {
  return copy_between(from_url, to_url, true, progress);
}

Result<DatabaseBackup> backup_database(const std::string& url, const std::string& dir,
                                       const std::function<void(const std::string&)>& progress) {
  namespace fs = std::filesystem;
  auto state = schema_state(url);
  if (!state) return state.status();
  DatabaseBackup out;
  out.schema_version = state->current;
  auto c = sql::connect(url);
  if (!c) return c.status();
  out.file = (fs::path(dir) / "database.sqlite").string();
  out.format = "sqlite";
  if ((*c)->engine() == Engine::sqlite) {
    // SQLite copies itself in one read transaction, at whatever schema it is.
    std::string quoted;
    for (char ch : out.file) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
    if (auto e = (*c)->exec("VACUUM INTO '" + quoted + "'"); !e.empty())
      return Status::error(Code::io, "sao lưu cơ sở dữ liệu vào " + out.file + ": " + e);
    if (progress) progress("chép cơ sở dữ liệu SQLite (VACUUM INTO)");
    auto sums = check_database("sqlite:" + out.file);
    if (!sums) return sums.status();
    out.tables = std::move(*sums);
  } else if (state->current == state->known) {
    // PostgreSQL at this build's schema: every table in one snapshot into a SQLite file,
    // which restores into either engine; the copy compared both sides' checksums already.
    c->reset();
    auto copied = copy_between(url, "sqlite:" + out.file, false, progress);
    if (!copied) return copied.status();
    out.tables = std::move(*copied);
  } else {
    // PostgreSQL at another schema (the copy before an upgrade): its own tool, in the
    // custom format, restored with pg_restore (docs/OPERATIONS.md).
    std::string schema;
    {
      auto s = (*c)->prepare("SELECT current_schema()");
      if (!s.step()) return Status::error(Code::io, "đọc lược đồ hiện tại: " + (*c)->error());
      schema = s.text(0);
    }
    c->reset();
    out.file = (fs::path(dir) / "database.pgdump").string();
    out.format = "pg_dump";
    if (auto st = run_program({"pg_dump", "--format=custom", "--no-owner", "--schema=" + schema, "--file=" + out.file,
                               "--dbname=" + url});
        !st)
      return st;
    if (progress) progress("pg_dump lược đồ " + schema);
  }
  return out;
}

Result<std::vector<CopiedTable>> check_database(const std::string& url) {
  auto c = sql::connect(url);
  if (!c) return c.status();
  if ((*c)->engine() == Engine::sqlite) {
    auto s = (*c)->prepare("PRAGMA integrity_check");
    std::string verdict = s.step() ? s.text(0) : (*c)->error();
    if (verdict != "ok") return Status::error(Code::io, "kiểm tra toàn vẹn cơ sở dữ liệu: " + verdict);
  }
  if (auto e = begin_snapshot(**c); !e.empty()) return Status::error(Code::io, e);
  auto sums = checksums(**c);
  (*c)->rollback();
  return sums;
}

}  // namespace portico
