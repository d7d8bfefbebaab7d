// The default sections of a new site, over a real SQLite store.
#include "gov/sections.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "text/html.h"

using namespace portico;

TEST(DefaultSections, ANewSiteGetsEveryMandatedSectionInMenuOrder) {
  auto dir = std::filesystem::temp_directory_path() / ("portico-sections-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    auto store = std::move(*open_sqlite_store({.path = (dir / "t.db").string(), .readers = 1}));
    auto site = gov::create_site(*store, {.host = "xa.vn", .name = "Xã Trung Sơn", .is_default = true});
    ASSERT_TRUE(site.is_ok()) << site.status().message();
    auto read = store->categories(*site);
    ASSERT_TRUE(read.is_ok()) << read.status().message();
    const auto& cats = *read;
    ASSERT_EQ(cats.size(), gov::default_sections().size());
    std::vector<std::string> top;
    std::set<std::string> names;
    for (const auto& c : cats) {
      names.insert(c.name);
      if (c.parent_id == 0) top.push_back(c.name);
      if (!c.link.empty()) {
        EXPECT_TRUE(text::is_link_address(c.link, true)) << c.link;
      }
      EXPECT_FALSE(c.hidden);
    }
    EXPECT_EQ(names.size(), cats.size()) << "names are unique";
    // The twelve sections the issue names, in this order (Decree 42/2022/NĐ-CP).
    EXPECT_EQ(top, (std::vector<std::string>{"Giới thiệu", "Tin tức – Sự kiện", "Chỉ đạo – Điều hành", "Văn bản",
                                             "Chiến lược – Quy hoạch – Kế hoạch", "Thủ tục hành chính",
                                             "Phát ngôn báo chí", "Tiếp cận thông tin", "Tài chính – Ngân sách",
                                             "Đấu thầu – Mua sắm công", "Lấy ý kiến dự thảo", "Hỏi đáp"}));
    for (const auto& c : cats) {
      if (c.name == "Thủ tục hành chính") {
        EXPECT_EQ(c.link, "https://dichvucong.gov.vn");
      }
      if (c.name == "Tin tức – Sự kiện") {
        EXPECT_EQ(c.link, "");
      }
      if (c.name == "Lịch công tác") {
        auto parent = std::find_if(cats.begin(), cats.end(), [&](const Category& p) { return p.id == c.parent_id; });
        ASSERT_NE(parent, cats.end());
        EXPECT_EQ(parent->name, "Chỉ đạo – Điều hành");
      }
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(SiteRecords, APathSubPortalFollowsItsParentsHost) {
  auto dir = std::filesystem::temp_directory_path() / ("portico-paths-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    auto store = std::move(*open_sqlite_store({.path = (dir / "t.db").string(), .readers = 1}));
    auto tinh = gov::create_site(*store, {.host = "tinh.vn", .name = "Tỉnh A", .is_default = true});
    ASSERT_TRUE(tinh.is_ok());
    auto xa = gov::create_site(*store, {.host = "tinh.vn/xa-b", .name = "Xã B", .parent_id = *tinh});
    ASSERT_TRUE(xa.is_ok()) << xa.status().message();
    // Refused: another host than the parent's, a portal section's path, no parent.
    EXPECT_FALSE(gov::create_site(*store, {.host = "khac.vn/xa-c", .name = "Xã C", .parent_id = *tinh}).is_ok());
    EXPECT_FALSE(gov::create_site(*store, {.host = "tinh.vn/bai-viet", .name = "Xã D", .parent_id = *tinh}).is_ok());
    EXPECT_FALSE(gov::create_site(*store, {.host = "tinh.vn/xa-e", .name = "Xã E"}).is_ok());
    EXPECT_FALSE(gov::create_site(*store, {.host = "tinh.vn/Xa E", .name = "Xã F", .parent_id = *tinh}).is_ok());
    auto t = store->site(*tinh);
    t->host = "tinh.gov.vn";
    ASSERT_TRUE(gov::update_site(*store, *t).is_ok());
    EXPECT_EQ(store->site(*xa)->host, "tinh.gov.vn/xa-b");
  }
  std::filesystem::remove_all(dir);
}
