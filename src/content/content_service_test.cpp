// Content rules over a real SQLite store and a fixed clock.
#include "content/content_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace portico;
using namespace portico::content;

namespace {
class ContentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("portico-content-" + std::to_string(::getpid()) + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = std::move(*open_sqlite_store({.path = (dir_ / "t.db").string(), .readers = 2}));
    site_ = *store_->create_site({.host = "a.vn", .name = "Xã A", .is_default = true});
    party_ = *store_->create_category({0, site_, 0, "Xây dựng Đảng", "", 1, ""});
    econ_ = *store_->create_category({0, site_, 0, "Kinh tế", "", 2, ""});
    service_ = std::make_unique<ContentService>(*store_, clock_);
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  Id add(std::string title, Id cat, std::int64_t at, ArticleStatus st = ArticleStatus::published) {
    Article a;
    a.site_id = site_;
    a.category_id = cat;
    a.title = std::move(title);
    a.status = st;
    a.published_at = at;
    return *store_->create_article(a);
  }
  std::filesystem::path dir_;
  FixedClock clock_{10000};
  std::unique_ptr<Store> store_;
  std::unique_ptr<ContentService> service_;
  Id site_ = 0, party_ = 0, econ_ = 0;
};
}  // namespace

TEST(ParsePositive, AcceptsOnlyPlainPositiveNumbers) {
  EXPECT_EQ(parse_positive("1"), 1);
  EXPECT_EQ(parse_positive("1000000"), 1000000);
  EXPECT_FALSE(parse_positive("0"));
  EXPECT_FALSE(parse_positive("-1"));
  EXPECT_FALSE(parse_positive("1000001"));
  EXPECT_FALSE(parse_positive("99999999999999999999999"));
  EXPECT_FALSE(parse_positive("2a"));
  EXPECT_FALSE(parse_positive(""));
  EXPECT_FALSE(parse_positive("+3"));
}

TEST_F(ContentTest, RelatedIsSameCategoryFirstThenSharedWordsNeverSelfOrUnpublished) {
  Id self = add("Gỡ khó phát triển đảng viên", party_, 100);
  Id same = add("Hội nghị học tập nghị quyết", party_, 200);
  Id draft = add("Phát triển đảng viên trẻ", party_, 300, ArticleStatus::draft);
  Id other_shared = add("Phát triển kinh tế vườn đồi", econ_, 400);
  Id other_unrelated = add("Giá cà phê tăng", econ_, 500);
  Id future = add("Đảng viên mới", party_, 20000);
  auto a = service_->article_by_id(*service_->site_for_host("a.vn").value(), self);
  ASSERT_TRUE(a.is_ok());
  auto related = service_->related(*a);
  std::vector<Id> ids;
  for (auto& r : related) ids.push_back(r.id);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], same);
  EXPECT_EQ(ids[1], other_shared);
  (void)draft;
  (void)other_unrelated;
  (void)future;
}

TEST_F(ContentTest, TakenDownIsGoneAndUnpublishedIsNotFound) {
  auto site = *service_->site_for_host("a.vn");
  Id gone = add("Bài bị gỡ", party_, 100);
  ASSERT_TRUE(store_->set_article_status(site_, gone, ArticleStatus::taken_down, 200).is_ok());
  Id draft = add("Bài nháp", party_, 100, ArticleStatus::draft);
  Id future = add("Bài hẹn giờ", party_, 20000);
  EXPECT_EQ(service_->article_by_id(*site, gone).status().code(), Code::gone);
  EXPECT_EQ(service_->article_by_id(*site, draft).status().code(), Code::not_found);
  EXPECT_EQ(service_->article_by_id(*site, future).status().code(), Code::not_found);
  clock_.set(20001);  // the scheduled time has come
  EXPECT_TRUE(service_->article_by_id(*site, future).is_ok());
}

TEST_F(ContentTest, CategoryPagesAndOutOfRange) {
  auto site = *service_->site_for_host("a.vn");
  for (int i = 0; i < kPageSize + 3; ++i) add("Tin " + std::to_string(i), econ_, 100 + i);
  auto p1 = service_->category(*site, "kinh-te", 1);
  ASSERT_TRUE(p1.is_ok());
  EXPECT_EQ(p1->pages, 2);
  EXPECT_EQ(p1->list.items.size(), static_cast<std::size_t>(kPageSize));
  EXPECT_EQ(service_->category(*site, "kinh-te", 2)->list.items.size(), 3u);
  EXPECT_EQ(service_->category(*site, "kinh-te", 3).status().code(), Code::not_found);
  EXPECT_EQ(service_->category(*site, "khong-co", 1).status().code(), Code::not_found);
  // An empty category still has its first page.
  EXPECT_TRUE(service_->category(*site, "xay-dung-dang", 1).is_ok());
}

