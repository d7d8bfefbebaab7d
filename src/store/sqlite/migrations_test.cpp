// Upgrades of an existing SQLite database: one built at an earlier schema version from the
// migration list itself and filled as the code of that version did, then opened by the
// store, which migrates it to the latest.
#include "store/sqlite/migrations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "store/sql/sql_store.h"
#include "store/upgrade_check.h"
#include "store/sqlite/db.h"
#include "store/store.h"

using namespace portico;

namespace {

class SqliteMigrations : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("portico-migrations-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "old.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The database as the store left it at `version`, with `fill` run on it.
  void build_at(int version, const std::string& fill) {
    sqlite::Connection c;
    ASSERT_EQ(c.open(path_, true, 1000), "");
    ASSERT_EQ(c.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"), "");
    for (const auto& m : sqlite::kMigrations) {
      if (m.version > version) break;
      ASSERT_EQ(c.exec("BEGIN;" + std::string(m.sql) + "INSERT INTO schema_version VALUES (" + std::to_string(m.version) +
                       ", 0); COMMIT;"),
                "")
          << "migration " << m.version;
    }
    ASSERT_EQ(c.exec(fill), "");
  }

  std::filesystem::path dir_;
  std::string path_;
};

// The tables a schema has (not the migrations' record, SQLite's own or the search index's),
// each after the tables its NOT NULL references name (sites and media refer to each other
// through nullable columns).
std::vector<std::string> tables_in_order(sql::Connection& c) {
  std::vector<std::string> names;
  {
    auto s = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                       "AND name NOT GLOB '*_fts*' AND name NOT IN ('schema_version', 'site_generation') ORDER BY name");
    while (s.step()) names.push_back(s.text(0));
  }
  std::vector<std::string> out;
  std::set<std::string> placed;
  while (out.size() < names.size()) {
    std::size_t before = out.size();
    for (const auto& t : names) {
      if (placed.contains(t)) continue;
      bool ready = true;
      auto s = c.prepare("SELECT f.\"table\" FROM pragma_foreign_key_list(?1) f JOIN pragma_table_info(?1) i "
                         "ON i.name = f.\"from\" WHERE i.\"notnull\" OR i.pk");
      s.bind(1, t);
      while (s.step())
        if (s.text(0) != t && !placed.contains(s.text(0))) ready = false;
      if (!ready) continue;
      out.push_back(t);
      placed.insert(t);
    }
    if (out.size() == before) break;  // a cycle: the rest as they are (the test then fails on them)
  }
  for (const auto& t : names)
    if (!placed.contains(t)) out.push_back(t);
  return out;
}

// Rows in every table of the schema as it is, `rows` each, with values its constraints take:
// key k (1…rows) and references to row k of the table referred to (a nullable one NULL
// when that table is not filled yet, or is this one: no cycles in a tree), a CHECK (col IN (…))
// column its first value, numbers k + 0.5, text naming table, column and row in Vietnamese.
std::string fill_every_table(sql::Connection& c, int rows) {
  std::set<std::string> filled;
  for (const auto& t : tables_in_order(c)) {
    std::string create;
    {
      auto s = c.prepare("SELECT sql FROM sqlite_master WHERE name = ?1");
      s.bind(1, t);
      if (s.step()) create = s.text(0);
    }
    std::map<std::string, std::string> references;  // column → the table it refers to
    {
      auto s = c.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)");
      s.bind(1, t);
      while (s.step()) references[s.text(0)] = s.text(1);
    }
    struct Col {
      std::string name, type;
      bool not_null;
    };
    std::vector<Col> cols;
    {
      auto s = c.prepare("SELECT name, type, \"notnull\" OR pk FROM pragma_table_info(?1) ORDER BY cid");
      s.bind(1, t);
      while (s.step()) cols.push_back({s.text(0), s.text(1), s.i64(2) != 0});
    }
    for (int k = 1; k <= rows; ++k) {
      std::string names, values;
      for (const auto& col : cols) {
        std::string v;
        std::smatch m;
        std::regex in("\\b" + col.name + "\\b[^,]*CHECK \\(" + col.name + " IN \\(([^,)]+)");
        auto ref = references.find(col.name);
        if (std::regex_search(create, m, in)) v = m[1].str();
        else if (ref != references.end() && !col.not_null && (ref->second == t || !filled.contains(ref->second))) v = "NULL";
        else if (ref != references.end() || col.type.find("INT") != std::string::npos) v = std::to_string(k);
        else if (col.type == "REAL") v = std::to_string(k) + ".5";
        else if (col.type == "BLOB") v = "x'00'";
        else v = "'" + t + " " + col.name + " số " + std::to_string(k) + " – Tiếng Việt'";
        names += (names.empty() ? "" : ", ") + col.name;
        values += (values.empty() ? "" : ", ") + v;
      }
      if (auto e = c.exec("INSERT INTO " + t + " (" + names + ") VALUES (" + values + ")"); !e.empty())
        return t + ": " + e + " in INSERT INTO " + t + " (" + names + ") VALUES (" + values + ")";
    }
    filled.insert(t);
  }
  return {};
}

