#include "http/rebase.h"

#include <gtest/gtest.h>

using namespace portico::http;

TEST(Rebase, RootRelativeAddressesGetTheBaseSharedFilesAndOtherHostsDoNot) {
  std::string html =
      R"(<a href="/">Trang chủ</a><a href="/bai-viet/x">x</a><form action="/tim-kiem"></form>)"
      R"(<link href="/static/css/site.css"><img src="/media/a-320.webp" srcset="/media/a-320.webp 320w">)"
      R"(<a href="//cdn.example/x">x</a><a href="https://a.vn/bai-viet/y">y</a><a href="#noi-dung">z</a>)"
      R"(<form data-rating="/api/v1/articles/3/ratings"></form><link href="/giao-dien/mau-0b5394.css">)";
  EXPECT_EQ(rebase_html(html, "/xa-hung-loi"),
            R"(<a href="/xa-hung-loi/">Trang chủ</a><a href="/xa-hung-loi/bai-viet/x">x</a><form action="/xa-hung-loi/tim-kiem"></form>)"
            R"(<link href="/static/css/site.css"><img src="/media/a-320.webp" srcset="/media/a-320.webp 320w">)"
            R"(<a href="//cdn.example/x">x</a><a href="https://a.vn/bai-viet/y">y</a><a href="#noi-dung">z</a>)"
            R"(<form data-rating="/xa-hung-loi/api/v1/articles/3/ratings"></form><link href="/giao-dien/mau-0b5394.css">)");
  // Text is escaped in our pages: a quote in it is &quot;, never a bare one.
  EXPECT_EQ(rebase_html("a =&quot;/x", "/b"), "a =&quot;/x");
}

TEST(Rebase, StripsOnlyAWholeFirstSegment) {
  std::string p = "/xa-hung-loi/bai-viet/x";
  EXPECT_TRUE(strip_base("/xa-hung-loi", p));
  EXPECT_EQ(p, "/bai-viet/x");
  p = "/xa-hung-loi";
  EXPECT_TRUE(strip_base("/xa-hung-loi", p));
  EXPECT_EQ(p, "/");
  p = "/xa-hung-loi-2/x";
  EXPECT_FALSE(strip_base("/xa-hung-loi", p));
  EXPECT_EQ(p, "/xa-hung-loi-2/x");
}

TEST(Rebase, ARedirectAndTheNewsroomCookieFollowTheBase) {
  Response r = Response::redirect("/quan-tri/bai-viet/3?da-luu=1");
  r.headers.emplace_back("Set-Cookie", "phien=abc; Path=/quan-tri; Max-Age=28800; HttpOnly; SameSite=Lax");
  r.headers.emplace_back("Set-Cookie", "hien-thi=s1c0; Path=/; Max-Age=31536000; SameSite=Lax");
  rebase(r, "/xa-hung-loi");
  auto header = [&](std::size_t i) { return r.headers[i].second; };
  bool location = false;
  for (const auto& [k, v] : r.headers)
    if (k == "Location") location = v == "/xa-hung-loi/quan-tri/bai-viet/3?da-luu=1";
  EXPECT_TRUE(location);
  EXPECT_EQ(header(r.headers.size() - 2), "phien=abc; Path=/xa-hung-loi/quan-tri; Max-Age=28800; HttpOnly; SameSite=Lax");
  EXPECT_EQ(header(r.headers.size() - 1), "hien-thi=s1c0; Path=/; Max-Age=31536000; SameSite=Lax");
}
