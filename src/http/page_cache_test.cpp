#include "http/page_cache.h"

#include <gtest/gtest.h>

#include <thread>

using namespace portico::http;

TEST(PageCache, StoresInvalidatesByTagAndStaysBounded) {
  PageCache cache(64 * 1024);
  auto page = make_entity("text/html", std::string(2000, 'x'));
  cache.put("1|/", {"site:1", "path:/"}, page);
  cache.put("2|/", {"site:2", "path:/"}, page);
  EXPECT_EQ(cache.get("1|/")->entity, page);
  EXPECT_FALSE(cache.get("nope"));
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
  cache.invalidate("site:1");
  EXPECT_FALSE(cache.get("1|/"));
  EXPECT_TRUE(cache.get("2|/"));
  cache.invalidate("path:/");  // any of an entry's tags
  EXPECT_FALSE(cache.get("2|/"));
  for (int i = 0; i < 100; ++i) cache.put("k" + std::to_string(i), {"site:2"}, make_entity("text/plain", std::string(3000, 'a' + i % 26), Compression::none));
  EXPECT_LT(cache.size(), 30u);  // 64 KiB hold about twenty 3 KB pages
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
}

TEST(PageCache, KeepsTheHeadersThatDescribeTheEntity) {
  PageCache cache;
  cache.put("api", {"site:1"}, make_entity("application/json", "[]"), std::chrono::milliseconds::zero(),
            {{"Link", "</api/v1/articles?page=2>; rel=\"next\""}});
  auto hit = cache.get("api");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->status, 200);
  ASSERT_EQ(hit->headers.size(), 1u);
  EXPECT_EQ(hit->headers[0].first, "Link");
}

TEST(PageCache, RefusesEntriesLargerThanAQuarter) {
  PageCache cache(16 * 1024);
  cache.put("big", {"t"}, make_entity("text/plain", std::string(8000, 'z'), Compression::none));
  EXPECT_FALSE(cache.get("big"));
}

TEST(PageCache, LivePagesExpireAfterTheirTtl) {
  PageCache cache;
  auto page = make_entity("text/html", "live numbers");
  cache.put("live", {"site:1"}, page, std::chrono::milliseconds(30));
  cache.put("still", {"site:1"}, page);
  ASSERT_TRUE(cache.get("live"));
  EXPECT_EQ(cache.get("live")->entity, page);
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  EXPECT_FALSE(cache.get("live"));
  EXPECT_EQ(cache.get("still")->entity, page);
}
