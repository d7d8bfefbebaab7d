// The Store contract, run unchanged against both engines: a real temporary SQLite file
// (portico_tests), and a real PostgreSQL server with a schema of its own per test
// (portico_pg_tests, built with PORTICO_STORE_TEST_POSTGRESQL and run under
// tests/pg/with_server.sh, which gives the server's address in PORTICO_PG_URL).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "store/store.h"
#include "text/unicode.h"
#ifdef PORTICO_STORE_TEST_POSTGRESQL
#include <cstdlib>

#include "store/pg/pg.h"
#endif

using namespace portico;

namespace {

// The value of a read that must succeed. A failed one ends the test with the store's
// message, as an ASSERT would (gtest reports the exception as the failure).
template <class T>
T must(Result<T> r) {
  if (!r) throw std::runtime_error("a read failed: " + r.status().message());
  return std::move(*r);
}

struct Backend {
  const char* name;
  // Opens the store kept in dir (a fresh, empty one the first time).
  Result<std::unique_ptr<Store>> (*open)(const std::filesystem::path& dir);
};

#ifdef PORTICO_STORE_TEST_POSTGRESQL
// The schema of the test kept in dir, made when missing: each test has a database of its own.
std::string pg_url(const std::filesystem::path& dir) {
  const char* url = std::getenv("PORTICO_PG_URL");
  if (!url) throw std::runtime_error("PORTICO_PG_URL is not set: run under tests/pg/with_server.sh");
  char schema[32];
  std::snprintf(schema, sizeof schema, "t%016zx", std::hash<std::string>{}(dir.string()));
  auto c = pg::Connection::open(url);
  if (!c) throw std::runtime_error(c.status().message());
  if (auto st = (*c)->exec(std::string("CREATE SCHEMA IF NOT EXISTS ") + schema); !st) throw std::runtime_error(st.message());
  std::string u = url;
  return u + (u.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

void drop_pg_schema(const std::filesystem::path& dir) {
  char schema[32];
  std::snprintf(schema, sizeof schema, "t%016zx", std::hash<std::string>{}(dir.string()));
  if (auto c = pg::Connection::open(std::getenv("PORTICO_PG_URL"))) (void)(*c)->exec(std::string("DROP SCHEMA ") + schema + " CASCADE");
}

const Backend kBackends[] = {
    {"postgresql", [](const std::filesystem::path& dir) { return open_store({.url = pg_url(dir), .readers = 2}); }},
};
#else
void drop_pg_schema(const std::filesystem::path&) {}

const Backend kBackends[] = {
    {"sqlite", [](const std::filesystem::path& dir) { return open_sqlite_store({.path = (dir / "t.db").string(), .readers = 2}); }},
};
#endif

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (auto& c : name)
      if (c == '/') c = '-';
    dir_ = std::filesystem::temp_directory_path() / ("portico-store-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = GetParam().open(dir_);
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    store_ = std::move(*s);
    auto site = store_->create_site({.host = "a.vn", .name = "Xã A", .is_default = true});
    ASSERT_TRUE(site.is_ok());
    site_ = *site;
    auto cat = store_->create_category({0, site_, 0, "Tin tức – Sự kiện", "", 1, ""});
    ASSERT_TRUE(cat.is_ok());
    cat_ = *cat;
  }
  void TearDown() override {
    store_.reset();
    drop_pg_schema(dir_);
    std::filesystem::remove_all(dir_);
  }
  Article article(std::string title, std::int64_t at, ArticleStatus st = ArticleStatus::published) {
    Article a;
    a.site_id = site_;
    a.category_id = cat_;
    a.title = std::move(title);
    a.status = st;
    a.published_at = at;
    return a;
  }
  // A question as the form sends it, new.
  Question question(std::string code, std::string topic, std::string title, std::string body) {
    Question q;
    q.site_id = site_;
    q.code = std::move(code);
    q.topic = std::move(topic);
    q.title = std::move(title);
    q.body = std::move(body);
    q.sender_name = "An";
    q.created_at = q.updated_at = 30;
    return q;
  }
  // A search as content::parse_search makes one: each term's words as written and folded;
  // the last term's last word may be a prefix.
  static TextQuery words(std::vector<std::vector<std::string>> terms, bool prefix = false) {
    TextQuery q;
    for (auto& t : terms) {
      TextQuery::Term term{t, {}, false};
      for (const auto& w : t) term.folded.push_back(text::fold(w));
      q.terms.push_back(std::move(term));
    }
    if (prefix && !q.terms.empty()) q.terms.back().prefix = true;
    return q;
  }
  std::vector<std::string> found(TextQuery text, bool newest_first = false) {
    auto r = store_->search({.site_id = site_, .text = std::move(text), .now = 1000, .newest_first = newest_first});
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    std::vector<std::string> out;
    if (r.is_ok())
      for (const auto& h : r->items) out.push_back(h.article.title);
    return out;
  }
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  Id site_ = 0, cat_ = 0;
};
}  // namespace

TEST_P(StoreTest, MigratesOnceAndRecordsTheVersion) {
  int version = store_->schema_version();
  EXPECT_GE(version, 1);  // each engine counts its own migrations
  EXPECT_EQ(store_->known_schema_version(), version);  // all of them applied
  store_.reset();
  auto again = GetParam().open(dir_);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ((*again)->schema_version(), version);
  EXPECT_EQ((*again)->sites()->size(), 1u);
}

TEST_P(StoreTest, AnIdIsTheRowJustWrittenWhateverTheConnectionDidBefore) {
  auto a = store_->create_article(article("Một", 10));
  ASSERT_TRUE(a.is_ok());
  store_.reset();
  auto again = GetParam().open(dir_);
  ASSERT_TRUE(again.is_ok());
  store_ = std::move(*again);
  // A new connection's first write makes no id (a rating); the next one's id is its own.
  ASSERT_TRUE(store_->add_rating(site_, *a, "khach-1", 4, "", 100).is_ok());
  auto link = store_->save_link({0, site_, "Cổng Dịch vụ công", "https://dichvucong.gov.vn", 1});
  ASSERT_TRUE(link.is_ok());
  auto c = store_->create_category({0, site_, 0, "Chuyên mục mới", "", 2, ""});
  ASSERT_TRUE(c.is_ok());
  auto links = must(store_->links(site_));
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].id, *link);
  bool found = false;
  for (const auto& x : must(store_->categories(site_))) found |= x.id == *c && x.name == "Chuyên mục mới";
  EXPECT_TRUE(found);
  EXPECT_NE(*c, cat_);
}

TEST_P(StoreTest, CategorySlugFromName) {
  auto cats = must(store_->categories(site_));
  ASSERT_EQ(cats.size(), 1u);
  EXPECT_EQ(cats[0].slug, "tin-tuc-su-kien");
}

TEST_P(StoreTest, CategoriesKeepTheirLink) {
  auto id = store_->create_category({0, site_, 0, "Thủ tục hành chính", "", 2, "", false, "https://dichvucong.gov.vn"});
  ASSERT_TRUE(id.is_ok());
  auto find = [&] {
    for (auto& c : must(store_->categories(site_)))
      if (c.id == *id) return c;
    return Category{};
  };
  EXPECT_EQ(find().link, "https://dichvucong.gov.vn");
  Category c = find();
  c.link = "/thu-tuc";
  ASSERT_TRUE(store_->update_category(c).is_ok());
  EXPECT_EQ(find().link, "/thu-tuc");
  EXPECT_EQ(must(store_->article_count(site_, *id)), 0);
}

