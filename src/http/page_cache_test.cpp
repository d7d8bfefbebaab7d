#include "http/page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

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
  EXPECT_LE(cache.bytes(), cache.budget());
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

TEST(PageCache, RefusesEntriesLargerThanHalfAShard) {
  PageCache cache(64 * 1024);  // eight shards of 8 KiB
  cache.put("big", {"t"}, make_entity("text/plain", std::string(6000, 'z'), Compression::none));
  EXPECT_FALSE(cache.get("big"));
}

TEST(PageCache, EvictsTheLeastRecentlyUsedAndCountsEveryByte) {
  PageCache cache(8 * 64 * 1024);  // 64 KiB a shard
  std::vector<std::string> keys;
  for (int i = 0; i < 2000; ++i) {
    keys.push_back("1|page" + std::to_string(i));
    cache.put(keys.back(), {"site:1", "path:/page" + std::to_string(i)},
              make_entity("text/plain", std::string(1000, 'a' + i % 26), Compression::none), std::chrono::milliseconds::zero(),
              {{"Link", std::string(200, 'l')}});
    if (i >= 1) {
      ASSERT_TRUE(cache.get(keys[1])) << "used on every round: never the one to go (" << i << ")";
    }
    ASSERT_LE(cache.bytes(), cache.budget());
  }
  EXPECT_GT(cache.evictions(), 1000u);
  EXPECT_FALSE(cache.get(keys[0])) << "the oldest unused entry went first";
  EXPECT_TRUE(cache.get(keys.back()));
  // Each entry is charged for its key, tags, headers and body, not the body alone.
  std::size_t n = cache.size();
  EXPECT_LT(n * 1400, cache.bytes() + 1);
  // A coding made after the entry was stored is charged at the next look.
  PageCache one;
  auto page = make_entity("text/html", std::string(20000, 'x'));
  one.put("p", {}, page);
  std::size_t before = one.bytes();
  page->coded(Coding::br);
  ASSERT_TRUE(one.get("p"));
  EXPECT_GT(one.bytes(), before);
}

