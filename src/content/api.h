// The open JSON API for articles (/api/v1/...). Errors are {"error":{"code","message"}}.
#pragma once
#include <string>

#include "content/content_service.h"
#include "http/message.h"

namespace portico::content {

class Routes;

class ArticleApi {
 public:
  explicit ArticleApi(ContentService& content) : content_(content) {}

  // /api/v1/articles, categories, search and the OpenAPI document. Not openapi.json:
  // the portal serves that one outside the open API's budget.
  void add_routes(Routes& routes);

  http::Response list(const http::Request& r, const SiteContent& s);
  http::Response get(const SiteContent& s, std::string_view id);
  // GET /api/v1/categories: the shown categories, top level first, with their links.
  http::Response categories(const SiteContent& s);
  // Every enabled site of the installation (the province and its sub-portals) with its
  // parent, kind and address.
  http::Response sites();
  // GET /api/v1/search?q=…&page=N → {"items":[{"id","title","url","snippet"}],"total"}
  http::Response search(const http::Request& r, const SiteContent& s);
  http::Response openapi() const;

 private:
  ContentService& content_;
};

}  // namespace portico::content