TEST_P(StoreTest, ASiteAndItsSectionsAreWrittenAllOrNone) {
  Category top{0, 0, 0, "Giới thiệu", "", 1, "", false, "/gioi-thieu"};
  Category child{0, 0, 1, "Liên hệ", "", 1, "", false, "/lien-he"};
  auto site = store_->create_site({.host = "xa.vn", .name = "Xã Hùng Lợi"}, {top, child});
  ASSERT_TRUE(site.is_ok()) << site.status().message();
  auto cats = must(store_->categories(*site));
  ASSERT_EQ(cats.size(), 2u);
  EXPECT_EQ(cats[1].parent_id, cats[0].id);
  EXPECT_EQ(cats[1].link, "/lien-he");
  std::size_t sites = store_->sites()->size();
  Category forward{0, 0, 2, "Con đứng trước", "", 1, ""};  // its parent comes later: refused
  EXPECT_FALSE(store_->create_site({.host = "b.vn", .name = "Xã B"}, {forward, top}).is_ok());
  Category bad{0, 0, 0, "\xff\xfe", "", 1, ""};
  EXPECT_FALSE(store_->create_site({.host = "c.vn", .name = "Xã C"}, {top, bad}).is_ok());
  EXPECT_FALSE(store_->create_site({.host = "xa.vn", .name = "Trùng tên miền"}, {top}).is_ok());
  EXPECT_EQ(store_->sites()->size(), sites) << "no site without its sections";
}

TEST_P(StoreTest, SlugCollisionsGetASuffix) {
  auto a = store_->create_article(article("Gỡ khó phát triển đảng viên", 100));
  auto b = store_->create_article(article("Gỡ khó phát triển Đảng viên!", 200));
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_EQ(store_->article(site_, *a)->slug, "go-kho-phat-trien-dang-vien");
  EXPECT_EQ(store_->article(site_, *b)->slug, "go-kho-phat-trien-dang-vien-2");
}

TEST_P(StoreTest, StoresNfcAndRejectsInvalidUtf8) {
  auto id = store_->create_article(article("Vie\xCC\xA3\xCC\x82t", 100));
  ASSERT_TRUE(id.is_ok());
  EXPECT_EQ(store_->article(site_, *id)->title, "Việt");
  auto bad = store_->create_article(article("\xff\xfe", 100));
  EXPECT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), Code::invalid);
}

TEST_P(StoreTest, PublishedListIsNewestFirstAndPaged) {
  for (int i = 1; i <= 5; ++i) ASSERT_TRUE(store_->create_article(article("Bài " + std::to_string(i), i * 100)).is_ok());
  ASSERT_TRUE(store_->create_article(article("Nháp", 700, ArticleStatus::draft)).is_ok());
  ASSERT_TRUE(store_->create_article(article("Hẹn giờ", 5000)).is_ok());
  auto list = must(store_->published({.site_id = site_, .now = 1000, .offset = 1, .limit = 2}));
  EXPECT_EQ(list.total, 5);
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].title, "Bài 4");
  EXPECT_EQ(list.items[1].title, "Bài 3");
}

TEST_P(StoreTest, SearchFoldsWordsKeepsPhrasesAndRanksTheReadersAccentsFirst) {
  ASSERT_TRUE(store_->create_article(article("Phát triển đảng viên mới", 100)).is_ok());
  ASSERT_TRUE(store_->create_article(article("Đang cập nhật dữ liệu", 300)).is_ok());
  ASSERT_TRUE(store_->create_article(article("Kết nạp đảng viên", 200)).is_ok());
  ASSERT_TRUE(store_->create_article(article("Đảng viên nháp", 400, ArticleStatus::draft)).is_ok());
  ASSERT_TRUE(store_->create_article(article("Đảng viên hẹn giờ", 5000)).is_ok());
  // Folded, "đảng" is also "Đang": all three published ones; those with the accents as
  // typed rank first, the newest first among equals.
  EXPECT_EQ(found(words({{"đảng"}})),
            (std::vector<std::string>{"Kết nạp đảng viên", "Phát triển đảng viên mới", "Đang cập nhật dữ liệu"}));
  EXPECT_EQ(found(words({{"Đang"}})).front(), "Đang cập nhật dữ liệu");
  EXPECT_EQ(found(words({{"dang"}}), true),
            (std::vector<std::string>{"Đang cập nhật dữ liệu", "Kết nạp đảng viên", "Phát triển đảng viên mới"}));
  // A phrase keeps its words in order; every term must match.
  EXPECT_EQ(found(words({{"dang", "vien"}})).size(), 2u);
  EXPECT_TRUE(found(words({{"vien", "dang"}})).empty());
  EXPECT_EQ(found(words({{"ket"}, {"vien"}})), std::vector<std::string>{"Kết nạp đảng viên"});
  // A prefix, also as the last word of a phrase.
  EXPECT_EQ(found(words({{"ph"}}, true)), std::vector<std::string>{"Phát triển đảng viên mới"});
  EXPECT_EQ(found(words({{"dang", "vi"}}, true)).size(), 2u);
  EXPECT_EQ(found(words({{"trien", "dang", "vi"}}, true)), std::vector<std::string>{"Phát triển đảng viên mới"});
  EXPECT_TRUE(found(words({{"trien", "vien"}}, true)).empty());
  EXPECT_TRUE(found(words({{"ph"}})).empty());
  // Nothing to search for is refused, not everything.
  EXPECT_EQ(store_->search({.site_id = site_, .now = 1000}).status().code(), Code::invalid);
  // A hit carries the text its row was made from, for the snippet: the lead, then the
  // body's text without its markup.
  Article a = article("Bầu cử đại biểu", 150);
  a.lead = "Sáng nay, cử tri đi bầu.";
  a.body_html = "<p>Tỷ lệ <strong>cử tri</strong> đi bầu đạt 99%.</p><p>Xin cảm ơn.</p>";
  ASSERT_TRUE(store_->create_article(a).is_ok());
  auto hit = must(store_->search({.site_id = site_, .text = words({{"bau", "cu"}}), .now = 1000}));
  ASSERT_EQ(hit.items.size(), 1u);
  EXPECT_EQ(hit.items[0].text, "Sáng nay, cử tri đi bầu.\nTỷ lệ cử tri đi bầu đạt 99%. Xin cảm ơn.");
}

TEST_P(StoreTest, SearchFollowsAnArticlesStateTimeAndCategoryAsTheyChange) {
  auto a = store_->create_article(article("Hội nghị tổng kết năm", 100));
  ASSERT_TRUE(a.is_ok());
  auto other = store_->create_category({0, site_, 0, "Thông báo", "", 2, ""});
  ASSERT_TRUE(other.is_ok());
  auto in = [&](std::vector<Id> categories = {}) {
    auto r = store_->search({.site_id = site_, .text = words({{"hoi", "nghi"}}), .categories = std::move(categories), .now = 1000});
    return r.is_ok() ? r->total : -1;
  };
  EXPECT_EQ(in(), 1);
  ASSERT_TRUE(store_->set_article_status(site_, *a, ArticleStatus::taken_down, 500).is_ok());
  EXPECT_EQ(in(), 0);
  ASSERT_TRUE(store_->set_article_status(site_, *a, ArticleStatus::published, 600).is_ok());
  EXPECT_EQ(in(), 1);
  // Moved to another category and scheduled after `now`.
  auto stored = store_->article(site_, *a);
  ASSERT_TRUE(stored.is_ok());
  Article moved = *stored;
  moved.category_id = *other;
  ASSERT_TRUE(store_->save_article(moved, stored->version, 0, 700).is_ok());
  EXPECT_EQ(in({cat_}), 0);
  EXPECT_EQ(in({*other}), 1);
  auto now = store_->article(site_, *a);
  ASSERT_TRUE(store_->transition(site_, *a, now->version, ArticleStatus::published, 5000, "", 800).is_ok());
  EXPECT_EQ(in(), 0);
}

