// Search against a real SQLite file: folding, phrases, prefixes, ranking, hostile input.
#include "content/search.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/store.h"

using namespace portico;
using namespace portico::content;

namespace {

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("portico-search-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = std::move(*open_sqlite_store({.path = (dir_ / "t.db").string(), .readers = 2}));
    site_ = *store_->create_site({.host = "a.vn", .name = "Xã A", .is_default = true});
    cat_ = *store_->create_category({0, site_, 0, "Tin tức", "", 1, ""});
    add("Gỡ khó phát triển đảng viên", "<p>Công tác phát triển đảng viên ở cơ sở.</p>", 100);
    add("Hàm Yên kết nạp 133 đảng viên", "<p>Huyện Hàm Yên đã kết nạp đảng viên mới trong chín tháng.</p>", 200);
    add("Đăng ký xe máy trực tuyến", "<p>Người dân đăng ký qua cổng dịch vụ công.</p>", 300);
    add("Viên chức được đánh giá", "<p>Đảng bộ xã đánh giá viên chức; phát triển kinh tế.</p>", 400);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void add(std::string title, std::string body, std::int64_t at) {
    Article a;
    a.site_id = site_;
    a.category_id = cat_;
    a.title = std::move(title);
    a.body_html = std::move(body);
    a.status = ArticleStatus::published;
    a.published_at = at;
    ASSERT_TRUE(store_->create_article(a).is_ok());
  }
  std::vector<std::string> titles(std::string_view query, bool newest = false) {
    ParsedSearch q = parse_search(query);
    SearchQuery sq;
    sq.site_id = site_;
    sq.text = q.text;
    sq.now = 1000;
    sq.newest_first = newest;
    auto r = store_->search(sq);
    EXPECT_TRUE(r.is_ok()) << query << ": " << r.status().message();
    std::vector<std::string> out;
    if (r) for (const auto& h : r->items) out.push_back(h.article.title);
    return out;
  }
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  Id site_ = 0, cat_ = 0;
};

}  // namespace

TEST_F(SearchTest, WithOrWithoutAccentsInAnyCaseAndNormalForm) {
  auto plain = titles("dang vien");
  ASSERT_GE(plain.size(), 2u);
  EXPECT_NE(std::find(plain.begin(), plain.end(), "Gỡ khó phát triển đảng viên"), plain.end());
  EXPECT_EQ(titles("ĐẢNG VIÊN"), titles("đảng viên"));
  // NFD: "đảng viên" typed as base letters and combining marks.
  EXPECT_EQ(titles("\xC4\x91" "a\xCC\x89\xCC\x82" "ng vie\xCC\x82n"), titles("đảng viên"));
  EXPECT_EQ(titles("ham yen"), std::vector<std::string>{"Hàm Yên kết nạp 133 đảng viên"});
}

TEST_F(SearchTest, ExactAccentsAndTitlesRankFirst) {
  // "đăng" (register) and "đảng" (party) fold alike; the reader's own accents win.
  auto r = titles("đăng");
  ASSERT_FALSE(r.empty());
  EXPECT_EQ(r.front(), "Đăng ký xe máy trực tuyến");
  r = titles("đảng");
  ASSERT_FALSE(r.empty());
  EXPECT_NE(r.front(), "Đăng ký xe máy trực tuyến");
}

TEST_F(SearchTest, PhrasesPrefixesAndDateOrder) {
  EXPECT_EQ(titles("\"phát triển đảng viên\""), std::vector<std::string>{"Gỡ khó phát triển đảng viên"});
  EXPECT_EQ(titles("\"phat trien dang vien\""), std::vector<std::string>{"Gỡ khó phát triển đảng viên"});
  auto prefix = titles("dan*");
  EXPECT_EQ(prefix.size(), 4u);  // đảng, đăng, đánh…
  EXPECT_EQ(titles("dan*", true).front(), "Viên chức được đánh giá");  // newest first
}

TEST_F(SearchTest, HostileQueriesNeverReachFts5AsSyntax) {
  for (std::string q : std::vector<std::string>{"\"", "\"\"\"", "a OR b", "NEAR(a b)", "title_x:hack", "*", "-", "(((", "'; DROP TABLE articles; --",
                        "{title_f}: x", "^dang", "dang AND", std::string(10000, 'a'), std::string("\x01\x02 dang"),
                        "\xff\xfe dang", "🙂 đảng"}) {
    ParsedSearch p = parse_search(q);
    if (p.text.empty()) continue;
    SearchQuery sq;
    sq.site_id = site_;
    sq.text = p.text;
    sq.now = 1000;
    EXPECT_TRUE(store_->search(sq).is_ok()) << q.substr(0, 40);
  }
  EXPECT_TRUE(parse_search(std::string(10000, 'a')).truncated);
  EXPECT_LE(parse_search("a b c d e f g h i j k l m n o p").text.terms.size(), ParsedSearch::kMaxItems);
}

TEST_F(SearchTest, IndexFollowsEditsInTheSameSave) {
  auto a = *store_->article(site_, 1);
  a.title = "Chuyển đổi số ở Yên Sơn";
  a.body_html = "<p>Nội dung mới.</p>";
  ASSERT_TRUE(store_->save_article(a, a.version, 0, 500).is_ok());
  EXPECT_EQ(titles("chuyen doi so"), std::vector<std::string>{"Chuyển đổi số ở Yên Sơn"});
  EXPECT_TRUE(titles("\"gỡ khó\"").empty());
  // Unpublished articles are never found.
  ASSERT_TRUE(store_->set_article_status(site_, 1, ArticleStatus::taken_down, 600).is_ok());
  EXPECT_TRUE(titles("chuyen doi so").empty());
  // A rebuilt index finds the same.
  EXPECT_EQ(*store_->reindex(), 4);
  EXPECT_EQ(titles("ham yen").size(), 1u);
}

TEST(Snippets, MarkTheMatchingWordsInTheOriginalText) {
  ParsedSearch q = parse_search("dang vien");
  std::string s = search_snippet("Công tác phát triển Đảng viên <mới> ở cơ sở.", q);
  EXPECT_EQ(s, "Công tác phát triển <mark>Đảng</mark> <mark>viên</mark> &lt;mới&gt; ở cơ sở.");
  q = parse_search("kết*");
  EXPECT_NE(search_snippet("Huyện đã kết nạp đảng viên", q).find("<mark>kết</mark>"), std::string::npos);
}
