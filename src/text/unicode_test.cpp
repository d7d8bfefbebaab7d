#include "text/unicode.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace portico::text;

TEST(Slug, VietnameseTitleBecomesAscii) {
  EXPECT_EQ(slugify("Gỡ khó phát triển đảng viên"), "go-kho-phat-trien-dang-vien");
  EXPECT_EQ(slugify("ĐẢNG BỘ Huyện  Yên Sơn!!"), "dang-bo-huyen-yen-son");
  EXPECT_EQ(slugify("Tin tức – Sự kiện"), "tin-tuc-su-kien");
  EXPECT_EQ(slugify("***"), "");
}

TEST(Slug, DecomposedInputGivesTheSameSlug) {
  // "Việt" written with combining marks (NFD)
  EXPECT_EQ(slugify("Vie\xCC\xA3\xCC\x82t Nam"), "viet-nam");
}

TEST(Slug, LongTitlesAreCutAtAWord) {
  std::string s = slugify("một hai ba bốn năm sáu bảy tám chín mười một hai ba bốn năm sáu bảy tám chín mười", 20);
  EXPECT_LE(s.size(), 20u);
  EXPECT_NE(s.back(), '-');
  EXPECT_EQ(s, "mot-hai-ba-bon-nam");
}

TEST(Fold, RemovesDiacriticsCaseAndD) {
  EXPECT_EQ(fold("Đảng Viên"), "dang vien");
  EXPECT_EQ(fold("đường"), "duong");
  EXPECT_EQ(fold("ABC"), "abc");
}

TEST(Nfc, ComposesDecomposedText) {
  EXPECT_EQ(to_nfc("Vie\xCC\xA3\xCC\x82t"), "Việt");
  EXPECT_EQ(to_nfc("plain"), "plain");
}

TEST(Upper, VietnameseUpperCase) { EXPECT_EQ(to_upper("Huyện Yên Sơn"), "HUYỆN YÊN SƠN"); }

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_TRUE(is_valid_utf8("Tiếng Việt"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Words, FoldedWordsOfTheTitle) {
  auto w = words("Phát triển Đảng viên ở xã");
  std::vector<std::string> want = {"phat", "trien", "dang", "vien", "xa"};
  EXPECT_EQ(w, want);
}

TEST(Utf8, RepairReplacesOnlyTheBadBytes) {
  EXPECT_EQ(repair_utf8("Việt"), "Việt");
  EXPECT_EQ(repair_utf8("a\x91" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(repair_utf8("\xC3"), "\xEF\xBF\xBD");
  EXPECT_TRUE(is_valid_utf8(repair_utf8("\xED\xA0\x80x\xF4\x90\x80\x80")));
}

TEST(Cut, KeepsShortTextAndCutsLongOnACharacterBoundary) {
  EXPECT_EQ(portico::text::cut("Việt", 10), "Việt");
  EXPECT_EQ(portico::text::cut("ệệệệ", 8), "ệ…");  // 3 bytes each, "…" is 3: one fits
  EXPECT_EQ(portico::text::cut(std::string(900000, 'a'), 64).size(), 64u);
  EXPECT_TRUE(portico::text::is_valid_utf8(portico::text::cut("đđđđđđđđđđ", 7)));
}

TEST(ViCompare, FollowsTheVietnameseAlphabet) {
  // Byte order puts every letter with a mark after "Z": "Đất đai" after "Xây dựng".
  std::vector<std::string> v = {"Xây dựng", "Đất đai", "Em", "Bò", "Ấp", "Ăn uống", "An ninh", "Dân số", "an ninh", "Ơn", "Ông", "Ót"};
  std::sort(v.begin(), v.end(), portico::text::vi_less);
  EXPECT_EQ(v, (std::vector<std::string>{"an ninh", "An ninh", "Ăn uống", "Ấp", "Bò", "Dân số", "Đất đai", "Em", "Ót", "Ông",
                                         "Ơn", "Xây dựng"}));
  EXPECT_EQ(portico::text::vi_compare("Hộ tịch", "Hộ tịch"), 0);
  EXPECT_LT(portico::text::vi_compare("Ha", "Hà"), 0);  // tones after the bare letter
  EXPECT_LT(portico::text::vi_compare("Hà", "Hai"), 0);  // but letters first
}