TEST_P(StoreTest, AReindexWritesEveryRowAsItsArticleIsNow) {
  // More articles than one statement and one batch of the rebuild hold (dialect.cpp,
  // search.cpp), and a multiple of neither; every third one a draft.
  std::vector<Article> batch;
  for (int i = 1; i <= 300; ++i) {
    Article a = article("Khuyến nông số " + std::to_string(i), i, i % 3 == 0 ? ArticleStatus::draft : ArticleStatus::published);
    a.lead = "Mùa vụ thứ " + std::to_string(i) + ".";
    a.body_html = "<p>Giống lúa <em>mới</em>.</p>";
    batch.push_back(std::move(a));
  }
  ASSERT_TRUE(store_->create_articles(batch).is_ok());
  auto search = [&](TextQuery t) { return store_->search({.site_id = site_, .text = std::move(t), .now = 1000}); };
  auto before = must(search(words({{"khuyen", "nong"}})));
  EXPECT_EQ(before.total, 200);
  auto n = store_->reindex();
  ASSERT_TRUE(n.is_ok()) << n.status().message();
  EXPECT_EQ(*n, 300);
  EXPECT_EQ(must(search(words({{"khuyen", "nong"}}))).total, 200);  // the drafts are still not found
  EXPECT_EQ(must(search(words({{"giong", "lua", "moi"}}))).total, 200);
  EXPECT_EQ(found(words({{"so", "257"}})), std::vector<std::string>{"Khuyến nông số 257"});
  EXPECT_TRUE(found(words({{"so", "258"}})).empty());
  auto hit = must(search(words({{"vu", "thu", "299"}})));
  ASSERT_EQ(hit.items.size(), 1u);
  EXPECT_EQ(hit.items[0].text, "Mùa vụ thứ 299.\nGiống lúa mới.");
}

TEST_P(StoreTest, BatchIsAllOrNothing) {
  std::vector<Article> batch = {article("Một", 1), article("Hai", 2)};
  batch[1].category_id = 9999;  // violates the foreign key
  EXPECT_FALSE(store_->create_articles(batch).is_ok());
  EXPECT_EQ(must(store_->article_count(site_)), 0);
}

TEST_P(StoreTest, StatusChangeAndUnknownIds) {
  auto id = store_->create_article(article("Một", 1));
  ASSERT_TRUE(store_->set_article_status(site_, *id, ArticleStatus::taken_down, 5).is_ok());
  EXPECT_EQ(store_->article(site_, *id)->status, ArticleStatus::taken_down);
  EXPECT_EQ(store_->set_article_status(site_, 424242, ArticleStatus::draft, 5).code(), Code::not_found);
  EXPECT_EQ(store_->article(site_, 424242).status().code(), Code::not_found);
}

TEST_P(StoreTest, UnknownHostFallsBackToTheDefaultSite) {
  EXPECT_EQ(store_->site_for_host("khong-co.vn")->id, site_);
  EXPECT_EQ(store_->site_for_host("a.vn")->host, "a.vn");
}

TEST_P(StoreTest, RatingsAreOnePerVisitorAndSurviveEdits) {
  auto id = store_->create_article(article("Một", 1));
  auto t = store_->add_rating(site_, *id, "khach-a", 4, "1.2.3.4", 10);
  ASSERT_TRUE(t.is_ok());
  EXPECT_EQ(t->points, 4);
  EXPECT_EQ(t->count, 1);
  EXPECT_EQ(store_->add_rating(site_, *id, "khach-a", 5, "1.2.3.4", 11).status().code(), Code::conflict);
  t = store_->add_rating(site_, *id, "khach-b", 2, "1.2.3.5", 12);
  EXPECT_EQ(t->points, 6);
  EXPECT_EQ(t->count, 2);
  EXPECT_EQ(store_->add_rating(site_, *id, "khach-c", 6, "", 12).status().code(), Code::invalid);
  EXPECT_TRUE(store_->add_rating(site_, *id, "khach-d", 1, std::string_view(), 13).is_ok());  // no address kept
  // Through another site, or of no article: refused, and nothing kept.
  auto elsewhere = store_->create_site({.host = "b.vn", .name = "Xã B"});
  ASSERT_TRUE(elsewhere.is_ok());
  EXPECT_EQ(store_->add_rating(*elsewhere, *id, "khach-e", 3, "", 14).status().code(), Code::not_found);
  EXPECT_FALSE(store_->add_rating(site_, 4242, "khach-e", 3, "", 14).is_ok());
  // Saving the article again never touches its totals.
  auto a = *store_->article(site_, *id);
  a.title = "Một (sửa)";
  ASSERT_TRUE(store_->save_article(a, a.version, 0, 20).is_ok());
  // An article is read with its totals, by id and by slug; one never rated has none.
  EXPECT_EQ(must(store_->article(site_, *id)).rating.points, 7);
  EXPECT_EQ(must(store_->article(site_, *id)).rating.count, 3);
  EXPECT_EQ(must(store_->article_by_slug(site_, a.slug)).rating.count, 3);
  auto unrated = store_->create_article(article("Hai", 2));
  EXPECT_EQ(store_->article(site_, *unrated)->rating.count, 0);
}

TEST_P(StoreTest, ConcurrentRatingsAreCountedExactlyOncePerVisitor) {
  auto id = store_->create_article(article("Được đánh giá", 1));
  ASSERT_TRUE(id.is_ok());
  // 8 threads, 2,000 distinct visitors; each visitor also tries a second time.
  std::atomic<int> ok{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 250; ++i) {
        std::string visitor = "khach-" + std::to_string(t) + "-" + std::to_string(i);
        for (int again = 0; again < 2; ++again) {
          auto r = store_->add_rating(site_, *id, visitor, 1 + (i % 5), "", 100);
          (r.is_ok() ? ok : r.status().code() == Code::conflict ? conflicts : other)++;
        }
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 2000);
  EXPECT_EQ(conflicts.load(), 2000);
  EXPECT_EQ(other.load(), 0);
  auto totals = must(store_->article(site_, *id)).rating;
  EXPECT_EQ(totals.count, 2000);
  EXPECT_EQ(totals.points, 8 * (50 * (1 + 2 + 3 + 4 + 5)));
}

// The totals are the article's own columns: ratings landing while an editor saves the
// article again and again all count, and every save keeps its text (on PostgreSQL a save
// waits for a rating's row lock and then writes only the columns it names).
TEST_P(StoreTest, RatingsDuringEditsAllCountAndEditsKeepTheirText) {
  auto id = store_->create_article(article("Được sửa", 1));
  ASSERT_TRUE(id.is_ok());
  std::atomic<int> rated{0}, failed{0};
  std::vector<std::thread> raters;
  for (int t = 0; t < 4; ++t)
    raters.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i)
        (store_->add_rating(site_, *id, "khach-" + std::to_string(t) + "-" + std::to_string(i), 3, "", 100).is_ok()
             ? rated : failed)++;
    });
  int saves = 0;
  for (int i = 0; i < 40; ++i) {
    auto a = must(store_->article(site_, *id));
    a.title = "Được sửa lần " + std::to_string(i);
    if (store_->save_article(a, a.version, 0, 200 + i).is_ok()) ++saves;
  }
  for (auto& t : raters) t.join();
  EXPECT_EQ(rated.load(), 400);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(saves, 40);  // a rating never changes the version an editor saves against
  auto a = must(store_->article(site_, *id));
  EXPECT_EQ(a.title, "Được sửa lần 39");
  EXPECT_EQ(a.rating.count, 400);
  EXPECT_EQ(a.rating.points, 1200);
}

