#include "text/accessibility.h"

#include <gtest/gtest.h>

using namespace portico::text;

TEST(Accessibility, ImagesNeedAltAndShouldHaveCaptions) {
  auto issues = check_accessibility(
      "<figure><img src=\"/a.webp\" alt=\"Ảnh\"><figcaption>Chú thích</figcaption></figure>"
      "<p><img src=\"/b.webp\" alt=\"\"></p><figure><img src=\"/c.webp\" alt=\"C\"></figure>");
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_TRUE(issues[0].blocking);
  EXPECT_EQ(issues[0].message, "Ảnh thứ 2 chưa có mô tả cho người khiếm thị (alt).");
  EXPECT_FALSE(issues[1].blocking);
  EXPECT_EQ(issues[1].message, "Ảnh thứ 2 chưa có chú thích (figcaption).");
  EXPECT_FALSE(issues[2].blocking);
  EXPECT_EQ(issues[2].message, "Ảnh thứ 3 chưa có chú thích (figcaption).");
}

TEST(Accessibility, HeadingsShouldNotSkipLevels) {
  EXPECT_TRUE(check_accessibility("<h2>A</h2><h3>B</h3><h2>C</h2><p>x</p>").empty());
  auto issues = check_accessibility("<h3>Mở đầu</h3><h2>A</h2><h4>B</h4>");
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].message, "Tiêu đề cấp 3 đứng sau cấp 1: nên dùng cấp 2.");
  EXPECT_EQ(issues[1].message, "Tiêu đề cấp 4 đứng sau cấp 2: nên dùng cấp 3.");
  EXPECT_FALSE(issues[0].blocking);
}