std::map<std::string, std::int64_t> row_counts(sql::Connection& c) {
  std::map<std::string, std::int64_t> out;
  for (const auto& t : tables_in_order(c)) {
    auto s = c.prepare("SELECT COUNT(*) FROM " + t);
    out[t] = s.step() ? s.i64(0) : -1;
  }
  return out;
}

TEST_F(SqliteMigrations, ASiteFromBeforeMenuLinksKeepsVanBanAndHoiDapAsEditableEntries) {
  // Schema 16: no link column; "Văn bản" and "Hỏi đáp" were drawn at the menu's end in code.
  build_at(16, "INSERT INTO sites (site_id, host, name, is_default, created_at) VALUES (1, 'a.vn', 'Xã A', 1, 0);"
               "INSERT INTO categories (site_id, parent_id, name, slug, position) VALUES (1, NULL, 'Tin tức', 'tin-tuc', 3);");
  auto store = open_sqlite_store({.path = path_, .readers = 1});
  ASSERT_TRUE(store.is_ok()) << store.status().message();
  EXPECT_EQ((*store)->schema_version(), std::end(sqlite::kMigrations)[-1].version);
  auto read = (*store)->categories(1);
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  const auto& cats = *read;
  ASSERT_EQ(cats.size(), 3u);
  EXPECT_EQ(cats[0].slug, "tin-tuc");
  EXPECT_EQ(cats[0].link, "");
  EXPECT_EQ(cats[1].slug, "van-ban");
  EXPECT_EQ(cats[1].name, "Văn bản");
  EXPECT_EQ(cats[1].link, "/van-ban");
  EXPECT_EQ(cats[2].slug, "hoi-dap");
  EXPECT_EQ(cats[2].link, "/hoi-dap");
  EXPECT_LT(cats[0].position, cats[1].position);
  EXPECT_LT(cats[1].position, cats[2].position);
}

// Every released schema version, filled, migrates to the latest: nothing lost, nothing
// inconsistent, and the store reads and writes it.
TEST_F(SqliteMigrations, EveryEarlierVersionFilledMigratesToTheLatestKeepingEveryRow) {
  const int latest = std::end(sqlite::kMigrations)[-1].version;
  for (const auto& from : sqlite::kMigrations) {
    if (from.version == latest) break;
    SCOPED_TRACE("from schema version " + std::to_string(from.version));
    std::filesystem::remove(path_);
    build_at(from.version, "");
    std::map<std::string, std::int64_t> before;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> folded_before;
    {
      sqlite::Connection c;
      ASSERT_EQ(c.open(path_, true, 1000), "");
      ASSERT_EQ(c.exec("PRAGMA foreign_keys = ON"), "");
      ASSERT_EQ(fill_every_table(c, 2), "");
      before = row_counts(c);
      for (const auto& f : test_support::kFoldedTables) {
        if (!before.contains(f.table)) continue;
        auto s = c.prepare(f.before);
        ASSERT_TRUE(s.step());
        folded_before[f.table] = {s.i64(0), s.i64(1)};
      }
    }
    EXPECT_GE(before.size(), 4u);  // sites, categories, media and articles at the first
    {
      // A backup made at that version is checked table by table on restore, a table since
      // folded into another too.
      auto sums = check_database("sqlite:" + path_);
      ASSERT_TRUE(sums.is_ok()) << sums.status().message();
      for (const auto& f : test_support::kFoldedTables) {
        if (!before.contains(f.table)) continue;
        EXPECT_TRUE(std::any_of(sums->begin(), sums->end(), [&](const auto& t) { return t.name == f.table; }))
            << f.table << " is not checked in a backup from before it was folded";
      }
    }
    test_support::expect_upgrade("sqlite:" + path_, from.version, latest);
    if (HasFatalFailure()) return;

    sqlite::Connection c;
    ASSERT_EQ(c.open(path_, true, 1000), "");
    {
      auto s = c.prepare("PRAGMA integrity_check");
      ASSERT_TRUE(s.step());
      EXPECT_EQ(s.text(0), "ok");
    }
    {
      auto s = c.prepare("PRAGMA foreign_key_check");
      EXPECT_FALSE(s.step()) << "a row refers to one that is not there: " << s.text(0);
    }
    auto after = row_counts(c);
    for (const auto& [table, rows] : before) {
      if (auto f = test_support::folded(table)) {  // gone, its content where it went
        EXPECT_FALSE(after.contains(table));
        auto s = c.prepare(f->after);
        ASSERT_TRUE(s.step());
        EXPECT_EQ(std::make_pair(s.i64(0), s.i64(1)), folded_before[table]) << table << " folded wrongly";
        continue;
      }
      ASSERT_TRUE(after.contains(table)) << table << " is gone";
      EXPECT_GE(after[table], rows) << table << " lost rows";
    }
    // Every table, old and new, reads whole (the checksums a backup records).
    auto sums = check_database("sqlite:" + path_);
    EXPECT_TRUE(sums.is_ok()) << sums.status().message();
  }
}

