#include "text/diff.h"

#include <gtest/gtest.h>

using namespace portico::text;
using K = DiffLine::Kind;

TEST(Diff, AddsAndRemovesInOrder) {
  auto d = diff_lines({"một", "hai", "ba"}, {"một", "ba", "bốn"});
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].kind, K::same);
  EXPECT_EQ(d[1].kind, K::removed);
  EXPECT_EQ(d[1].text, "hai");
  EXPECT_EQ(d[2].kind, K::same);
  EXPECT_EQ(d[3].kind, K::added);
  EXPECT_EQ(d[3].text, "bốn");
  EXPECT_TRUE(diff_lines({}, {}).empty());
}

TEST(Diff, HtmlBlocksAreReadableLines) {
  auto b = html_blocks("<h2>Tiêu đề</h2><p>Đoạn <strong>một</strong></p><p> </p><ul><li>A</li><li>B</li></ul>");
  std::vector<std::string> want = {"Tiêu đề", "Đoạn một", "A", "B"};
  EXPECT_EQ(b, want);
}
