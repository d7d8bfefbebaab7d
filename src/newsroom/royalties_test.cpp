#include "newsroom/royalties.h"

#include <gtest/gtest.h>

using namespace portico;
using namespace portico::newsroom;

TEST(Royalties, MonthsAreCutInHanoiTime) {
  auto r = month_range("2026-11");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 1793466000);   // 2026-11-01 00:00 +07
  EXPECT_EQ(r->second, 1796058000);  // 2026-12-01 00:00 +07
  EXPECT_EQ(month_range("2026-12")->second, 1798736400);  // 2027-01-01
  EXPECT_FALSE(month_range("2026-13"));
  EXPECT_FALSE(month_range("26-11"));
  EXPECT_FALSE(month_range("2026/11"));
}

TEST(Royalties, AuthorsAreSplitOnCommasAndVa) {
  EXPECT_EQ(split_authors("Nguyễn Văn A, Trần Thị B và Lê C"),
            (std::vector<std::string>{"Nguyễn Văn A", "Trần Thị B", "Lê C"}));
  EXPECT_EQ(split_authors("  Hà Vân ; "), (std::vector<std::string>{"Hà Vân"}));
  EXPECT_TRUE(split_authors("").empty());
}

TEST(Royalties, PointsAreSharedAndPaidAtTheBase) {
  auto genres = default_genres();
  std::vector<RoyaltyItem> items = {
      {1, "Tin một", "An", "tin", 100},
      {2, "Phóng sự", "An, Bình", "phong-su", 200},
      {3, "Không rõ", "Bình", "", 300},
  };
  auto r = compute_royalties("2026-11", items, genres, 100000);
  ASSERT_EQ(r.by_author.size(), 2u);
  EXPECT_EQ(r.by_author[0].name, "An");       // 1 + 1.5 points
  EXPECT_EQ(r.by_author[0].amount, 250000);
  EXPECT_EQ(r.by_author[0].articles, 2);
  EXPECT_EQ(r.by_author[1].name, "Bình");     // 1.5 + 0
  EXPECT_EQ(r.by_author[1].amount, 150000);
  EXPECT_EQ(r.total.amount, 400000);
  EXPECT_EQ(r.by_genre[0].name, "Phóng sự");
  std::string csv = royalty_csv(r);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.find("An,2,2.50,250000"), std::string::npos);
  EXPECT_NE(csv.find("\"An; Bình\"") == std::string::npos ? csv.find("An; Bình") : 0, std::string::npos);
  EXPECT_NE(csv.find("Tổng cộng,3,4.00,400000"), std::string::npos);
}
