// Accounts, sign-in and sessions over a real SQLite store and a fixed clock.
#include "newsroom/newsroom.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>

using namespace portico;
using namespace portico::newsroom;

namespace {
class NewsroomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("portico-newsroom-" + std::to_string(::getpid()) + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = std::move(*open_sqlite_store({.path = (dir_ / "t.db").string(), .readers = 2}));
    site_ = *store_->create_site({.host = "a.vn", .name = "Xã A", .is_default = true});
    newsroom_ = std::make_unique<Newsroom>(*store_, clock_);
  }
  void TearDown() override {
    newsroom_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::vector<std::string> actions() {
    std::vector<std::string> out;
    for (auto& e : store_->audit(site_, 100, 0)) out.push_back(e.action);
    return out;
  }
  std::filesystem::path dir_;
  FixedClock clock_{1'800'000'000};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Newsroom> newsroom_;
  Id site_ = 0;
};
using Outcome = SignInResult::Outcome;
}  // namespace

TEST_F(NewsroomTest, AddUserValidatesAndGeneratesAPassword) {
  auto pw = newsroom_->add_user(site_, "bientap", Role::editor, std::nullopt, "cli");
  ASSERT_TRUE(pw.is_ok());
  EXPECT_EQ(pw->size(), 20u);
  EXPECT_EQ(newsroom_->add_user(site_, "bientap", Role::editor, std::nullopt, "cli").status().code(), Code::conflict);
  EXPECT_EQ(newsroom_->add_user(site_, "Bad Name", Role::editor, std::nullopt, "cli").status().code(), Code::invalid);
  EXPECT_EQ(newsroom_->add_user(site_, "ngan", Role::editor, std::string("short"), "cli").status().code(), Code::invalid);
  auto u = store_->user_by_name(site_, "bientap");
  ASSERT_TRUE(u.is_ok());
  EXPECT_EQ(u->role, "editor");
  EXPECT_NE(u->password_hash, *pw);  // only the hash is stored
  EXPECT_EQ(actions(), std::vector<std::string>{"user_add"});
}

TEST_F(NewsroomTest, SignInCreatesASessionThatAuthenticatesUntilItExpires) {
  ASSERT_TRUE(newsroom_->add_user(site_, "duyet", Role::approver, std::string("mat-khau-du-dai"), "cli").is_ok());
  auto bad = newsroom_->sign_in(site_, "duyet", "sai-mat-khau", "127.0.0.1");
  EXPECT_EQ(bad.outcome, Outcome::bad_credentials);
  auto unknown = newsroom_->sign_in(site_, "khong-co", "mat-khau-du-dai", "127.0.0.1");
  EXPECT_EQ(unknown.outcome, Outcome::bad_credentials);
  auto ok = newsroom_->sign_in(site_, "duyet", "mat-khau-du-dai", "127.0.0.1");
  ASSERT_EQ(ok.outcome, Outcome::ok);
  auto who = newsroom_->authenticate(site_, ok.token);
  ASSERT_TRUE(who.is_ok());
  EXPECT_EQ(who->role, Role::approver);
  EXPECT_FALSE(newsroom_->authenticate(site_, ok.token + "x").is_ok());
  EXPECT_FALSE(newsroom_->authenticate(site_ + 1, ok.token).is_ok());
  clock_.set(clock_.now() + kSessionSeconds);
  EXPECT_FALSE(newsroom_->authenticate(site_, ok.token).is_ok());
  EXPECT_EQ(actions(), (std::vector<std::string>{"sign_in", "sign_in_failed", "sign_in_failed", "user_add"}));
}

TEST_F(NewsroomTest, SignInIsThrottledPerAccount) {
  ASSERT_TRUE(newsroom_->add_user(site_, "bientap", Role::editor, std::string("mat-khau-du-dai"), "cli").is_ok());
  for (int i = 0; i < kAccountFailures; ++i)
    EXPECT_EQ(newsroom_->sign_in(site_, "bientap", "sai", "10.0.0." + std::to_string(i)).outcome, Outcome::bad_credentials);
  auto locked = newsroom_->sign_in(site_, "bientap", "mat-khau-du-dai", "10.0.0.99");
  EXPECT_EQ(locked.outcome, Outcome::throttled);  // even with the right password
  EXPECT_EQ(locked.retry_after, kThrottleWindow);
  clock_.set(clock_.now() + kThrottleWindow);
  EXPECT_EQ(newsroom_->sign_in(site_, "bientap", "mat-khau-du-dai", "10.0.0.99").outcome, Outcome::ok);
}

TEST_F(NewsroomTest, SignInIsThrottledPerAddressAcrossAccounts) {
  for (int i = 0; i < kAddressFailures; ++i)
    newsroom_->sign_in(site_, "nguoi" + std::to_string(i), "sai", "192.0.2.1");
  EXPECT_EQ(newsroom_->sign_in(site_, "nguoi-khac", "sai", "192.0.2.1").outcome, Outcome::throttled);
  EXPECT_EQ(newsroom_->sign_in(site_, "nguoi-khac", "sai", "192.0.2.2").outcome, Outcome::bad_credentials);
}

TEST_F(NewsroomTest, DisablingOrChangingThePasswordEndsSessions) {
  ASSERT_TRUE(newsroom_->add_user(site_, "bientap", Role::editor, std::string("mat-khau-du-dai"), "cli").is_ok());
  auto first = newsroom_->sign_in(site_, "bientap", "mat-khau-du-dai", "127.0.0.1");
  auto pw = newsroom_->set_password(site_, "bientap", std::nullopt, "cli");
  ASSERT_TRUE(pw.is_ok());
  EXPECT_FALSE(newsroom_->authenticate(site_, first.token).is_ok());
  EXPECT_EQ(newsroom_->sign_in(site_, "bientap", "mat-khau-du-dai", "127.0.0.1").outcome, Outcome::bad_credentials);
  auto second = newsroom_->sign_in(site_, "bientap", *pw, "127.0.0.1");
  ASSERT_EQ(second.outcome, Outcome::ok);
  ASSERT_TRUE(newsroom_->disable_user(site_, "bientap", "cli").is_ok());
  EXPECT_FALSE(newsroom_->authenticate(site_, second.token).is_ok());
  EXPECT_EQ(newsroom_->sign_in(site_, "bientap", *pw, "127.0.0.1").outcome, Outcome::bad_credentials);
}

TEST_F(NewsroomTest, AuditLogIsAppendOnly) {
  newsroom_->record(site_, 0, "cli", "user_add", "x", "");
  auto e = store_->audit(site_, 10, 0);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].at, clock_.now());
  // The Store has no way to change it, and the database itself refuses to.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "t.db").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET actor = 'khac'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(store_->audit(site_, 10, 0).at(0).actor, "cli");
}