TEST_F(ContentTest, TheEditorsChoiceOfRelatedArticlesComesFirst) {
  Id chosen = add("Giá cà phê tăng", econ_, 100);
  Id draft = add("Bản nháp", econ_, 100, ArticleStatus::draft);
  Id same = add("Hội nghị cán bộ", party_, 200);
  Article a;
  a.site_id = site_;
  a.category_id = party_;
  a.title = "Phát triển đảng viên";
  a.status = ArticleStatus::published;
  a.published_at = 300;
  a.related_override = std::to_string(draft) + "," + std::to_string(chosen) + ",999999";
  Id self = *store_->create_article(a);
  auto art = *store_->article(site_, self);
  auto related = service_->related(art);
  ASSERT_GE(related.size(), 2u);
  EXPECT_EQ(related[0].id, chosen);  // the draft and the unknown id are skipped
  EXPECT_EQ(related[1].id, same);
  for (std::size_t i = 1; i < related.size(); ++i) EXPECT_NE(related[i].id, chosen);  // not twice
}

TEST_F(ContentTest, SectionsListTheTopicsUnderThemAndLinksHoldNothing) {
  Id sub = *store_->create_category({0, site_, econ_, "Nông nghiệp", "", 1, ""});
  Id subsub = *store_->create_category({0, site_, sub, "Chè", "", 1, ""});
  Id hidden = *store_->create_category({0, site_, econ_, "Lưu trữ", "", 2, "", true});
  *store_->create_category({0, site_, 0, "Thủ tục hành chính", "", 3, "", false, "https://dichvucong.gov.vn"});
  ASSERT_TRUE(store_->create_category({0, site_, econ_, "Giá cả", "", 3, "", false, "/gia-ca"}));
  Id a = add("Giá lúa ổn định", econ_, 100);
  Id b = add("Vụ lúa thắng lợi", sub, 200);
  Id c = add("Chè được giá", subsub, 300);
  add("Hội nghị chi bộ", party_, 400);
  service_->reload();
  auto s = *service_->site_for_host("a.vn");

  // The tree walks the menu's order, leaves hidden branches out, and news() drops links.
  std::vector<std::string> names;
  for (const auto& [cat, depth] : s->news()) names.push_back(cat->name + "/" + std::to_string(depth));
  EXPECT_EQ(names, (std::vector<std::string>{"Xây dựng Đảng/0", "Kinh tế/0", "Nông nghiệp/1", "Chè/2"}));
  EXPECT_EQ(category_tree(s->categories, true).size(), 7u);
  EXPECT_EQ(s->top_level().size(), 3u);

  auto under = s->with_descendants(econ_);
  std::sort(under.begin(), under.end());
  EXPECT_EQ(under, (std::vector<Id>{econ_, sub, subsub, hidden}));  // not the link
  auto list = service_->list(*s, econ_, 1);
  ASSERT_EQ(list.total, 3);
  EXPECT_EQ(list.items[0].id, c);  // newest first across the branch
  EXPECT_EQ(list.items[1].id, b);
  EXPECT_EQ(list.items[2].id, a);
  EXPECT_EQ(service_->list(*s, sub, 1).total, 2);
  EXPECT_EQ(service_->list(*s, 0, 1).total, 4);
}

TEST(SubPortals, AreListedByKindThenNameInVietnameseOrder) {
  std::vector<std::shared_ptr<const SiteContent>> all;
  Id next = 1;
  auto add = [&](Id parent, std::string kind, std::string name) {
    auto s = std::make_shared<SiteContent>();
    s->site.id = next++;
    s->site.parent_id = parent;
    s->site.kind = std::move(kind);
    s->site.name = std::move(name);
    all.push_back(s);
  };
  add(0, "Tỉnh", "Tỉnh Tuyên Quang");
  add(1, "Xã", "Xã Yên Sơn");
  add(1, "Xã", "Xã Đạo Viện");
  add(1, "Phường", "Phường Đồng Xuân");
  add(1, "Xã", "Xã An Tường");
  add(1, "Phường", "Phường Minh Xuân");
  add(1, "Đặc khu", "Đặc khu Côn Đảo");
  std::vector<std::string> names;
  for (const SiteContent* s : sub_portals(all, 1)) names.push_back(s->site.name);
  // Byte order puts Đ after Z: "Đặc khu" after "Xã", "Phường Đồng Xuân" after "Phường Minh Xuân".
  EXPECT_EQ(names, (std::vector<std::string>{"Đặc khu Côn Đảo", "Phường Đồng Xuân", "Phường Minh Xuân", "Xã An Tường",
                                             "Xã Đạo Viện", "Xã Yên Sơn"}));
}
