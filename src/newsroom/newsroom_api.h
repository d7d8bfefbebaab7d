// The editorial workflow over JSON (/api/v1/newsroom/...), for bearer tokens made with
// `portico token create`. Errors are {"error":{"code","message"}}.
#pragma once
#include <string>

#include "http/message.h"
#include "newsroom/newsroom.h"

namespace portico::content {
class Routes;
}

namespace portico::newsroom {

class NewsroomApi {
 public:
  NewsroomApi(Newsroom& newsroom, std::string base_url) : newsroom_(newsroom), base_url_(std::move(base_url)) {}

  // /api/v1/newsroom: each route guarded by an API token.
  void add_routes(content::Routes& routes);

  // The account behind "Authorization: Bearer <token>"; the route table answers
  // unauthorized() without one, so the handlers below always have a caller.
  Result<SignedIn> caller(const http::Request& r, Id site_id);
  static http::Response unauthorized();

  http::Response list(const http::Request& r, const SignedIn& who);
  http::Response create(const http::Request& r, const SignedIn& who);
  http::Response get(const http::Request& r, const SignedIn& who, std::string_view id);
  http::Response update(const http::Request& r, const SignedIn& who, std::string_view id);
  // action: submit, publish, return, take-down
  http::Response act(const http::Request& r, const SignedIn& who, std::string_view id, std::string_view action);

 private:
  http::Response article_json(int status, const Article& a);
  static http::Response failure(const Status& st);

  Newsroom& newsroom_;
  std::string base_url_;
};

}  // namespace portico::newsroom
