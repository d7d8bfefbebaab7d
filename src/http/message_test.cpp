#include "http/message.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "http/compress.h"
#include "http/forms.h"
#include "http/http_date.h"
#include "http/wire.h"

using namespace portico::http;

TEST(Target, DecodesPathAndQuery) {
  Request r;
  EXPECT_EQ(parse_target("/chuyen-muc/kinh-te?trang=2&q=%C4%91%E1%BA%A3ng+vi%C3%AAn", r), "");
  EXPECT_EQ(r.path, "/chuyen-muc/kinh-te");
  EXPECT_EQ(*r.param("trang"), "2");
  EXPECT_EQ(*r.param("q"), "đảng viên");
}

TEST(Target, RejectsMalformedInput) {
  Request r;
  EXPECT_NE(parse_target("/a%zz", r), "");
  EXPECT_NE(parse_target("/a%e", r), "");
  EXPECT_NE(parse_target("/a%", r), "");
  EXPECT_NE(parse_target("/%ff%fe", r), "");       // invalid UTF-8
  EXPECT_NE(parse_target("/a?x=%C3", r), "");      // invalid UTF-8 in the query
  EXPECT_NE(parse_target("/static/../etc", r), "");
  EXPECT_NE(parse_target("/static/%2e%2e/etc", r), "");
  EXPECT_NE(parse_target("/a%00b", r), "");
  EXPECT_NE(parse_target("/a\\b", r), "");
  EXPECT_NE(parse_target("http://x/", r), "");
}

TEST(Target, ControlBytesInQueryValuesAreSpacesButFormsRefuseThem) {
  Request r;
  ASSERT_EQ(parse_target("/tim-kiem?q=%C4%91%E1%BA%A3ng%01vi%C3%AAn%7F%0A", r), "");
  EXPECT_EQ(r.param("q"), "đảng viên  ");
  Fields form;
  EXPECT_FALSE(parse_form("q=a%01b", form));
  EXPECT_TRUE(parse_form("note=d%C3%B2ng%0D%0Am%E1%BB%9Bi%09x", form));
}

TEST(Disposition, DownloadsUnderTheVietnameseNameWithAnAsciiFallback) {
  EXPECT_EQ(attachment_disposition("Quyết định số 1 \"mới\".pdf"),
            "attachment; filename=\"quyet dinh so 1 _moi_.pdf\"; "
            "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%201%20%22m%E1%BB%9Bi%22.pdf");
}

TEST(Request, CookiesAndHost) {
  Request r;
  r.headers = {{"cookie", "a=1; hien-thi=s2c1; b=2"}, {"host", "Example.VN:8080"}};
  EXPECT_EQ(r.cookie("hien-thi"), "s2c1");
  EXPECT_EQ(r.cookie("x"), "");
  EXPECT_EQ(r.host(), "example.vn");
}

TEST(Entity, CompressesTextOnFirstAskAndKeepsValidators) {
  std::string body(4000, 'a');
  auto e = make_entity("text/html; charset=utf-8", body);
  EXPECT_TRUE(e->compressible());
  std::size_t before = e->bytes();
  const std::string* gz = e->coded(Coding::gzip);
  ASSERT_NE(gz, nullptr);
  EXPECT_EQ(gzip_decompress(*gz), body);
  EXPECT_GT(e->bytes(), before) << "a coding made is memory held";
  EXPECT_EQ(e->coded(Coding::gzip), gz) << "made once, then kept";
  EXPECT_NE(e->coded(Coding::br), nullptr);
  EXPECT_EQ(e->coded(Coding::identity), nullptr);
  EXPECT_EQ(e->etag.front(), '"');
  auto small = make_entity("text/plain", "hi");
  EXPECT_FALSE(small->compressible());
  EXPECT_EQ(small->coded(Coding::gzip), nullptr);
  auto png = make_entity("image/png", std::string(4000, 'x'));
  EXPECT_EQ(png->coded(Coding::br), nullptr);
}