// Votes of a multiple-choice poll naming the same options in opposite orders, at once:
// every one counts (on PostgreSQL, where they run side by side, none is lost to a deadlock).
TEST_P(StoreTest, ConcurrentVotesNamingOptionsInAnyOrderAllCount) {
  Poll p{0, site_, "Bạn quan tâm lĩnh vực nào?", true, 100, 200, 0,
         {{0, "Giáo dục", 0, 0}, {0, "Y tế", 1, 0}, {0, "Giao thông", 2, 0}}, 0};
  auto id = store_->save_poll(p, 50);
  ASSERT_TRUE(id.is_ok()) << id.status().message();
  auto stored = must(store_->poll(site_, *id));
  ASSERT_EQ(stored.options.size(), 3u);
  std::vector<Id> forward{stored.options[0].id, stored.options[1].id, stored.options[2].id};
  std::vector<Id> backward(forward.rbegin(), forward.rend());
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 60; ++i) {
        std::string visitor = "cu-tri-" + std::to_string(t) + "-" + std::to_string(i);
        try {
          auto r = store_->add_vote(site_, *id, visitor, t % 2 ? backward : forward, "", 150);
          (r.is_ok() ? ok : failed)++;
        } catch (const Unavailable&) {
          failed++;
        }
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 360);
  EXPECT_EQ(failed.load(), 0);
  auto after = must(store_->poll(site_, *id));
  EXPECT_EQ(after.voters, 360);
  for (const auto& o : after.options) EXPECT_EQ(o.votes, 360) << o.label;
}

TEST_P(StoreTest, SlugsAreUniquePerSiteNotAcrossSites) {
  auto other = store_->create_site({.host = "b.vn", .name = "Xã B"});
  ASSERT_TRUE(other.is_ok());
  auto cat = store_->create_category({0, *other, 0, "Tin tức", "", 1, ""});
  ASSERT_TRUE(cat.is_ok());
  auto here = store_->create_article(article("Hội nghị tổng kết", 1));
  Article there = article("Hội nghị tổng kết", 1);
  there.site_id = *other;
  there.category_id = *cat;
  auto there_id = store_->create_article(there);
  ASSERT_TRUE(here.is_ok() && there_id.is_ok());
  auto a = store_->article(site_, *here);
  auto b = store_->article(*other, *there_id);
  EXPECT_EQ(a->slug, "hoi-nghi-tong-ket");
  EXPECT_EQ(b->slug, a->slug);  // another site's slug is its own
  EXPECT_EQ(store_->article_by_slug(*other, a->slug)->id, *there_id);
  EXPECT_EQ(store_->article_by_slug(site_, a->slug)->id, *here);
  // An article is never read through another site.
  EXPECT_FALSE(store_->article(*other, *here).is_ok());
}

TEST_P(StoreTest, TheAuditLogKeepsEveryEntryNewestFirstPerSite) {
  auto other = store_->create_site({.host = "b.vn", .name = "Xã B"});
  ASSERT_TRUE(other.is_ok());
  for (int i = 1; i <= 5; ++i)
    ASSERT_TRUE(store_->append_audit({0, site_, 100 + i, 0, "quantri", "article_publish", "bài " + std::to_string(i), "", ""}));
  ASSERT_TRUE(store_->append_audit({0, *other, 200, 0, "khac", "sign_in", "", "", ""}));
  auto page = must(store_->audit(site_, 2, 1));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].target, "bài 4");
  EXPECT_EQ(page[1].target, "bài 3");
  EXPECT_EQ(page[0].at, 104);
  EXPECT_EQ(must(store_->audit(site_, 100, 0)).size(), 5u);
  EXPECT_EQ(must(store_->audit(*other, 100, 0)).size(), 1u);
  EXPECT_FALSE(store_->append_audit({0, site_, 1, 0, "x", "bad\xff", "", "", ""}).is_ok());  // invalid UTF-8
  // Times come from the caller's Clock: the store has none of its own.
  EXPECT_EQ(store_->append_audit({0, site_, 0, 0, "x", "sign_in", "", "", ""}).code(), Code::invalid);
}

TEST_P(StoreTest, SessionsAndApiTokensAreFoundByDigestUntilEnded) {
  auto user = store_->create_user({.site_id = site_, .name = "bientap", .password_hash = "x", .role = "editor", .created_at = 1});
  ASSERT_TRUE(user.is_ok());
  EXPECT_EQ(store_->create_user({.site_id = site_, .name = "khongthoigian", .password_hash = "x", .role = "editor"}).status().code(),
            Code::invalid);  // no time given
  auto u = *store_->user(site_, *user);
  u.display_name = "Biên tập";
  u.updated_at = 0;
  EXPECT_EQ(store_->update_user(u, false).code(), Code::invalid);
  u.updated_at = 20;
  ASSERT_TRUE(store_->update_user(u, false));
  EXPECT_EQ(store_->user(site_, *user)->updated_at, 20);
  ASSERT_TRUE(store_->create_session({"digest-1", site_, *user, "csrf", "", 10, 1000}));
  auto s = store_->session("digest-1");
  ASSERT_TRUE(s.is_ok());
  EXPECT_EQ(s->user_id, *user);
  EXPECT_EQ(s->csrf, "csrf");
  EXPECT_FALSE(store_->session("digest-2").is_ok());
  ASSERT_TRUE(store_->delete_session("digest-1"));
  EXPECT_FALSE(store_->session("digest-1").is_ok());
  ASSERT_TRUE(store_->create_token(site_, *user, "token-1", 10));
  ASSERT_TRUE(store_->create_token(site_, *user, "token-2", 11));
  EXPECT_EQ(*store_->token_user(site_, "token-1"), *user);
  EXPECT_EQ(*store_->revoke_tokens(site_, *user, 20), 2);
  EXPECT_FALSE(store_->token_user(site_, "token-1").is_ok());
  EXPECT_FALSE(store_->token_user(site_, "token-2").is_ok());
}

TEST_P(StoreTest, DocumentsAndQuestionsAreSearchedWithTheSameTextQuery) {
  Document d;
  d.site_id = site_;
  d.number = "03-ĐA/TU";
  d.doc_type = "Đề án";
  d.summary = "Phát triển kinh tế nông nghiệp";
  d.issued_on = 20000;
  EXPECT_EQ(store_->save_document(d, 100, {}).status().code(), Code::invalid);  // no issuer
  d.issuer = "Tỉnh uỷ";
  ASSERT_TRUE(store_->save_document(d, 100, {}).is_ok());
  d.number = "04-KH/UBND";
  d.summary = "Kế hoạch chuyển đổi số";
  ASSERT_TRUE(store_->save_document(d, 101, {}).is_ok());
  auto docs = must(store_->documents({.site_id = site_, .text = words({{"nong", "nghiep"}}), .today = 20001}));
  ASSERT_EQ(docs.items.size(), 1u);
  EXPECT_EQ(docs.items[0].number, "03-ĐA/TU");
  EXPECT_EQ(must(store_->documents({.site_id = site_, .today = 20001})).total, 2);  // no text: all

  // A question arrives new whatever it says; what is published (and only that) is found,
  // by its answer too, never by its sender.
  for (auto [code, title, sender] : {std::tuple{"HD-1", "Thủ tục đăng ký kết hôn", "Nguyễn Văn Hôn"},
                                     std::tuple{"HD-2", "Cấp đổi giấy phép lái xe", "Trần Thị Kết"}}) {
    Question q;
    q.site_id = site_;
    q.code = code;
    q.title = title;
    q.body = "Tôi cần giấy tờ gì?";
    q.sender_name = sender;
    q.status = QuestionStatus::published;
    q.created_at = 40;
    auto id = store_->create_question(q);
    ASSERT_TRUE(id.is_ok());
    EXPECT_EQ(store_->question(site_, *id)->status, QuestionStatus::fresh);
    if (std::string_view(code) == "HD-2") continue;
    q.id = *id;
    q.answer = "Mang theo căn cước công dân.";
    q.published_at = q.updated_at = 50;
    ASSERT_TRUE(store_->update_question(q));
  }
  auto published = [&](TextQuery text) {
    std::vector<std::string> codes;
    for (const auto& q : must(store_->questions({.site_id = site_, .status = QuestionStatus::published, .text = std::move(text)})).items)
      codes.push_back(q.code);
    return codes;
  };
  EXPECT_EQ(published(words({{"ket", "hon"}})), std::vector<std::string>{"HD-1"});
  EXPECT_EQ(published(words({{"can", "cuoc"}})), std::vector<std::string>{"HD-1"});
  EXPECT_TRUE(published(words({{"giay", "phep"}})).empty());  // not published
  EXPECT_TRUE(published(words({{"nguyen"}})).empty());        // the sender is not searched
}

