#include "http/router.h"

#include <gtest/gtest.h>

using namespace portico::http;

namespace {
Handler named(std::string name) {
  return [name](const Request&, const Params&) {
    Response r;
    r.headers.emplace_back("X-Route", name);
    return r;
  };
}
std::string route_of(const Router::Match& m) {
  Request req;
  return (*m.handler)(req, m.params).headers.at(0).second;
}
}  // namespace

TEST(Router, MatchesLiteralsParamsAndRest) {
  Router r;
  r.add(Method::get, "/", named("home"));
  r.add(Method::get, "/bai-viet/{slug}", named("article"));
  r.add(Method::get, "/static/{*path}", named("static"));
  auto m = r.match(Method::get, "/bai-viet/go-kho");
  ASSERT_EQ(m.outcome, Router::Outcome::matched);
  EXPECT_EQ(route_of(m), "article");
  EXPECT_EQ(m.params["slug"], "go-kho");
  m = r.match(Method::get, "/static/css/site.css");
  ASSERT_EQ(m.outcome, Router::Outcome::matched);
  EXPECT_EQ(m.params["path"], "css/site.css");
  EXPECT_EQ(route_of(r.match(Method::get, "/")), "home");
  EXPECT_EQ(r.match(Method::get, "/bai-viet/").outcome, Router::Outcome::not_found);
  EXPECT_EQ(r.match(Method::get, "/bai-viet/a/b").outcome, Router::Outcome::not_found);
  EXPECT_EQ(r.match(Method::get, "/khac").outcome, Router::Outcome::not_found);
}

TEST(Router, HeadUsesGetAndOtherMethodsAre405WithAllow) {
  Router r;
  r.add(Method::get, "/", named("home"));
  r.add(Method::post, "/hien-thi", named("display"));
  EXPECT_EQ(r.match(Method::head, "/").outcome, Router::Outcome::matched);
  auto m = r.match(Method::del, "/");
  EXPECT_EQ(m.outcome, Router::Outcome::method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD");
  m = r.match(Method::get, "/hien-thi");
  EXPECT_EQ(m.allow, "POST");
}
