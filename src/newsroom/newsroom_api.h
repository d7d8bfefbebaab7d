// The editorial workflow over JSON (/api/v1/newsroom/...), for bearer tokens made with
// `portico token create`. Errors are {"error":{"code","message"}}.
#pragma once
#include <string>

#include "http/message.h"
#include "newsroom/newsroom.h"

namespace portico::content {
class Routes;
struct PageContext;
}

namespace portico::newsroom {

class NewsroomApi {
 public:
  explicit NewsroomApi(Newsroom& newsroom) : newsroom_(newsroom) {}

  // /api/v1/newsroom: each route guarded by an API token.
  void add_routes(content::Routes& routes);

  // The account behind "Authorization: Bearer <token>"; the route table answers
  // unauthorized() without one, so the handlers below always have a caller.
  Result<SignedIn> caller(const http::Request& r, Id site_id);
  static http::Response unauthorized();

  // c: the request and its site, whose address the answers' links carry.
  http::Response list(const content::PageContext& c, const SignedIn& who);
  http::Response create(const content::PageContext& c, const SignedIn& who);
  http::Response get(const content::PageContext& c, const SignedIn& who, std::string_view id);
  http::Response update(const content::PageContext& c, const SignedIn& who, std::string_view id);
  // action: submit, publish, return, take-down
  http::Response act(const content::PageContext& c, const SignedIn& who, std::string_view id, std::string_view action);

 private:
  static http::Response article_json(int status, const Article& a, const std::string& origin);
  static http::Response failure(const Status& st);

  Newsroom& newsroom_;
};

}  // namespace portico::newsroom