// Lists of names read in Vietnamese alphabetical order on both engines: byte order (SQLite's,
// and PostgreSQL's in a C locale) puts every name that begins with a marked letter after "Z".
TEST_P(StoreTest, NamesAreListedInVietnameseAlphabeticalOrder) {
  std::vector<Document> docs;
  int n = 0;
  for (const char* issuer : {"Ủy ban nhân dân", "Đảng ủy", "Ủy ban nhân dân", "Ban chỉ huy", "Ấp văn hóa"}) {
    Document d;
    d.site_id = site_;
    d.number = std::to_string(++n) + "/KH";
    d.doc_type = "Kế hoạch";
    d.issuer = issuer;
    d.field = n % 2 ? "Đất đai" : "An ninh";
    d.summary = "Văn bản " + std::to_string(n);
    d.issued_on = 20000 + n;
    docs.push_back(d);
  }
  ASSERT_TRUE(store_->create_documents(docs, 100).is_ok());
  auto values = [](const std::vector<Facet>& facets) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& f : facets) out.emplace_back(f.value, f.count);
    return out;
  };
  auto list = must(store_->documents({.site_id = site_, .today = 20010}));
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;
  // The most common first; names of the same count in the alphabet's order (a < â < b < đ).
  EXPECT_EQ(values(list.issuers), (Counts{{"Ủy ban nhân dân", 2}, {"Ấp văn hóa", 1}, {"Ban chỉ huy", 1}, {"Đảng ủy", 1}}));
  EXPECT_EQ(values(list.fields), (Counts{{"Đất đai", 3}, {"An ninh", 2}}));

  for (const char* topic : {"Xây dựng", "Đất đai", "Ăn uống", "An ninh", "Đất đai"}) {
    Question q = question("HD-" + std::to_string(++n), topic, "Câu hỏi", "Nội dung");
    auto id = store_->create_question(q);
    ASSERT_TRUE(id.is_ok());
    q.id = *id;
    q.status = QuestionStatus::published;
    q.answer = "Trả lời";
    q.published_at = q.updated_at = 40;
    ASSERT_TRUE(store_->update_question(q).is_ok());
  }
  EXPECT_EQ(values(must(store_->question_topics(site_))),
            (Counts{{"An ninh", 1}, {"Ăn uống", 1}, {"Đất đai", 2}, {"Xây dựng", 1}}));

  for (const char* name : {"tuan", "Binh", "an"})
    ASSERT_TRUE(store_->create_user({.site_id = site_, .name = name, .password_hash = "x", .role = "editor", .created_at = 1}).is_ok());
  std::vector<std::string> names;
  for (const auto& u : must(store_->users(site_))) names.push_back(u.name);
  EXPECT_EQ(names, (std::vector<std::string>{"an", "Binh", "tuan"}));
}

TEST_P(StoreTest, PollVotesCountOncePerVisitorAndOnlyForTheirOwnOptions) {
  Poll p{0, site_, "Bạn đọc tin trên thiết bị nào?", false, 100, 200, 0, {{0, "Điện thoại", 0, 0}, {0, "Máy tính", 1, 0}}, 0};
  auto id = store_->save_poll(p, 50);
  ASSERT_TRUE(id.is_ok()) << id.status().message();
  Poll other = p;
  auto other_id = store_->save_poll(other, 50);
  auto stored = *store_->poll(site_, *id);
  ASSERT_EQ(stored.options.size(), 2u);
  Id phone = stored.options[0].id;
  Id foreign = store_->poll(site_, *other_id)->options[0].id;
  auto r = store_->add_vote(site_, *id, "khach-a", {phone}, "", 150);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->options[0].votes, 1);
  EXPECT_EQ(r->voters, 1);
  EXPECT_EQ(store_->add_vote(site_, *id, "khach-a", {phone}, "", 151).status().code(), Code::conflict);
  EXPECT_EQ(store_->add_vote(site_, *id, "khach-b", {foreign}, "", 151).status().code(), Code::invalid);
  EXPECT_EQ(store_->poll(site_, *id)->voters, 1);  // the refused vote left nothing behind
  EXPECT_EQ(store_->add_vote(site_, 999, "khach-b", {phone}, "", 151).status().code(), Code::not_found);
  // With votes in, labels may change but options may not be added or removed.
  stored.options[0].label = "Điện thoại di động";
  EXPECT_TRUE(store_->save_poll(stored, 160).is_ok());
  EXPECT_EQ(store_->poll(site_, *id)->options[0].label, "Điện thoại di động");
  EXPECT_EQ(store_->poll(site_, *id)->options[0].votes, 1);
  stored.options.push_back({0, "Máy tính bảng", 2, 0});
  EXPECT_EQ(store_->save_poll(stored, 161).status().code(), Code::conflict);
  EXPECT_TRUE(store_->delete_poll(site_, *id).is_ok());
  EXPECT_EQ(store_->poll(site_, *id).status().code(), Code::not_found);
}

TEST_P(StoreTest, VisitDaysAddUp) {
  ASSERT_TRUE(store_->add_visits(site_, {{100, 5}, {101, 2}}).is_ok());
  ASSERT_TRUE(store_->add_visits(site_, {{101, 3}}).is_ok());
  auto days = must(store_->visit_days(site_, 101));
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].views, 5);
  EXPECT_EQ(must(store_->visit_total(site_)), 10);
}

// What nodes sharing the database count together: who is online (one visitor seen by two
// nodes is one; a later sighting is not undone by an earlier one), and sign-in failures.
TEST_P(StoreTest, OnlineVisitorsAndSignInFailuresAreCountedInTheDatabase) {
  EXPECT_EQ(must(store_->note_online(site_, {"1", "2"}, 1000, 700)), 2);
  EXPECT_EQ(must(store_->note_online(site_, {"2", "3"}, 1100, 800)), 3);   // another node: 2 again, and 3
  EXPECT_EQ(must(store_->note_online(site_ + 1, {"1"}, 1100, 800)), 1);    // sites apart
  EXPECT_EQ(must(store_->note_online(site_, {"3"}, 900, 800)), 3);         // a late flush keeps 3's later time
  EXPECT_EQ(must(store_->note_online(site_, {}, 1350, 1000)), 2);          // 1 not seen since 1000: gone
  EXPECT_EQ(must(store_->note_online(site_, {}, 1450, 1100)), 0);

  EXPECT_TRUE(must(store_->sign_in_failures("1:bientap", 0)).empty());
  for (std::int64_t at : {100, 200, 300}) ASSERT_TRUE(store_->add_sign_in_failure("1:bientap", at).is_ok());
  ASSERT_TRUE(store_->add_sign_in_failure("2:bientap", 250).is_ok());
  EXPECT_EQ(must(store_->sign_in_failures("1:bientap", 150)), (std::vector<std::int64_t>{200, 300}));
  ASSERT_TRUE(store_->add_sign_in_failure("1:bientap", 100000).is_ok());  // a day later: the old ones go
  EXPECT_EQ(must(store_->sign_in_failures("1:bientap", 0)), (std::vector<std::int64_t>{100000}));
  ASSERT_TRUE(store_->clear_sign_in_failures("1:bientap").is_ok());
  EXPECT_TRUE(must(store_->sign_in_failures("1:bientap", 0)).empty());
  EXPECT_EQ(must(store_->sign_in_failures("2:bientap", 0)).size(), 1u);
}

