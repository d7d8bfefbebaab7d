#include "text/html.h"

#include <gtest/gtest.h>

using namespace portico::text;

namespace {
// The sanitiser's output for input within the limits.
std::string clean(std::string_view html) {
  auto out = sanitize_html(html);
  EXPECT_TRUE(out) << out.status().message();
  return out ? *out : std::string();
}

std::string nested(std::string_view tag, std::size_t levels) {
  std::string s;
  for (std::size_t i = 0; i < levels; ++i) s += "<" + std::string(tag) + ">";
  s += "chữ";
  for (std::size_t i = 0; i < levels; ++i) s += "</" + std::string(tag) + ">";
  return s;
}
}  // namespace

TEST(Sanitize, NestingPastTheLimitIsRefusedWithAReason) {
  // Word's pasted spans nest a dozen deep: kept.
  EXPECT_EQ(clean(nested("span", 30)), "chữ");
  EXPECT_EQ(clean(nested("div", kMaxHtmlDepth)), "chữ");
  for (std::size_t levels : {kMaxHtmlDepth + 1, std::size_t{20000}}) {
    auto out = sanitize_html(nested("div", levels));
    ASSERT_FALSE(out) << levels;
    EXPECT_EQ(out.status().code(), portico::Code::invalid);
    EXPECT_NE(out.status().message().find("lồng nhau"), std::string::npos);
  }
  // Past the element count the body is refused before it is parsed (no stack is spent).
  auto out = sanitize_html(nested("div", 60000));
  ASSERT_FALSE(out);
  EXPECT_NE(out.status().message().find("60.000 thẻ"), std::string::npos) << out.status().message();
  // Unclosed paragraphs are siblings, not nesting: many are fine.
  std::string paragraphs;
  for (int i = 0; i < 5000; ++i) paragraphs += "<p>đoạn";
  EXPECT_TRUE(sanitize_html(paragraphs));
  // Unclosed elements that do nest are refused before gumbo looks through thousands of open
  // ones for every tag (that took seconds); mis-nested end tags do not hide them.
  std::string unclosed;
  for (int i = 0; i < 10000; ++i) unclosed += "<span><b>chữ</i>";
  auto refused = sanitize_html(unclosed);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.status().message().find("lồng nhau"), std::string::npos);
  std::string list = "<ul>";
  for (int i = 0; i < 3000; ++i) list += "<li>mục<br><img src=\"/a.png\" alt=\"\"/>";
  EXPECT_TRUE(sanitize_html(list + "</ul>"));
  EXPECT_EQ(html_to_text(nested("div", 20000)), "");
  EXPECT_EQ(html_to_text(nested("b", 20)), "chữ");
}

TEST(Escape, EscapesMarkup) { EXPECT_EQ(escape_html("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"); }

TEST(Sanitize, DropsScriptsAndHandlers) {
  std::string out = clean("<p onclick=\"x()\">Chào<script>alert(1)</script></p><style>p{}</style>");
  EXPECT_EQ(out, "<p>Chào</p>");
}

TEST(Sanitize, UnwrapsWordMarkupAndKeepsText) {
  std::string out = clean(
      "<p class=MsoNormal><span style='font-size:13pt'>Nội dung<o:p></o:p></span></p><font>chữ</font>");
  EXPECT_EQ(out, "<p>Nội dung</p>chữ");
}

TEST(Sanitize, RejectsDangerousUrls) {
  EXPECT_EQ(clean("<a href=\"javascript:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(clean("<a href=\" jav&#x09;ascript:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(clean("<img src=\"data:image/svg+xml,abc\">"), "");
  EXPECT_EQ(clean("<a href=\"https://a.vn/\">x</a>"),
            "<a href=\"https://a.vn/\" rel=\"noopener noreferrer\">x</a>");
}

TEST(Sanitize, KeepsFiguresWithCaptions) {
  std::string out = clean("<figure><img src=\"/media/a.jpg\" alt=\"Ảnh\" width=\"800\" height=\"x\">"
                                  "<figcaption>Chú thích</figcaption></figure>");
  EXPECT_EQ(out, "<figure><img src=\"/media/a.jpg\" alt=\"Ảnh\" width=\"800\" loading=\"lazy\" decoding=\"async\">"
                 "<figcaption>Chú thích</figcaption></figure>");
}

TEST(Sanitize, HeadingOneBecomesTwoAndTextIsEscaped) {
  EXPECT_EQ(clean("<h1>A &lt;b&gt;</h1>"), "<h2>A &lt;b&gt;</h2>");
}

TEST(Sanitize, NormalisesToNfcAndRejectsInvalidUtf8) {
  EXPECT_EQ(clean("<p>Vie\xCC\xA3\xCC\x82t</p>"), "<p>Việt</p>");
  EXPECT_EQ(clean("<p>\xff</p>"), "");
}

TEST(Text, CollapsesWhitespace) { EXPECT_EQ(html_to_text("<p>Một  <b>hai</b></p>\n<p>ba</p>"), "Một hai ba"); }

TEST(Text, InlineMarkupRunsOnBlocksSeparateWords) {
  EXPECT_EQ(html_to_text("<p>Giống lúa <em>mới</em>.</p><p>Diện tích 5 m<sup>2</sup>, <a href=\"/x\">xem</a>!</p>"),
            "Giống lúa mới. Diện tích 5 m2, xem!");
  EXPECT_EQ(html_to_text("<table><tr><td>Một</td><td>Hai</td></tr></table>Ba<br>Bốn"), "Một Hai Ba Bốn");
}

#include "text/html_safety.h"

TEST(Sanitize, NoPayloadOfTheXssCorpusSurvives) {
  const char* corpus[] = {
#include "text/xss_corpus.inc"
  };
  for (const char* payload : corpus) {
    std::string out = clean(payload);
    EXPECT_EQ(unsafe_markup(out), "") << payload << "\n→ " << out;
    EXPECT_EQ(clean(out), out) << "not stable: " << payload;
  }
  // and the checker itself catches what it should
  EXPECT_NE(unsafe_markup("<p onclick=x>"), "");
  EXPECT_NE(unsafe_markup("<a href=\"JavaScript:x\">"), "");
  EXPECT_EQ(unsafe_markup("<p>one, two</p>"), "");
}

TEST(LinkAddress, AcceptsWebAddressesAndLocalPathsOnly) {
  EXPECT_TRUE(is_link_address("https://dichvucong.gov.vn", false));
  EXPECT_TRUE(is_link_address("http://tuyenquang.gov.vn/tin-tuc?page=2#top", false));
  EXPECT_FALSE(is_link_address("/van-ban", false));
  EXPECT_TRUE(is_link_address("/van-ban", true));
  EXPECT_TRUE(is_link_address("/gioi-thieu/co-cau-to-chuc", true));
  for (const char* bad : {"", "javascript:alert(1)", "JAVASCRIPT:alert(1)", "//evil.example", "https://", "http://x",
                          "https://user@evil.example", "/van ban", "/\"><script>", "ftp://a.gov.vn", "van-ban",
                          "https://a.gov.vn/\n", "data:text/html,x", "/a\\b"})
    EXPECT_FALSE(is_link_address(bad, true)) << bad;
  EXPECT_FALSE(is_link_address("https://a.gov.vn/" + std::string(500, 'a'), false));
}
