#include "core/rate_limit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace portico {
namespace {

TEST(RateLimit, AllowsTheBudgetThenRefusesWithAWait) {
  FixedClock clock(1'000'020);  // 20 s into a minute
  RateLimit limit(clock, 5, 60);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limit.take("a"), 0) << i;
  std::int64_t wait = limit.take("a");
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 60 + 12);
  EXPECT_EQ(limit.take("b"), 0) << "keys are counted apart";
  // Still refused just before the advertised wait is over… and allowed once it is.
  clock.set(1'000'020 + wait - 1);
  EXPECT_GT(limit.take("a"), 0);
  clock.set(1'000'020 + wait);
  EXPECT_EQ(limit.take("a"), 0);
}

TEST(RateLimit, ThePreviousWindowStillWeighsUntilItSlidesOut) {
  FixedClock clock(6000);  // the start of a window
  RateLimit limit(clock, 10, 60);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(limit.take("a"), 0);
  clock.set(6060);  // next window: the ten still count in full
  EXPECT_GT(limit.take("a"), 0);
  clock.set(6090);  // half-way: five of them count, five more are allowed
  int allowed = 0;
  while (limit.take("a") == 0) ++allowed;
  EXPECT_EQ(allowed, 5);
  clock.set(6240);  // long quiet: the full budget again
  allowed = 0;
  while (limit.take("a") == 0 && allowed < 100) ++allowed;
  EXPECT_EQ(allowed, 10);
}

TEST(RateLimit, RefusedRequestsAreNotCounted) {
  FixedClock clock(6000);
  RateLimit limit(clock, 2, 10);
  limit.take("a");
  limit.take("a");
  for (int i = 0; i < 1000; ++i) EXPECT_GT(limit.take("a"), 0);
  clock.set(6020);  // two windows later nothing remains of the refused thousand
  EXPECT_EQ(limit.take("a"), 0);
  EXPECT_EQ(limit.take("a"), 0);
}

TEST(RateLimit, ExactUnderThreadsAndBoundedUnderManyKeys) {
  FixedClock clock(6000);
  RateLimit limit(clock, 1000, 60);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i)
        if (limit.take("shared") == 0) ++allowed;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed, 1000);
  // A spray of distinct addresses: each gets its own budget; old ones are forgotten.
  for (int i = 0; i < 400'000; ++i) {
    if (i == 200'000) clock.set(6000 + 180);
    ASSERT_EQ(limit.take("10.0." + std::to_string(i)), 0);
  }
  EXPECT_LE(limit.keys(), RateLimit::kMaxKeys);
}

TEST(RateLimit, KeysStayBoundedAndTheBusiestAreKept) {
  FixedClock clock(6000);
  RateLimit limit(clock, 3, 60);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(limit.take("busy"), 0);
  // Far more fresh keys than the bound, all in one window, "busy" asking now and then.
  for (int i = 0; i < 300'000; ++i) {
    limit.take("k" + std::to_string(i));
    if (i % 1000 == 0) {
      EXPECT_GT(limit.take("busy"), 0) << i;  // still remembered: still refused
    }
  }
  EXPECT_LE(limit.keys(), RateLimit::kMaxKeys);
  // Quiet keys leave as the clock moves on, a few with each request to their shard.
  clock.set(6000 + 600);
  for (int i = 0; i < 100'000; ++i) limit.take("later" + std::to_string(i % 50));
  EXPECT_LT(limit.keys(), 1000u);
}

TEST(RateLimit, AnIpv6SubscriberIsItsSlash64) {
  EXPECT_EQ(RateLimit::address_key("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(RateLimit::address_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(RateLimit::address_key("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
  EXPECT_NE(RateLimit::address_key("2001:db8:1:3::1"), RateLimit::address_key("2001:db8:1:2::1"));
  EXPECT_EQ(RateLimit::address_key("::ffff:192.0.2.1"), "192.0.2.1");
  FixedClock clock(6000);
  RateLimit limit(clock, 2, 60);
  EXPECT_EQ(limit.take_address("2001:db8::1"), 0);
  EXPECT_EQ(limit.take_address("2001:db8::2"), 0);
  EXPECT_GT(limit.take_address("2001:db8::ffff"), 0) << "one budget for the /64";
  EXPECT_EQ(limit.take_address("2001:db8:0:1::1"), 0);
}

}  // namespace
}  // namespace portico