TEST_P(StoreTest, SidebarListsKeepTheirOrder) {
  ASSERT_TRUE(store_->save_widget_settings(site_, {{"thong-ke", 0, true}, {"ban-do", 1, false}}).is_ok());
  auto w = must(store_->widget_settings(site_));
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].kind, "thong-ke");
  EXPECT_FALSE(w[1].visible);
  auto l = store_->save_link({0, site_, "Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn", 0});
  ASSERT_TRUE(l.is_ok());
  EXPECT_EQ(must(store_->links(site_)).size(), 1u);
  auto p = store_->save_place({0, site_, "UBND huyện", "Tuyên Quang", 21.82, 105.21, true, 0});
  ASSERT_TRUE(p.is_ok());
  EXPECT_FALSE(store_->save_place({0, site_, "Sai", "", 120, 0, true, 0}).is_ok());  // latitude out of range
  ASSERT_TRUE(store_->save_weather({*p, 1000, 24.5, 80, 5.5, 3}).is_ok());
  ASSERT_TRUE(store_->save_weather({*p, 2000, 25.5, 70, 4, 1}).is_ok());
  auto w2 = must(store_->weather(site_));
  ASSERT_EQ(w2.size(), 1u);
  EXPECT_EQ(w2[0].observed_at, 2000);
  EXPECT_TRUE(store_->delete_link(site_, *l).is_ok());
  EXPECT_EQ(store_->delete_link(site_, *l).code(), Code::not_found);
}

TEST_P(StoreTest, SharedArticlesAreTheSameRecordOnTheSitesChosen) {
  auto commune = store_->create_site({.host = "b.vn", .name = "Xã B", .parent_id = site_});
  auto other = store_->create_site({.host = "c.vn", .name = "Xã C", .parent_id = site_});
  ASSERT_TRUE(commune.is_ok() && other.is_ok());
  auto id = store_->create_article(article("Tin của tỉnh", 100));
  ASSERT_TRUE(id.is_ok());
  ASSERT_TRUE(store_->set_shares(site_, *id, {*commune}, 0, 200).is_ok());
  auto list = must(store_->shared_with(*commune, 300, 0, 10));
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.total, 1);
  EXPECT_EQ(list.items[0].site_id, site_);
  EXPECT_TRUE(must(store_->shared_with(*other, 300, 0, 10)).items.empty());
  auto a = store_->shared_article(*commune, list.items[0].slug);
  ASSERT_TRUE(a.is_ok());
  EXPECT_EQ(a->id, *id);
  EXPECT_EQ(must(store_->share_targets(site_)), std::vector<Id>{*commune});
  // Not yet published at that time; taken down: out of the list.
  EXPECT_TRUE(must(store_->shared_with(*commune, 50, 0, 10)).items.empty());
  ASSERT_TRUE(store_->set_article_status(site_, *id, ArticleStatus::taken_down, 400).is_ok());
  EXPECT_TRUE(must(store_->shared_with(*commune, 500, 0, 10)).items.empty());
  // Replaced, then cleared; another site's article cannot be shared by this one.
  ASSERT_TRUE(store_->set_shares(site_, *id, {*other}, 0, 600).is_ok());
  EXPECT_EQ(must(store_->shares(site_, *id)), std::vector<Id>{*other});
  ASSERT_TRUE(store_->set_shares(site_, *id, {}, 0, 700).is_ok());
  EXPECT_TRUE(must(store_->shares(site_, *id)).empty());
  EXPECT_EQ(store_->set_shares(*commune, *id, {*other}, 0, 800).code(), Code::not_found);
}

TEST_P(StoreTest, AProposalIsTakenAsACopyOrDeclinedOnce) {
  auto commune = store_->create_site({.host = "b.vn", .name = "Xã B", .parent_id = site_});
  ASSERT_TRUE(commune.is_ok());
  Article original = article("Tin của xã", 100);
  original.site_id = *commune;
  auto their_cat = store_->create_category({0, *commune, 0, "Tin tức", "", 1, ""});
  ASSERT_TRUE(their_cat.is_ok());
  original.category_id = *their_cat;
  original.body_html = "<p>Nội dung</p>";
  auto id = store_->create_article(original);
  ASSERT_TRUE(id.is_ok());
  Proposal p{.site_id = site_, .from_site_id = *commune, .article_id = *id, .note = "Đề nghị đăng", .proposed_at = 200};
  auto first = store_->add_proposal(p);
  ASSERT_TRUE(first.is_ok());
  EXPECT_EQ(store_->add_proposal(p).status().code(), Code::conflict) << "one pending at a time";
  EXPECT_EQ(store_->add_proposal({.site_id = site_, .from_site_id = site_, .article_id = *id, .proposed_at = 1}).status().code(),
            Code::not_found) << "only the proposer's own article";
  auto inbox = must(store_->proposals(site_, 10));
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].title, "Tin của xã");
  EXPECT_EQ(inbox[0].note, "Đề nghị đăng");
  ASSERT_TRUE(store_->decline_proposal(site_, *first, "Thiếu ảnh", 0, 300).is_ok());
  EXPECT_EQ(store_->decline_proposal(site_, *first, "Lần nữa", 0, 301).code(), Code::conflict);
  EXPECT_EQ(store_->decline_proposal(*commune, *first, "Không phải của cổng này", 0, 302).code(), Code::not_found);
  auto second = store_->add_proposal(p);
  ASSERT_TRUE(second.is_ok());
  Article copy = *store_->article(*commune, *id);
  copy.category_id = cat_;
  copy.source = "Cổng thông tin điện tử Xã B";
  copy.source_url = "http://b.vn/bai-viet/tin-cua-xa";
  auto taken = store_->take_proposal(site_, *second, copy, 0, 400);
  ASSERT_TRUE(taken.is_ok());
  auto stored = store_->article(site_, *taken);
  ASSERT_TRUE(stored.is_ok());
  EXPECT_EQ(stored->status, ArticleStatus::published);
  EXPECT_EQ(stored->published_at, 400);
  EXPECT_EQ(stored->source_url, "http://b.vn/bai-viet/tin-cua-xa");
  EXPECT_EQ(must(store_->revisions(site_, *taken)).size(), 1u);
  EXPECT_EQ(store_->take_proposal(site_, *second, copy, 0, 500).status().code(), Code::conflict);
  auto history = must(store_->proposals_of(*commune, *id));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].state, ProposalState::taken);
  EXPECT_EQ(history[0].copy_id, *taken);
  EXPECT_EQ(history[1].state, ProposalState::declined);
  EXPECT_EQ(history[1].reason, "Thiếu ảnh");
  // A copy that cannot be written leaves the proposal pending.
  auto third = store_->add_proposal(p);
  ASSERT_TRUE(third.is_ok());
  copy.title = "";
  EXPECT_FALSE(store_->take_proposal(site_, *third, copy, 0, 600).is_ok());
  EXPECT_EQ(store_->proposal(site_, *third)->state, ProposalState::pending);
}