TEST(PageCache, ConcurrentMissesRenderOnceAndShare) {
  PageCache cache;
  std::atomic<int> renders{0};
  std::atomic<int> hits{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i)
    threads.emplace_back([&] {
      bool hit = false;
      Response r = cache.get_or_make("k", [&] {
        ++renders;
        EXPECT_TRUE(cache.in_flight("k"));  // those arriving now join this render
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // long enough for all to arrive
        return PageCache::Made{Response::with(200, make_entity("text/html", "page")), true, {"site:1"}, {}};
      }, hit);
      EXPECT_EQ(r.entity->identity, "page");
      if (hit) ++hits;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(hits, 49);
  EXPECT_FALSE(cache.in_flight("k"));
  // An answer that is not kept (an error, a personal one) is not shared: each draws its own.
  renders = 0;
  threads.clear();
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      bool hit = false;
      cache.get_or_make("e", [&] {
        ++renders;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return PageCache::Made{Response::with(404, make_entity("text/html", "no")), false, {}, {}};
      }, hit);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(renders, 4);
  EXPECT_FALSE(cache.get("e"));
  // A render that throws releases those waiting for it.
  EXPECT_THROW({
    bool hit = false;
    cache.get_or_make("x", []() -> PageCache::Made { throw std::runtime_error("db"); }, hit);
  }, std::runtime_error);
  bool hit = false;
  EXPECT_EQ(cache.get_or_make("x", [] { return PageCache::Made{Response::with(200, make_entity("text/plain", "ok")), true, {}, {}}; }, hit)
                .entity->identity, "ok");
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

TEST(PageCache, ARedrawOfAPageReadAgainIsCodedForReuse) {
  PageCache cache;
  std::string body(4000, 'x');
  for (int i = 0; i < 4000; i += 7) body[i] = static_cast<char>('a' + i % 26);
  auto draw = [&] {
    return PageCache::Made{Response::with(200, make_entity("text/html", body)), true, {}, std::chrono::milliseconds(10)};
  };
  bool hit = false;
  auto first = cache.get_or_make("p", draw, hit).entity;  // a first draw: fast levels
  EXPECT_EQ(first->compression, Compression::fast);
  std::this_thread::sleep_for(std::chrono::milliseconds(15));
  EXPECT_EQ(cache.get_or_make("p", draw, hit).entity->compression, Compression::fast);  // nobody read it again
  ASSERT_TRUE(cache.get("p"));                                                          // read again
  std::this_thread::sleep_for(std::chrono::milliseconds(15));
  auto again = cache.get_or_make("p", draw, hit).entity;
  EXPECT_FALSE(hit);
  EXPECT_EQ(again->compression, Compression::reused);
  EXPECT_EQ(again->identity, body);
  EXPECT_EQ(again->etag, first->etag);  // the same body; its codings have their own validators
  EXPECT_NE(again->fixed_head(Coding::br).find(first->etag.substr(0, first->etag.size() - 1) + "-brr\""), std::string::npos);
  ASSERT_TRUE(again->coded(Coding::br) && first->coded(Coding::br));
  EXPECT_LE(again->coded(Coding::br)->size(), first->coded(Coding::br)->size());
  EXPECT_EQ(cache.get("p")->entity, again);
}

TEST(PageCache, AnExpiredPageIsGivenWithinGraceAndSaysHowLate) {
  PageCache cache;
  auto page = make_entity("text/html", "live numbers");
  cache.put("live", {"site:1"}, page, std::chrono::milliseconds(30));
  std::chrono::milliseconds late{99};
  ASSERT_TRUE(cache.get("live", std::chrono::seconds(10), &late));
  EXPECT_EQ(late.count(), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  EXPECT_FALSE(cache.get("live"));  // no grace: a miss, but the entry stays
  auto stale = cache.get("live", std::chrono::seconds(10), &late);
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->entity, page);
  EXPECT_GE(late.count(), 10);
  EXPECT_LT(late.count(), 10000);
  EXPECT_FALSE(cache.get("live", std::chrono::milliseconds(5), &late));  // past a shorter grace: gone
  EXPECT_FALSE(cache.get("live", std::chrono::seconds(10), &late));      // and dropped
  EXPECT_EQ(late.count(), 0);
}

TEST(PageCache, OnlyAnEntryAskedForAgainOutlivesItsTimeForServingStale) {
  for (auto keep : {std::chrono::milliseconds(10000), std::chrono::milliseconds(0)}) {
    PageCache cache(1u << 20, keep);
    auto page = make_entity("text/html", "live numbers");
    cache.put("asked", {}, page, std::chrono::milliseconds(20));
    ASSERT_TRUE(cache.get("asked"));
    cache.put("once", {}, page, std::chrono::milliseconds(20));
    // Behind "asked" in the same shard ("b" + i for the first i that shares it) is pruned too.
    std::string behind;
    for (int i = 0; behind.empty(); ++i)
      if (std::hash<std::string_view>{}("b" + std::to_string(i)) % 8 == std::hash<std::string_view>{}("asked") % 8)
        behind = "b" + std::to_string(i);
    cache.put(behind, {}, page, std::chrono::milliseconds(20));
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    for (int i = 0; i < 200; ++i) cache.put("new" + std::to_string(i), {}, page);  // each shard prunes its far end
    EXPECT_FALSE(cache.get("once", std::chrono::seconds(10)));
    EXPECT_FALSE(cache.get(behind, std::chrono::seconds(10)));
    EXPECT_EQ(cache.get("asked", std::chrono::seconds(10)).has_value(), keep.count() > 0) << keep.count();
  }
}

TEST(PageCache, OneCallerClaimsTheRedrawOfAnEntryPerWindow) {
  PageCache cache(1u << 20, std::chrono::seconds(10));
  auto page = make_entity("text/html", "live numbers");
  cache.put("p", {}, page, std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(15));
  EXPECT_TRUE(cache.claim_redraw("p", std::chrono::milliseconds(30)));
  EXPECT_FALSE(cache.claim_redraw("p", std::chrono::milliseconds(30)));  // the others are served it stale
  std::this_thread::sleep_for(std::chrono::milliseconds(35));
  EXPECT_TRUE(cache.claim_redraw("p", std::chrono::milliseconds(30)));   // that redraw never came
  cache.put("p", {}, page, std::chrono::milliseconds(10));                // it came: a new entry, no claim
  EXPECT_TRUE(cache.claim_redraw("p", std::chrono::milliseconds(30)));
  // A page not cached yet: its first draw is claimed once, until an entry lands.
  EXPECT_TRUE(cache.claim_redraw("absent", std::chrono::milliseconds(30)));
  EXPECT_FALSE(cache.claim_redraw("absent", std::chrono::milliseconds(30)));
  cache.put("absent", {}, page);
  EXPECT_TRUE(cache.claim_redraw("absent", std::chrono::milliseconds(30)));  // cached now: fresh, no claim yet
}
