// Upgrades of an existing SQLite database: one built at an earlier schema version from the
// migration list itself and filled as the code of that version did, then opened by the
// store, which migrates it to the latest.
#include "store/sqlite/migrations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

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

}  // namespace