TEST_P(StoreTest, AnAccountSignsInWhereItHoldsARole) {
  auto other = store_->create_site({.host = "b.vn", .name = "Xã B"});
  ASSERT_TRUE(other.is_ok());
  auto id = store_->create_user({.site_id = site_, .name = "bientap", .password_hash = "x", .role = "editor", .created_at = 1});
  ASSERT_TRUE(id.is_ok());
  EXPECT_EQ(store_->member(*other, "bientap").status().code(), Code::not_found);
  ASSERT_TRUE(store_->set_site_role(*id, *other, "approver").is_ok());
  auto there = store_->member(*other, "bientap");
  ASSERT_TRUE(there.is_ok());
  EXPECT_EQ(there->role, "approver");
  EXPECT_EQ(there->site_id, site_);
  EXPECT_EQ(store_->member_by_id(*other, *id)->role, "approver");
  EXPECT_EQ(store_->member(site_, "bientap")->role, "editor");
  EXPECT_EQ(must(store_->site_roles(*id)), (std::vector<std::pair<Id, std::string>>{{*other, "approver"}}));
  // A site keeps one account of a name.
  ASSERT_TRUE(store_->create_user({.site_id = *other, .name = "duyet", .password_hash = "x", .role = "editor", .created_at = 1}).is_ok());
  auto same = store_->create_user({.site_id = site_, .name = "duyet", .password_hash = "x", .role = "editor", .created_at = 1});
  ASSERT_TRUE(same.is_ok());
  EXPECT_EQ(store_->set_site_role(*same, *other, "editor").code(), Code::conflict);
  // Taken away: its sessions there end.
  ASSERT_TRUE(store_->create_session({"d1", *other, *id, "c", "", 1, 999}).is_ok());
  ASSERT_TRUE(store_->set_site_role(*id, *other, "").is_ok());
  EXPECT_EQ(store_->member_by_id(*other, *id).status().code(), Code::not_found);
  EXPECT_FALSE(store_->session("d1").is_ok());
  // A platform administrator is an administrator everywhere; one of each name.
  auto platform = store_->create_user({.site_id = site_, .name = "nentang", .password_hash = "x", .role = "admin", .created_at = 1, .platform = true});
  ASSERT_TRUE(platform.is_ok());
  EXPECT_EQ(store_->member(*other, "nentang")->role, "admin");
  EXPECT_TRUE(store_->member_by_id(*other, *platform)->platform);
  EXPECT_EQ(store_->create_user({.site_id = *other, .name = "nentang", .password_hash = "x", .role = "admin", .created_at = 1, .platform = true})
                .status().code(), Code::conflict);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(kBackends),
                         [](const ::testing::TestParamInfo<Backend>& i) { return std::string(i.param.name); });

TEST_P(StoreTest, GovernmentSectionsAndTheRestOfTheSidebarRoundTrip) {
  // Datasets: the slug from the title, kept on update; unknown ids and slugs.
  auto ds = store_->save_dataset({0, site_, "", "Dân số các xã", "", "Cục Thống kê", "", "người", "bar",
                                  "Xã,Dân số\nA,1200\n", "1.200", true, 1}, 100);
  ASSERT_TRUE(ds.is_ok()) << ds.status().message();
  auto d = store_->dataset(site_, *ds);
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->slug, "dan-so-cac-xa");
  d->title = "Dân số các xã năm 2026";
  ASSERT_TRUE(store_->save_dataset(*d, 200).is_ok());
  EXPECT_EQ(store_->dataset_by_slug(site_, "dan-so-cac-xa")->title, "Dân số các xã năm 2026");
  EXPECT_EQ(must(store_->datasets(site_)).size(), 1u);
  ASSERT_TRUE(store_->delete_dataset(site_, *ds).is_ok());
  EXPECT_EQ(store_->dataset(site_, *ds).status().code(), Code::not_found);

  // Drafts for comment: comments only while open, counted on read, oldest first.
  auto dr = store_->save_draft({0, site_, "", "Dự thảo quy chế", "UBND", "Tóm tắt", "<p>Nội dung</p>", 1000, 2000}, 900);
  ASSERT_TRUE(dr.is_ok()) << dr.status().message();
  EXPECT_EQ(store_->add_comment(site_, {0, *dr, "An", "an@x.vn", "Sớm quá"}, 999).status().code(), Code::conflict);
  ASSERT_TRUE(store_->add_comment(site_, {0, *dr, "Bình", "0912", "Góp ý một"}, 1500).is_ok());
  ASSERT_TRUE(store_->add_comment(site_, {0, *dr, "Chi", "0913", "Góp ý hai"}, 1600).is_ok());
  EXPECT_EQ(store_->add_comment(site_, {0, *dr, "Dũng", "0914", "Muộn"}, 2000).status().code(), Code::conflict);
  auto cs = must(store_->comments(site_, *dr));
  ASSERT_EQ(cs.size(), 2u);
  EXPECT_EQ(cs[0].body, "Góp ý một");
  EXPECT_EQ(store_->draft_by_slug(site_, store_->draft(site_, *dr)->slug)->comments, 2);
  EXPECT_EQ(must(store_->drafts(site_)).size(), 1u);
  ASSERT_TRUE(store_->delete_draft(site_, *dr).is_ok());
  EXPECT_TRUE(must(store_->drafts(site_)).empty());

  // The work schedule: [from, to), by time.
  ASSERT_TRUE(store_->save_schedule_item({0, site_, 300, "Chủ tịch", "Họp giao ban", "", ""}, 1).is_ok());
  auto early = store_->save_schedule_item({0, site_, 100, "Phó Chủ tịch", "Tiếp dân", "Trụ sở", ""}, 1);
  ASSERT_TRUE(early.is_ok());
  ASSERT_TRUE(store_->save_schedule_item({0, site_, 900, "Chủ tịch", "Ngoài khoảng", "", ""}, 1).is_ok());
  auto week = must(store_->schedule(site_, 100, 900));
  ASSERT_EQ(week.size(), 2u);
  EXPECT_EQ(week[0].content, "Tiếp dân");
  ASSERT_TRUE(store_->delete_schedule_item(site_, *early).is_ok());
  EXPECT_EQ(must(store_->schedule(site_, 0, 1000)).size(), 2u);

  // Organisation: texts per language; a unit goes with its sub-units.
  EXPECT_EQ(must(store_->site_text(site_, "intro", "vi")), "");
  ASSERT_TRUE(store_->set_site_text(site_, "intro", "vi", "<p>Giới thiệu</p>").is_ok());
  ASSERT_TRUE(store_->set_site_text(site_, "intro", "vi", "<p>Giới thiệu mới</p>").is_ok());
  EXPECT_EQ(must(store_->site_text(site_, "intro", "vi")), "<p>Giới thiệu mới</p>");
  EXPECT_EQ(must(store_->site_text(site_, "intro", "en")), "");
  auto top = store_->save_org_unit({0, site_, 0, "Văn phòng", "Office", "", "", "", "", "", "", 1});
  ASSERT_TRUE(top.is_ok());
  ASSERT_TRUE(store_->save_org_unit({0, site_, *top, "Bộ phận một cửa", "", "", "", "", "", "", "", 1}).is_ok());
  EXPECT_EQ(must(store_->org_units(site_)).size(), 2u);
  ASSERT_TRUE(store_->delete_org_unit(site_, *top).is_ok());
  EXPECT_TRUE(must(store_->org_units(site_)).empty());

  // The sidebar's places, videos; royalty genres and the base.
  auto place = store_->save_place({0, site_, "Trụ sở UBND", "Thôn 1", 21.8, 105.2, true, 1});
  ASSERT_TRUE(place.is_ok());
  EXPECT_EQ(must(store_->places(site_)).at(0).lat, 21.8);
  ASSERT_TRUE(store_->delete_place(site_, *place).is_ok());
  EXPECT_TRUE(must(store_->places(site_)).empty());
  auto video = store_->create_video({0, site_, "Bản tin tuần", "", "", "https://www.youtube.com/embed/x", "", 50});
  ASSERT_TRUE(video.is_ok());
  EXPECT_EQ(store_->video(site_, *video)->title, "Bản tin tuần");
  EXPECT_EQ(must(store_->videos(site_, 10)).size(), 1u);
  ASSERT_TRUE(store_->delete_video(site_, *video).is_ok());
  EXPECT_EQ(store_->video(site_, *video).status().code(), Code::not_found);
  ASSERT_TRUE(store_->save_genres(site_, {{"tin", "Tin", 1.5, 1}, {"bai", "Bài", 3.0, 2}}, 150000).is_ok());
  auto genres = must(store_->genres(site_));
  ASSERT_EQ(genres.size(), 2u);
  EXPECT_EQ(genres[1].coefficient, 3.0);
  EXPECT_EQ(must(store_->royalty_base(site_)), 150000);
  Article counted = article("Tin có nhuận bút", 500);
  counted.genre = "tin";
  ASSERT_TRUE(store_->create_article(counted).is_ok());
  auto items = must(store_->royalty_items(site_, 400, 600));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].genre, "tin");
}