TEST(Entity, ConcurrentClientsMakeACodingOnce) {
  auto e = make_entity("text/html; charset=utf-8", std::string(100000, 'b'));
  std::vector<std::thread> threads;
  std::vector<const std::string*> seen(8);
  for (int i = 0; i < 8; ++i) threads.emplace_back([&, i] { seen[i] = e->coded(Coding::br); });
  for (auto& t : threads) t.join();
  for (auto* p : seen) EXPECT_EQ(p, seen[0]);
}

TEST(Entity, WritesItsHeaderLinesOncePerCoding) {
  auto e = make_entity("text/html; charset=utf-8", std::string(2000, 'a'), Compression::fast, 1700000000, "public, max-age=60");
  std::string tag = e->etag.substr(0, e->etag.size() - 1);
  EXPECT_EQ(e->fixed_head(Coding::identity),
            "Content-Type: text/html; charset=utf-8\r\nVary: Accept-Encoding\r\nETag: " + e->etag +
                "\r\nLast-Modified: Tue, 14 Nov 2023 22:13:20 GMT\r\nCache-Control: public, max-age=60\r\n");
  EXPECT_NE(e->fixed_head(Coding::br).find("Content-Encoding: br\r\nETag: " + tag + "-br\"\r\n"), std::string::npos);
  EXPECT_NE(e->fixed_head(Coding::gzip).find("Content-Encoding: gzip\r\nETag: " + tag + "-gz\"\r\n"), std::string::npos);
  auto plain = make_entity("text/plain", "hi");  // too small to compress: no Vary, revalidated every time
  EXPECT_EQ(plain->fixed_head(Coding::identity),
            "Content-Type: text/plain\r\nETag: " + plain->etag + "\r\nCache-Control: no-cache\r\n");
}

TEST(Entity, AFileIsNamedNotRead) {
  auto e = make_file_entity("video/mp4", "/nonexistent/file.mp4", 50u << 20, 1700000000, "public");
  EXPECT_EQ(e->size(), 50u << 20);
  EXPECT_TRUE(e->identity.empty());
  EXPECT_FALSE(e->compressible());
  EXPECT_EQ(e->coded(Coding::gzip), nullptr);
  EXPECT_NE(e->etag, make_file_entity("video/mp4", "/x", (50u << 20) + 1, 1700000000, "public")->etag);
}

TEST(Form, DecodesPlusAndPercent) {
  Fields f;
  ASSERT_TRUE(parse_form("co-chu=tang&ve=%2Fbai-viet%2Fa+b", f));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[1].second, "/bai-viet/a b");
  Fields bad;
  EXPECT_FALSE(parse_form("x=%G1", bad));
}

TEST(Ranges, SingleByteRangesOnly) {
  bool unsat = false;
  auto r = parse_range("bytes=0-99", 1000, unsat);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 0u);
  EXPECT_EQ(r->last, 99u);
  r = parse_range("bytes=900-", 1000, unsat);
  EXPECT_EQ(r->last, 999u);
  r = parse_range("bytes=-50", 1000, unsat);
  EXPECT_EQ(r->first, 950u);
  r = parse_range("bytes=10-5000", 1000, unsat);
  EXPECT_EQ(r->last, 999u);
  EXPECT_FALSE(parse_range("bytes=0-1,5-6", 1000, unsat));
  EXPECT_FALSE(unsat);
  EXPECT_FALSE(parse_range("items=0-1", 1000, unsat));
  EXPECT_FALSE(parse_range("bytes=5-1", 1000, unsat));
  EXPECT_FALSE(parse_range("bytes=abc", 1000, unsat));
  EXPECT_FALSE(parse_range("bytes=1000-", 1000, unsat));
  EXPECT_TRUE(unsat);
}

