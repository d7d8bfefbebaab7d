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
  EXPECT_LE(limit.keys(), 16u * 20000u);
}

}  // namespace
}  // namespace portico
