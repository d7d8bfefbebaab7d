// Visit counting against a real SQLite file and a fixed clock that crosses midnight in
// Asia/Ho_Chi_Minh.
#include "widgets/visits.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

using namespace portico;
using namespace portico::widgets;

namespace {

class VisitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("portico-visits-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = std::move(*open_sqlite_store({.path = (dir_ / "t.db").string(), .readers = 2}));
    site_ = *store_->create_site({.host = "a.vn", .name = "Xã A", .is_default = true});
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  Id site_ = 0;
};

// 2026-11-29 23:59:58 in Hà Nội is 16:59:58 UTC.
constexpr std::int64_t kBeforeMidnight = 1795971598;

}  // namespace

TEST_F(VisitsTest, TodayAndYesterdayRollOverAtMidnightInHoChiMinhCity) {
  FixedClock clock(kBeforeMidnight);
  VisitCounter v(*store_, clock);
  for (int i = 0; i < 3; ++i) v.view(site_, 1);
  v.flush();
  EXPECT_EQ(v.stats(site_).today, 3);
  v.view(site_, 2);  // still the 29th, not yet flushed
  clock.set(kBeforeMidnight + 3);  // 00:00:01 on the 30th
  v.view(site_, 2);
  v.view(site_, 3);
  VisitStats s = v.stats(site_);  // pending views are already on their own days
  EXPECT_EQ(s.today, 2);
  EXPECT_EQ(s.yesterday, 4);
  EXPECT_EQ(s.total, 6);
  v.flush();
  s = v.stats(site_);
  EXPECT_EQ(s.today, 2);
  EXPECT_EQ(s.yesterday, 4);
  EXPECT_EQ(s.this_month, 6);  // November still
  EXPECT_EQ(s.total, 6);
  EXPECT_EQ(s.online, 3);
  // December 1st: a new month; the 29th is no longer "yesterday".
  clock.set(kBeforeMidnight + 2 + 86400 + 10);
  v.view(site_, 4);
  v.flush();
  s = v.stats(site_);
  EXPECT_EQ(s.today, 1);
  EXPECT_EQ(s.yesterday, 2);
  EXPECT_EQ(s.this_month, 1);
  EXPECT_EQ(s.total, 7);
  // Five minutes later only visitor 4 is still "online", and then nobody.
  clock.set(clock.now() + 299);
  v.flush();
  EXPECT_EQ(v.stats(site_).online, 1);
  clock.set(clock.now() + 2);
  v.flush();
  EXPECT_EQ(v.stats(site_).online, 0);
}

TEST_F(VisitsTest, CountsFromManyThreadsAreExactAndSurviveARestart) {
  FixedClock clock(kBeforeMidnight - 3600);
  {
    VisitCounter v(*store_, clock);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 5000; ++i) {
          v.view(site_, static_cast<std::uint64_t>(t * 10000 + i));
          if (i % 1000 == 0 && t == 0) v.flush();
        }
      });
    for (auto& th : threads) th.join();
    v.flush();
  }
  VisitCounter again(*store_, clock);
  EXPECT_EQ(again.stats(site_).today, 20000);
  EXPECT_EQ(again.stats(site_).total, 20000);
}

TEST(Bots, KnownCrawlersAndScriptsAreNotVisitors) {
  EXPECT_TRUE(is_bot(""));
  EXPECT_TRUE(is_bot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
  EXPECT_TRUE(is_bot("Mozilla/5.0 (compatible; bingbot/2.0)"));
  EXPECT_TRUE(is_bot("coccocbot-web/1.0"));
  EXPECT_TRUE(is_bot("facebookexternalhit/1.1"));
  EXPECT_TRUE(is_bot("curl/7.88.1"));
  EXPECT_TRUE(is_bot("python-requests/2.28"));
  EXPECT_FALSE(is_bot("Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"));
  EXPECT_FALSE(is_bot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile/15E148 Safari/604.1 Zalo iOS"));
}