TEST(SameSitePath, KeepsPathsOnThisSiteAndRefusesEverythingElse) {
  EXPECT_EQ(same_site_path("/bai-viet/a?trang=2"), "/bai-viet/a?trang=2");
  EXPECT_EQ(same_site_path("/tim-kiem?q=đất+đai"), "/tim-kiem?q=%C4%91%E1%BA%A5t%20%C4%91ai");
  EXPECT_EQ(same_site_path("/chuyen-muc/tin-tuc#dau"), "/chuyen-muc/tin-tuc");
  for (const char* bad : {"//x.vn", "/\\x.vn", "/%09/x.vn", "/\t/x.vn", "/%2F%2Fx.vn", "/%2f/x.vn", "https://x.vn",
                          "javascript:alert(1)", "x.vn", "", "/a b", "/%0d%0aSet-Cookie:%20a=b", "/\r\nLocation: x",
                          "/%ZZ", "/\xff", "/a/../b"})
    EXPECT_EQ(same_site_path(bad), "/") << bad;
}

TEST(Origins, AnotherSiteIsRefused) {
  Request r;
  r.headers = {{"host", "yenson.gov.vn"}};
  EXPECT_TRUE(same_origin(r));  // no browser hints: a script or an API client
  r.headers.push_back({"origin", "https://yenson.gov.vn"});
  EXPECT_TRUE(same_origin(r));
  r.headers.back().second = "https://evil.example";
  EXPECT_FALSE(same_origin(r));
  r.headers.back().second = "null";
  EXPECT_FALSE(same_origin(r));
  r.headers.back() = {"referer", "https://evil.example/yenson.gov.vn/"};
  EXPECT_FALSE(same_origin(r));
  r.headers.back() = {"referer", "https://YENSON.gov.vn/bai-viet/x"};
  EXPECT_TRUE(same_origin(r));
  r.headers.back() = {"sec-fetch-site", "cross-site"};
  EXPECT_FALSE(same_origin(r));
}

TEST(HttpDate, RoundTrips) {
  EXPECT_EQ(format_http_date(1697073300), "Thu, 12 Oct 2023 01:15:00 GMT");
  EXPECT_EQ(parse_http_date("Thu, 12 Oct 2023 01:15:00 GMT"), 1697073300);
  EXPECT_EQ(parse_http_date("yesterday"), -1);
}

TEST(PostedField, FromTheAddressTheFormOrTheMultipartBodyAndNothingElse) {
  Request r;
  r.method = Method::post;
  r.headers = {{"content-type", "application/x-www-form-urlencoded"}};
  r.body = "ten=A&csrf=t%C3%B4k";
  EXPECT_EQ(posted_field(r, "csrf"), "tôk");
  r.body = "ten=A";
  EXPECT_EQ(posted_field(r, "csrf"), "");  // no such field: empty, so a token check refuses it
  r.body = "csrf=%ZZ";
  EXPECT_EQ(posted_field(r, "csrf"), std::nullopt);  // not a form
  r.headers = {};
  r.body = "csrf=a";
  EXPECT_EQ(posted_field(r, "csrf"), "a");  // no content type: read as a plain form
  r.headers = {{"content-type", "text/plain"}};
  EXPECT_EQ(posted_field(r, "csrf"), std::nullopt);  // a type no form of ours sends
  r.headers = {{"content-type", "multipart/form-data; boundary=b"}};
  r.body = "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nm\r\n--b--\r\n";
  EXPECT_EQ(posted_field(r, "csrf"), "m");
  r.body = "--b\r\nrác";
  EXPECT_EQ(posted_field(r, "csrf"), std::nullopt);
  r.query = {{"csrf", "q"}};  // the upload forms carry it in the address
  EXPECT_EQ(posted_field(r, "csrf"), "q");
}

TEST(Entity, IfNoneMatchNamesAnyCodingOfTheEntity) {
  const std::string etag = "\"abc\"";
  for (Compression level : {Compression::fast, Compression::reused})
    for (Coding c : {Coding::identity, Coding::gzip, Coding::br})
      EXPECT_TRUE(etag_matches("\"x\", " + variant_etag(etag, c, level), etag));
  EXPECT_NE(variant_etag(etag, Coding::br, Compression::fast), variant_etag(etag, Coding::br, Compression::reused));
  EXPECT_TRUE(etag_matches("W/\"abc-gz\"", etag));
  EXPECT_FALSE(etag_matches("\"abc-zz\"", etag));
  EXPECT_FALSE(etag_matches("\"abcd\"", etag));
}
