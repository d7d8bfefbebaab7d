// SQLite connection set-up: WAL, busy timeout, foreign keys, statement cache.
#include "store/sqlite/db.h"

#include <stdexcept>

namespace portico::sqlite {

Connection::~Connection() {
  for (auto& [sql, s] : cache_) sqlite3_finalize(s);
  if (db_) sqlite3_close_v2(db_);
}

std::string Connection::open(const std::string& path, bool writer, int busy_timeout_ms) {
  int flags = writer ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READWRITE;
  flags |= SQLITE_OPEN_NOMUTEX;  // each connection is used by one thread at a time
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) return error();
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;";
  if (writer) pragmas += "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
  return exec(pragmas);
}

std::string Connection::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "sqlite error";
    sqlite3_free(err);
    return msg;
  }
  return {};
}

Stmt Connection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s,
                           nullptr) != SQLITE_OK)
      throw std::logic_error("bad SQL: " + error() + " in " + sql);  // a programming error
    it = cache_.emplace(sql, s).first;
  }
  return Stmt(it->second);
}

}  // namespace portico::sqlite