TEST_P(StoreTest, TheRestOfTheContractRoundTrips) {
  // Sites: read by id, changed (a host another site has is a conflict), generation moves.
  auto gen = store_->sites_generation();
  ASSERT_TRUE(gen.is_ok());
  auto other = store_->create_site({.host = "b.vn", .name = "Xã B"});
  ASSERT_TRUE(other.is_ok());
  auto b = store_->site(*other);
  ASSERT_TRUE(b.is_ok());
  b->host = "a.vn";
  EXPECT_EQ(store_->update_site(*b).code(), Code::conflict);
  b->host = "b2.vn";
  b->name = "Xã Bình";
  ASSERT_TRUE(store_->update_site(*b).is_ok());
  EXPECT_EQ(store_->site(*other)->name, "Xã Bình");
  EXPECT_GT(*store_->sites_generation(), *gen);
  ASSERT_TRUE(store_->set_totp_roles(site_, "admin").is_ok());
  EXPECT_EQ(store_->site(site_)->totp_roles, "admin");

  // Accounts by name, and the list of a site's.
  User u;
  u.site_id = site_;
  u.name = "bientap";
  u.password_hash = "h";
  u.role = "editor";
  u.created_at = u.updated_at = 10;
  ASSERT_TRUE(store_->create_user(u).is_ok());
  EXPECT_EQ(store_->user_by_name(site_, "bientap")->role, "editor");
  EXPECT_EQ(store_->user_by_name(*other, "bientap").status().code(), Code::not_found);
  EXPECT_EQ(must(store_->users(site_)).size(), 1u);

  // Media, newest first.
  for (auto name : {"a.webp", "b.webp"})
    ASSERT_TRUE(store_->create_media({0, site_, name, "image/webp", 800, 600, "Ảnh", 1000, "320,800", 20}).is_ok());
  auto recent = must(store_->recent_media(site_, 10));
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].file_name, "b.webp");
  EXPECT_EQ(store_->media(site_, recent[1].id)->renditions, "320,800");
  EXPECT_EQ(store_->media(*other, recent[1].id).status().code(), Code::not_found);

  // The newsroom's lists and the next scheduled time.
  ASSERT_TRUE(store_->create_article(article("Bản nháp", 0, ArticleStatus::draft)).is_ok());
  ASSERT_TRUE(store_->create_article(article("Hẹn giờ", 5000)).is_ok());
  EXPECT_EQ(must(store_->newsroom_list({.site_id = site_, .status = ArticleStatus::draft})).size(), 1u);
  EXPECT_EQ(must(store_->newsroom_list({.site_id = site_, .status = ArticleStatus::published, .published_after = 1000})).size(), 1u);
  EXPECT_EQ(must(store_->next_scheduled(site_, 1000)), 5000);
  EXPECT_EQ(must(store_->next_scheduled(site_, 5000)), 0);

  // Documents: a batch is all or nothing; by slug, by number; files; deletion.
  Document d;
  d.site_id = site_;
  d.number = "01/QĐ-UBND";
  d.doc_type = "Quyết định";
  d.issuer = "UBND xã";
  d.summary = "Ban hành quy chế";
  d.issued_on = 20000;
  Document same = d;
  EXPECT_EQ(store_->create_documents({d, same}, 100).code(), Code::conflict);
  EXPECT_TRUE(must(store_->documents_numbered(site_, "01/QĐ-UBND")).empty());
  ASSERT_TRUE(store_->create_documents({d}, 100).is_ok());
  auto numbered = must(store_->documents_numbered(site_, "01/QĐ-UBND"));
  ASSERT_EQ(numbered.size(), 1u);
  Id doc = numbered[0].id;
  EXPECT_EQ(store_->document_by_slug(site_, numbered[0].slug)->id, doc);
  ASSERT_TRUE(store_->add_document_file(site_, {0, doc, "f1.pdf", "Quyết định.pdf", "application/pdf", 2048, 0}).is_ok());
  EXPECT_EQ(store_->add_document_file(*other, {0, doc, "f2.pdf", "x.pdf", "application/pdf", 1, 0}).status().code(),
            Code::not_found);
  auto read = store_->document(site_, doc);
  ASSERT_TRUE(read.is_ok());
  ASSERT_EQ(read->files.size(), 1u);
  EXPECT_EQ(read->files[0].original_name, "Quyết định.pdf");
  ASSERT_TRUE(store_->delete_document(site_, doc).is_ok());
  EXPECT_EQ(store_->document(site_, doc).status().code(), Code::not_found);

  // Questions by tracking code; topics of the published ones.
  Question q = question("HD-9", "Hộ tịch", "Đăng ký khai sinh", "Cần gì?");
  auto qid = store_->create_question(q);
  ASSERT_TRUE(qid.is_ok());
  EXPECT_EQ(store_->question_by_code(site_, "HD-9")->id, *qid);
  EXPECT_TRUE(must(store_->question_topics(site_)).empty());
  q.id = *qid;
  q.status = QuestionStatus::published;
  q.answer = "Giấy chứng sinh.";
  q.published_at = q.updated_at = 40;
  ASSERT_TRUE(store_->update_question(q).is_ok());
  auto topics = must(store_->question_topics(site_));
  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics[0].value, "Hộ tịch");

  // Polls listed newest first.
  Poll p;
  p.site_id = site_;
  p.question = "Bạn thấy cổng thế nào?";
  p.opens_at = 0;
  p.closes_at = 10000;
  p.options = {{0, "Tốt", 0}, {0, "Chưa tốt", 0}};
  ASSERT_TRUE(store_->save_poll(p, 5).is_ok());
  EXPECT_EQ(must(store_->polls(site_)).size(), 1u);

  // A rebuilt index finds what it found before: articles, documents and published questions.
  auto n = store_->reindex();
  ASSERT_TRUE(n.is_ok());
  EXPECT_GE(*n, 3);
  EXPECT_EQ(found(words({{"hen", "gio"}})).size(), 0u);  // scheduled after `now`
  EXPECT_EQ(must(store_->questions({.site_id = site_, .status = QuestionStatus::published, .text = words({{"khai", "sinh"}})})).total, 1);
}
