// Backups against real files: a data directory with a SQLite database and uploads, backed
// up, checked, tampered with, restored; and the backup serve makes before an upgrade.
#include "app/backup.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"

using namespace portico;
namespace fs = std::filesystem;

namespace {

class Backups : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("portico-backup-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "data" / "media" / "nam-2026");
    fs::create_directories(dir_ / "data" / "private");
    write(dir_ / "data" / "media" / "anh-1.jpg", std::string("\xFF\xD8\xFF\xE0 ảnh", 10));
    write(dir_ / "data" / "media" / "nam-2026" / "anh-2.png", "PNG ảnh thứ hai");
    write(dir_ / "data" / "media" / ".anh-3.jpg.tmp-abc", "đang ghi dở");  // an upload being written
    write(dir_ / "data" / "private" / "tep-dinh-kem.pdf", "%PDF riêng tư");
    write(dir_ / "data" / "secret.key", std::string(32, 'k'));
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void write(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }
  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  std::string url(const char* name = "data/portico.db") const { return "sqlite:" + (dir_ / name).string(); }
  app::Installation installation() const { return {(dir_ / "data").string(), url()}; }

  // A database with one site, at this build's schema.
  void current_database() {
    auto store = open_store({.url = url(), .readers = 1});
    ASSERT_TRUE(store.is_ok()) << store.status().message();
    ASSERT_TRUE((*store)->create_site({.host = "a.vn", .name = "Xã A"}).is_ok());
  }

  fs::path dir_;
};

TEST_F(Backups, ABackupRestoresWholeIntoAnEmptyDirectoryAndItsChecksumsHold) {
  current_database();
  auto made = app::make_backup(installation(), (dir_ / "sao-luu").string(), 1796637151);
  ASSERT_TRUE(made.is_ok()) << made.status().message();
  EXPECT_EQ(fs::path(made->dir).filename(), "portico-20261207-165231");  // Hà Nội time
  EXPECT_EQ(made->files, 5);  // the database, three uploads, the key; not the one being written
  EXPECT_FALSE(fs::exists(fs::path(made->dir) / "files" / "media" / ".anh-3.jpg.tmp-abc"));
  EXPECT_EQ(fs::status(made->dir).permissions() & fs::perms::all, fs::perms::owner_all);
  EXPECT_TRUE(app::verify_backup(made->dir).is_ok());

  auto restored = app::restore_backup(made->dir, {(dir_ / "moi").string(), url("moi/portico.db")});
  ASSERT_TRUE(restored.is_ok()) << restored.status().message();
  EXPECT_EQ(read(dir_ / "moi" / "media" / "nam-2026" / "anh-2.png"), "PNG ảnh thứ hai");
  EXPECT_EQ(read(dir_ / "moi" / "private" / "tep-dinh-kem.pdf"), "%PDF riêng tư");
  EXPECT_EQ(read(dir_ / "moi" / "secret.key"), std::string(32, 'k'));
  auto store = open_store({.url = url("moi/portico.db"), .readers = 1});
  ASSERT_TRUE(store.is_ok());
  auto site = (*store)->site_for_host("a.vn");
  ASSERT_TRUE(site.is_ok());
  EXPECT_EQ(site->name, "Xã A");

  // Only into an empty place.
  auto again = app::restore_backup(made->dir, {(dir_ / "moi").string(), url("moi/portico.db")});
  ASSERT_FALSE(again.is_ok());
  EXPECT_EQ(again.status().code(), Code::conflict);
  EXPECT_NE(again.status().message().find("không trống"), std::string::npos) << again.status().message();
}

TEST_F(Backups, ABackupChangedAfterwardsIsRefusedBeforeAnythingIsRestored) {
  current_database();
  auto made = app::make_backup(installation(), (dir_ / "sao-luu").string(), 1796637151);
  ASSERT_TRUE(made.is_ok()) << made.status().message();
  fs::path upload = fs::path(made->dir) / "files" / "media" / "anh-1.jpg";
  std::string bytes = read(upload);
  bytes[3] ^= 1;
  write(upload, bytes);
  auto checked = app::verify_backup(made->dir);
  ASSERT_FALSE(checked.is_ok());
  EXPECT_NE(checked.status().message().find("files/media/anh-1.jpg"), std::string::npos) << checked.status().message();
  auto restored = app::restore_backup(made->dir, {(dir_ / "moi").string(), url("moi/portico.db")});
  ASSERT_FALSE(restored.is_ok());
  EXPECT_FALSE(fs::exists(dir_ / "moi"));
}

TEST_F(Backups, ScheduledBackupsKeepTheNewestAndThoseBeforeAnUpgrade) {
  current_database();
  std::string root = (dir_ / "sao-luu").string();
  ASSERT_TRUE(app::make_backup(installation(), root, 1796637000, "truoc-nang-cap-v20").is_ok());
  for (std::int64_t t : {1796637100, 1796637200, 1796637300, 1796637300}) ASSERT_TRUE(app::make_backup(installation(), root, t).is_ok());
  fs::create_directories(fs::path(root) / ".partial-portico-20261207-000000");  // a backup cut short just now
  app::prune_backups(root, 2);
  std::vector<std::string> left;
  for (const auto& b : app::list_backups(root)) left.push_back(fs::path(b.dir).filename().string());
  EXPECT_EQ(left, (std::vector<std::string>{"portico-20261207-165000-truoc-nang-cap-v20", "portico-20261207-165500",
                                            "portico-20261207-165500-2"}));
  EXPECT_TRUE(fs::exists(fs::path(root) / ".partial-portico-20261207-000000")) << "younger than a day: may be under way";
}

// serve's upgrade path: a database at schema 20 with a site is kept as it was before it is
// migrated, and that copy restores to schema 20.
TEST_F(Backups, BeforeAnUpgradeTheDatabaseIsBackedUpAsItWas) {
  {
    sqlite::Connection c;
    ASSERT_EQ(c.open((dir_ / "data" / "portico.db").string(), true, 1000), "");
    ASSERT_EQ(c.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"), "");
    for (const auto& m : sqlite::kMigrations) {
      if (m.version > 20) break;
      ASSERT_EQ(c.exec(std::string(m.sql) + ";INSERT INTO schema_version VALUES (" + std::to_string(m.version) + ", 0)"), "");
    }
    ASSERT_EQ(c.exec("INSERT INTO sites (site_id, host, name, is_default, created_at) VALUES (1, 'a.vn', 'Xã A', 1, 0)"), "");
  }
  std::string root = (dir_ / "sao-luu").string();
  auto before = app::backup_before_upgrade(installation(), root, 1796637151);
  ASSERT_TRUE(before.is_ok()) << before.status().message();
  ASSERT_TRUE(before->has_value());
  EXPECT_EQ((*before)->schema_version, 20);
  EXPECT_EQ(fs::path((*before)->dir).filename(), "portico-20261207-165231-truoc-nang-cap-v20");

  ASSERT_TRUE(open_store({.url = url(), .readers = 1}).is_ok());  // the upgrade
  auto none = app::backup_before_upgrade(installation(), root, 1796637152);
  ASSERT_TRUE(none.is_ok());
  EXPECT_FALSE(none->has_value()) << "at the latest schema: nothing to keep";

  ASSERT_TRUE(app::restore_backup((*before)->dir, {(dir_ / "cu").string(), url("cu/portico.db")}).is_ok());
  auto state = schema_state(url("cu/portico.db"));
  ASSERT_TRUE(state.is_ok());
  EXPECT_EQ(state->current, 20);
  EXPECT_TRUE(state->has_data);
}

}  // namespace