// A migration that fails leaves the database at the version it had, whatever steps came
// before the failing one in the same upgrade.
// FTS5 deletes a row by writing its words again as deletions: a search index emptied and
// filled again must be merged, or it holds every row twice until it is.
TEST_F(SqliteMigrations, AReindexLeavesTheSearchIndexNoLargerThanTheFirstBuild) {
  build_at(std::end(sqlite::kMigrations)[-1].version,
           "INSERT INTO sites (site_id, host, name, is_default, created_at) VALUES (1, 'a.vn', 'Xã A', 1, 0);"
           "INSERT INTO categories (id, site_id, parent_id, name, slug, position) VALUES (1, 1, NULL, 'Tin', 'tin', 1);"
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
           "INSERT INTO articles (site_id, category_id, title, slug, lead, body_html, status, published_at, created_at, "
           "updated_at) SELECT 1, 1, 'Khuyến nông số ' || i, 'bai-' || i, 'Mùa vụ thứ ' || i, "
           "'<p>Giống lúa mới cho vụ đông xuân năm ' || i || '.</p>', 'published', i, i, i FROM n;");
  auto index_bytes = [&] {
    sqlite::Connection c;
    EXPECT_EQ(c.open(path_, false, 1000), "");
    auto s = c.prepare("SELECT SUM(LENGTH(block)) FROM article_fts_data");
    return s.step() ? s.i64(0) : -1;
  };
  std::int64_t first = 0;
  {
    auto store = open_sqlite_store({.path = path_, .readers = 1});  // indexes the articles once
    ASSERT_TRUE(store.is_ok()) << store.status().message();
    first = index_bytes();
    ASSERT_GT(first, 0);
    for (int i = 0; i < 2; ++i) {
      auto n = (*store)->reindex();
      ASSERT_TRUE(n.is_ok()) << n.status().message();
      EXPECT_EQ(*n, 300);
    }
  }
  EXPECT_LE(index_bytes(), first * 11 / 10);
}

TEST_F(SqliteMigrations, AFailedUpgradeLeavesTheDatabaseAsItWas) {
  build_at(20, "INSERT INTO sites (site_id, host, name, is_default, created_at) VALUES (1, 'a.vn', 'Xã A', 1, 0);");
  std::vector<sql::Migration> steps(std::begin(sqlite::kMigrations), std::end(sqlite::kMigrations));
  steps.push_back({steps.back().version + 1, "CREATE TABLE khong_co_dau (x INTEGER); SELECT * FROM bang_khong_co"});
  auto writer = std::make_unique<sqlite::Connection>();
  ASSERT_EQ(writer->open(path_, true, 1000), "");
  std::vector<std::unique_ptr<sql::Connection>> readers;
  auto reader = std::make_unique<sqlite::Connection>();
  ASSERT_EQ(reader->open(path_, false, 1000), "");
  readers.push_back(std::move(reader));
  sql::SqlStore store;
  Status st = store.open(std::move(writer), std::move(readers), steps);
  ASSERT_FALSE(st.is_ok());
  EXPECT_NE(st.message().find("stays at version 20"), std::string::npos) << st.message();
  auto state = schema_state("sqlite:" + path_);
  ASSERT_TRUE(state.is_ok());
  EXPECT_EQ(state->current, 20);  // not 23: the steps that worked went with the one that failed
  sqlite::Connection c;
  ASSERT_EQ(c.open(path_, true, 1000), "");
  auto s = c.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('khong_co_dau', 'sign_in_failures')");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 0);
}

}  // namespace
