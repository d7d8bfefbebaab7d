// open_store: the engine named by a database URL, its connections, and the one Store over them.
#include <string_view>

#include "store/pg/migrations.h"
#include "store/pg/pg_sql.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"

namespace portico {

Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& o) {
  auto writer = std::make_unique<sqlite::Connection>();
  if (auto e = writer->open(o.path, true, o.busy_timeout_ms); !e.empty())
    return Status::error(Code::io, "không mở được cơ sở dữ liệu " + o.path + ": " + e);
  std::vector<std::unique_ptr<sql::Connection>> readers;
  for (int i = 0; i < std::max(1, o.readers); ++i) {
    auto c = std::make_unique<sqlite::Connection>();
    if (auto e = c->open(o.path, false, o.busy_timeout_ms); !e.empty())
      return Status::error(Code::io, "không mở được kết nối đọc: " + e);
    readers.push_back(std::move(c));
  }
  auto store = std::make_unique<sql::SqlStore>();
  if (auto st = store->open(std::move(writer), std::move(readers), sqlite::kMigrations); !st) return st;
  return std::unique_ptr<Store>(std::move(store));
}

// The writer is opened (and the schema migrated) before the readers: a new database's
// tables exist before anything reads them.
Result<std::unique_ptr<Store>> open_postgresql_store(const std::string& url, int readers) {
  auto writer = pg::SqlConnection::open(url);
  if (!writer) return writer.status();
  std::vector<std::unique_ptr<sql::Connection>> pool;
  for (int i = 0; i < std::max(1, readers); ++i) {
    auto c = pg::SqlConnection::open(url);
    if (!c) return c.status();
    pool.push_back(std::move(*c));
  }
  auto store = std::make_unique<sql::SqlStore>();
  if (auto st = store->open(std::move(*writer), std::move(pool), pg::kMigrations); !st) return st;
  return std::unique_ptr<Store>(std::move(store));
}

std::string redacted_url(std::string_view url) {
  std::string out(url);
  auto scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  auto at = out.find('@', scheme + 3);
  auto colon = out.find(':', scheme + 3);
  if (at != std::string::npos && colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  return out;
}

namespace {

// What a database URL names: an engine, and the file (SQLite) or the libpq URI.
struct Target {
  sql::Engine engine;
  std::string where;
};

Result<Target> parse_url(const std::string& url) {
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.starts_with("//")) path.erase(0, 2);  // sqlite:///var/portico.db is also read as a path
    if (path.empty()) return Status::error(Code::invalid, "địa chỉ cơ sở dữ liệu sqlite: thiếu đường dẫn tệp");
    return Target{sql::Engine::sqlite, path};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return Target{sql::Engine::postgresql, url};
  return Status::error(Code::invalid, "địa chỉ cơ sở dữ liệu không hiểu được: " + redacted_url(url) +
                                          " (sqlite:ĐƯỜNG_DẪN hoặc postgresql://…)");
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const StoreOptions& o) {
  auto t = parse_url(o.url);
  if (!t) return t.status();
  if (t->engine == sql::Engine::sqlite)
    return open_sqlite_store({.path = t->where, .readers = o.readers, .busy_timeout_ms = o.busy_timeout_ms});
  return open_postgresql_store(t->where, o.readers);
}

Result<std::unique_ptr<sql::Connection>> sql::connect(const std::string& url) {
  auto t = parse_url(url);
  if (!t) return t.status();
  if (t->engine == Engine::postgresql) {
    auto c = pg::SqlConnection::open(t->where);
    if (!c) return c.status();
    return std::unique_ptr<Connection>(std::move(*c));
  }
  auto c = std::make_unique<sqlite::Connection>();
  if (auto e = c->open(t->where, true, 5000); !e.empty())
    return Status::error(Code::io, "không mở được cơ sở dữ liệu " + t->where + ": " + e);
  return std::unique_ptr<Connection>(std::move(c));
}

}  // namespace portico
