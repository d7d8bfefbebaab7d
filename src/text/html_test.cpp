#include "text/html.h"

#include <gtest/gtest.h>

using namespace portico::text;

TEST(Escape, EscapesMarkup) { EXPECT_EQ(escape_html("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"); }

TEST(Sanitize, DropsScriptsAndHandlers) {
  std::string out = sanitize_html("<p onclick=\"x()\">Chào<script>alert(1)</script></p><style>p{}</style>");
  EXPECT_EQ(out, "<p>Chào</p>");
}

TEST(Sanitize, UnwrapsWordMarkupAndKeepsText) {
  std::string out = sanitize_html(
      "<p class=MsoNormal><span style='font-size:13pt'>Nội dung<o:p></o:p></span></p><font>chữ</font>");
  EXPECT_EQ(out, "<p>Nội dung</p>chữ");
}

TEST(Sanitize, RejectsDangerousUrls) {
  EXPECT_EQ(sanitize_html("<a href=\"javascript:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\" jav&#x09;ascript:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<img src=\"data:image/svg+xml,abc\">"), "");
  EXPECT_EQ(sanitize_html("<a href=\"https://a.vn/\">x</a>"),
            "<a href=\"https://a.vn/\" rel=\"noopener noreferrer\">x</a>");
}

TEST(Sanitize, KeepsFiguresWithCaptions) {
  std::string out = sanitize_html("<figure><img src=\"/media/a.jpg\" alt=\"Ảnh\" width=\"800\" height=\"x\">"
                                  "<figcaption>Chú thích</figcaption></figure>");
  EXPECT_EQ(out, "<figure><img src=\"/media/a.jpg\" alt=\"Ảnh\" width=\"800\" loading=\"lazy\" decoding=\"async\">"
                 "<figcaption>Chú thích</figcaption></figure>");
}

TEST(Sanitize, HeadingOneBecomesTwoAndTextIsEscaped) {
  EXPECT_EQ(sanitize_html("<h1>A &lt;b&gt;</h1>"), "<h2>A &lt;b&gt;</h2>");
}

TEST(Sanitize, NormalisesToNfcAndRejectsInvalidUtf8) {
  EXPECT_EQ(sanitize_html("<p>Vie\xCC\xA3\xCC\x82t</p>"), "<p>Việt</p>");
  EXPECT_EQ(sanitize_html("<p>\xff</p>"), "");
}

TEST(Text, CollapsesWhitespace) { EXPECT_EQ(html_to_text("<p>Một  <b>hai</b></p>\n<p>ba</p>"), "Một hai ba"); }

#include "text/html_safety.h"

TEST(Sanitize, NoPayloadOfTheXssCorpusSurvives) {
  const char* corpus[] = {
#include "text/xss_corpus.inc"
  };
  for (const char* payload : corpus) {
    std::string out = sanitize_html(payload);
    EXPECT_EQ(unsafe_markup(out), "") << payload << "\n→ " << out;
    EXPECT_EQ(sanitize_html(out), out) << "not stable: " << payload;
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
