// open_store: the engine named by a database URL, its connections, and the one Store over them.
#include <string_view>

#include "store/pg/migrations.h"
#include "store/pg/pg_sql.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"

namespace portico {

std::string redacted_url(std::string_view url) {
  std::string out(url);
  auto scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  auto at = out.find('@', scheme + 3);
  auto colon = out.find(':', scheme + 3);
  if (at != std::string::npos && colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  return out;
}

bool names_server(std::string_view url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

std::string sqlite_file(std::string_view url) {
  if (!url.starts_with("sqlite:")) return {};
  std::string path(url.substr(7));
  if (path.starts_with("//")) path.erase(0, 2);  // sqlite:///var/portico.db is also read as a path
  return path;
}

namespace {

// What a database URL names: an engine, and the file (SQLite) or the libpq URI.
struct Target {
  sql::Engine engine;
  std::string where;
};

Result<Target> parse_url(const std::string& url) {
  if (url.starts_with("sqlite:")) {
    std::string path = sqlite_file(url);
    if (path.empty()) return Status::error(Code::invalid, "địa chỉ cơ sở dữ liệu sqlite: thiếu đường dẫn tệp");
    return Target{sql::Engine::sqlite, path};
  }
  if (names_server(url)) return Target{sql::Engine::postgresql, url};
  return Status::error(Code::invalid, "địa chỉ cơ sở dữ liệu không hiểu được: " + redacted_url(url) +
                                          " (sqlite:ĐƯỜNG_DẪN hoặc postgresql://…)");
}

// One connection to a database. SQLite: the writer creates the file and sets WAL, so it
// is opened before the readers.
Result<std::unique_ptr<sql::Connection>> connect_to(const Target& t, bool writer, int busy_timeout_ms) {
  if (t.engine == sql::Engine::postgresql) {
    auto c = pg::SqlConnection::open(t.where);
    if (!c) return c.status();
    return std::unique_ptr<sql::Connection>(std::move(*c));
  }
  auto c = std::make_unique<sqlite::Connection>();
  if (auto e = c->open(t.where, writer, busy_timeout_ms); !e.empty())
    return Status::error(Code::io, std::string(writer ? "không mở được cơ sở dữ liệu " : "không mở được kết nối đọc ") +
                                       t.where + ": " + e);
  return std::unique_ptr<sql::Connection>(std::move(c));
}

// The writer, the readers, and the one store over them, migrated with the engine's steps.
Result<std::unique_ptr<Store>> open_target(const Target& t, int readers, int busy_timeout_ms) {
  auto writer = connect_to(t, true, busy_timeout_ms);
  if (!writer) return writer.status();
  std::vector<std::unique_ptr<sql::Connection>> pool;
  for (int i = 0; i < std::max(1, readers); ++i) {
    auto c = connect_to(t, false, busy_timeout_ms);
    if (!c) return c.status();
    pool.push_back(std::move(*c));
  }
  auto store = std::make_unique<sql::SqlStore>();
  std::span<const sql::Migration> steps = t.engine == sql::Engine::postgresql
                                              ? std::span<const sql::Migration>(pg::kMigrations)
                                              : std::span<const sql::Migration>(sqlite::kMigrations);
  if (auto st = store->open(std::move(*writer), std::move(pool), steps); !st) return st;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& o) {
  return open_target({sql::Engine::sqlite, o.path}, o.readers, o.busy_timeout_ms);
}

Result<std::unique_ptr<Store>> open_store(const StoreOptions& o) {
  auto t = parse_url(o.url);
  if (!t) return t.status();
  return open_target(*t, o.readers, o.busy_timeout_ms);
}

Result<SchemaState> schema_state(const std::string& url) {
  auto t = parse_url(url);
  if (!t) return t.status();
  auto c = connect_to(*t, true, 5000);
  if (!c) return c.status();
  SchemaState out;
  out.known = t->engine == sql::Engine::postgresql ? pg::kMigrations[std::size(pg::kMigrations) - 1].version
                                                   : sqlite::kMigrations[std::size(sqlite::kMigrations) - 1].version;
  auto has = [&](const char* table) {
    auto s = (*c)->prepare(t->engine == sql::Engine::postgresql
                               ? "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?1"
                               : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    s.bind(1, table);
    return s.step();
  };
  if (has("schema_version")) {
    auto s = (*c)->prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!s.step()) return Status::error(Code::io, "đọc phiên bản lược đồ: " + (*c)->error());
    out.current = s.i32(0);
  }
  if (has("sites")) {
    auto s = (*c)->prepare("SELECT EXISTS (SELECT 1 FROM sites)");
    if (!s.step()) return Status::error(Code::io, "đọc bảng sites: " + (*c)->error());
    out.has_data = s.i64(0) != 0;
  }
  return out;
}

Result<std::unique_ptr<sql::Connection>> sql::connect(const std::string& url) {
  auto t = parse_url(url);
  if (!t) return t.status();
  return connect_to(*t, true, 5000);
}

}  // namespace portico
