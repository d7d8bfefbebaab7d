// SQLite connection set-up: WAL, busy timeout, foreign keys, statement cache.
#include "store/sqlite/db.h"

#include <cmath>

#include <stdexcept>

namespace portico::sqlite {

Connection::~Connection() {
  cache_.clear();
  if (db_) sqlite3_close_v2(db_);
}

namespace {

// portico_rank(article_fts): the search rank, cheaper than bm25 on common words. bm25 needs
// each phrase's document frequency, which FTS5 computes by reading the phrase's whole
// posting list (tens of milliseconds when most articles match). This sums the matches per
// column with fixed weights (title as written 20, text as written 2, title folded 10, text
// folded 1: the reader's own accents and the title count most) and divides by the log of
// the article's length, so a short article that is about the words beats a long one that
// mentions them. Higher is better.
void portico_rank(const Fts5ExtensionApi* api, Fts5Context* ctx, sqlite3_context* out, int, sqlite3_value**) {
  static constexpr double kWeights[] = {20.0, 2.0, 10.0, 1.0};
  int n = 0;
  if (api->xInstCount(ctx, &n) != SQLITE_OK) {
    sqlite3_result_double(out, 0);
    return;
  }
  double score = 0;
  for (int i = 0; i < n; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (api->xInst(ctx, i, &phrase, &column, &offset) == SQLITE_OK && column >= 0 && column < 4)
      score += kWeights[column];
  }
  int tokens = 0;
  api->xColumnSize(ctx, -1, &tokens);
  sqlite3_result_double(out, score / std::log2(2.0 + tokens / 50.0));
}

void register_rank(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, nullptr) != SQLITE_OK) return;
  sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(s);
  sqlite3_finalize(s);
  if (api) api->xCreateFunction(api, "portico_rank", nullptr, portico_rank, nullptr);
}

}  // namespace

std::string Connection::open(const std::string& path, bool writer, int busy_timeout_ms) {
  int flags = writer ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READWRITE;
  flags |= SQLITE_OPEN_NOMUTEX;  // each connection is used by one thread at a time
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) return error();
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  // Each connection keeps 8 MB of pages; the rest is read from the OS's file cache. The
  // file is not mapped: a crawl of a province's archive touched 800 MB of a 1 GB mapping,
  // all counted in the process's memory, for a tenth more pages a second (make bench).
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-8000; PRAGMA mmap_size=0;";
  if (writer) pragmas += "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
  register_rank(db_);
  return exec(pragmas);
}

void throw_busy(int rc) {
  throw Unavailable(std::string("database busy: ") + sqlite3_errstr(rc));
}

std::string Connection::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = err ? err : "sqlite error";
    sqlite3_free(err);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) throw_busy(rc);
    return msg;
  }
  return {};
}

void Connection::rollback() noexcept {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

sql::Stmt Connection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s,
                           nullptr) != SQLITE_OK)
      throw std::logic_error("bad SQL: " + error() + " in " + sql);  // a programming error
    it = cache_.emplace(sql, std::make_unique<Cursor>(s)).first;
  }
  return sql::Stmt(*it->second);
}

}  // namespace portico::sqlite
