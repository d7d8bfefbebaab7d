#include "http/page_cache.h"

#include <gtest/gtest.h>

#include <thread>

using namespace portico::http;

TEST(PageCache, StoresInvalidatesByTagAndStaysBounded) {
  PageCache cache(64 * 1024);
  auto page = make_entity("text/html", std::string(2000, 'x'));
  cache.put("1|/", {"site:1", "path:/"}, page);
  cache.put("2|/", {"site:2", "path:/"}, page);
  EXPECT_EQ(cache.get("1|/"), page);
  EXPECT_EQ(cache.get("nope"), nullptr);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
  cache.invalidate("site:1");
  EXPECT_EQ(cache.get("1|/"), nullptr);
  EXPECT_NE(cache.get("2|/"), nullptr);
  cache.invalidate("path:/");  // any of an entry's tags
  EXPECT_EQ(cache.get("2|/"), nullptr);
  for (int i = 0; i < 100; ++i) cache.put("k" + std::to_string(i), {"site:2"}, make_entity("text/plain", std::string(3000, 'a' + i % 26), Compression::none));
  EXPECT_LT(cache.size(), 30u);  // 64 KiB hold about twenty 3 KB pages
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
}

TEST(PageCache, RefusesEntriesLargerThanAQuarter) {
  PageCache cache(16 * 1024);
  cache.put("big", {"t"}, make_entity("text/plain", std::string(8000, 'z'), Compression::none));
  EXPECT_EQ(cache.get("big"), nullptr);
}

TEST(PageCache, LivePagesExpireAfterTheirTtl) {
  PageCache cache;
  auto page = make_entity("text/html", "live numbers");
  cache.put("live", {"site:1"}, page, std::chrono::milliseconds(30));
  cache.put("still", {"site:1"}, page);
  EXPECT_EQ(cache.get("live"), page);
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  EXPECT_EQ(cache.get("live"), nullptr);
  EXPECT_EQ(cache.get("still"), page);
}
