// Article API handlers and the OpenAPI description that documents them.
#include "content/api.h"
#include "content/routes.h"

#include <boost/json.hpp>

#include "http/json.h"

#include "content/pages.h"
#include "content/search.h"
#include "render/vn_time.h"

namespace portico::content {

namespace json = boost::json;
using http::Response;

namespace {


json::object summary_json(const ArticleSummary& a, const SiteContent& s, const std::string& base) {
  json::object o;
  o["id"] = a.id;
  o["title"] = a.title;
  o["slug"] = a.slug;
  o["lead"] = a.lead;
  if (const Category* c = s.find(a.category_id)) o["category"] = {{"slug", c->slug}, {"name", c->name}};
  o["published_at"] = render::format_iso(a.published_at);
  o["updated_at"] = render::format_iso(a.updated_at);
  o["url"] = base + PublicPages::article_path(a.slug);
  return o;
}

}  // namespace

Response ArticleApi::list(const http::Request& r, const SiteContent& s) {
  std::int64_t page = 1;
  Id category_id = 0;
  std::string prefix = s.origin + "/api/v1/articles?";
  for (const auto& [k, v] : r.query) {
    if (k == "page") {
      auto n = parse_positive(v);
      if (!n) return http::json_error(400, "invalid_page", "Tham số page phải là số nguyên dương không quá 1000000.");
      page = *n;
    } else if (k == "category") {
      const Category* c = s.find(v);
      if (!c) return http::json_error(404, "unknown_category", "Không có chuyên mục này.");
      category_id = c->id;
      prefix += "category=" + http::url_encode(c->slug) + "&";
    }
  }
  ArticleList list = content_.list(s, category_id, page);
  json::array data;
  for (const auto& a : list.items) data.push_back(summary_json(a, s, s.origin));
  return http::page_response(std::move(data), page, kPageSize, list.total, prefix + "page=");
}

Response ArticleApi::categories(const SiteContent& s) {
  json::array data;
  for (const Category& c : s.categories) {
    if (c.hidden) continue;
    const Category* parent = c.parent_id ? s.find(c.parent_id) : nullptr;
    bool news = c.link.empty();  // a linked entry has no articles, feed or page of its own
    std::string url = PublicPages::category_url(c);
    if (url.starts_with("/")) url = s.origin + url;
    data.push_back(json::object{
        {"id", c.id},
        {"slug", c.slug},
        {"name", c.name},
        {"description", c.description},
        {"parent", parent ? json::value(parent->slug) : json::value(nullptr)},
        {"link", news ? json::value(nullptr) : json::value(c.link)},
        {"url", url},
        {"rss", news ? json::value(s.origin + "/rss/" + c.slug + ".xml") : json::value(nullptr)},
        {"articles", news ? json::value(s.origin + "/api/v1/articles?category=" + http::url_encode(c.slug))
                          : json::value(nullptr)}});
  }
  return http::json_response(200, json::object{{"data", std::move(data)}});
}

Response ArticleApi::sites() {
  auto all = content_.sites();
  json::array data;
  for (const auto& s : all) {
    if (s->site.disabled) continue;
    const SiteContent* parent = nullptr;
    for (const auto& p : all)
      if (p->site.id == s->site.parent_id && !p->site.disabled) parent = p.get();
    data.push_back(json::object{{"id", s->site.id},
                                {"slug", s->site.slug},
                                {"name", s->site.name},
                                {"kind", s->site.kind.empty() ? json::value(nullptr) : json::value(s->site.kind)},
                                {"parent", parent ? json::value(parent->site.slug) : json::value(nullptr)},
                                {"url", s->origin + "/"}});
  }
  return http::json_response(200, json::object{{"data", std::move(data)}});
}

Response ArticleApi::get(const SiteContent& s, std::string_view id_text) {
  auto id = parse_positive(id_text, std::numeric_limits<std::int64_t>::max() / 10);
  if (!id) return http::json_error(400, "invalid_id", "Mã bài viết phải là số nguyên dương.");
  auto a = content_.article_by_id(s, *id);
  if (!a) {
    if (a.status().code() == Code::gone) return http::json_error(410, "gone", "Bài viết đã được gỡ bỏ.");
    return http::json_error(404, "not_found", "Không có bài viết này.");
  }
  ArticleSummary sum{a->id, a->category_id, a->title, a->slug, a->lead, a->cover_media_id, a->published_at, a->updated_at};
  json::object o = summary_json(sum, s, s.origin);
  o["body_html"] = a->body_html;
  o["source"] = a->source;
  o["author"] = a->author;
  if (a->cover_media_id)
    if (auto m = content_.media(s.site.id, a->cover_media_id))
      o["cover"] = {{"url", s.origin + "/media/" + http::url_encode(m->file_name)},
                    {"caption", a->cover_caption},
                    {"width", m->width},
                    {"height", m->height}};
  o["rating"] = {{"points", a->rating.points}, {"count", a->rating.count}};
  return http::json_response(200, json::object{{"data", std::move(o)}});
}

Response ArticleApi::search(const http::Request& r, const SiteContent& s) {
  std::string text(r.param("q").value_or(""));
  ParsedSearch q = parse_search(text);
  if (q.text.empty()) return http::json_error(400, "invalid_query", "Tham số q cần có ít nhất một chữ hoặc số.");
  std::int64_t page = 1;
  if (auto p = r.param("page")) {
    auto n = parse_positive(*p, 1000);
    if (!n) return http::json_error(400, "invalid_page", "Tham số page phải là số nguyên dương không quá 1000.");
    page = *n;
  }
  // A province's search covers its sub-portals; site=SLUG keeps to one of them.
  std::string chosen(r.param("site").value_or(""));
  auto scope = content_.search_scope(s, chosen);
  if (!scope) return http::json_error(404, "unknown_site", "Không có cổng thành phần " + chosen.substr(0, 80) + ".");
  // News shared to this site is found here too (not when a sub-portal is chosen).
  bool with_shared = !scope->only || scope->only == &s;
  auto found = content_.search(s, q.text, 0, 0, 0, false, page, scope->ids(), with_shared);
  if (!found) return http::json_error(400, "invalid_query", "Không tìm được với từ khoá này.");
  json::array items;
  for (const auto& hit : found->items) {
    // A shared article: its address here, and the site it belongs to.
    auto origin = hit.shared ? content_.site_by_id(hit.site_id) : nullptr;
    const SiteContent& home = origin ? *origin : scope->site_of(hit.site_id);
    std::string url = hit.shared ? s.origin + PublicPages::shared_path(hit.article.slug)
                                 : home.origin + PublicPages::article_path(hit.article.slug);
    items.push_back(json::object{{"id", hit.article.id},
                                 {"title", hit.article.title},
                                 {"url", std::move(url)},
                                 {"site", home.site.slug},
                                 {"snippet", search_snippet(hit.text, q)}});
  }
  json::array sites;
  for (const auto& [id, n] : found->per_site) {
    const SiteContent& x = scope->site_of(id);
    sites.push_back(json::object{{"slug", x.site.slug}, {"name", x.site.name}, {"count", n}});
  }
  // The envelope of every list; the total is counted up to the search's window (capped) and,
  // across a province, the hits per site are added.
  json::object more{{"capped", found->capped}};
  if (!found->per_site.empty()) more["sites"] = std::move(sites);
  std::string base = s.origin + "/api/v1/search?q=" + http::url_encode(text);
  if (scope->only) base += "&site=" + scope->only->site.slug;
  return http::page_response(std::move(items), page, kPageSize, found->total, base + "&page=", std::move(more));
}

extern const char kOpenApiJson[];  // generated from openapi.json

Response ArticleApi::openapi() const {
  static const auto entity = [] {
    auto e = http::make_entity("application/json; charset=utf-8", kOpenApiJson, http::Compression::best);
    e->precompress();
    return e;
  }();
  return Response::with(200, entity);
}

void ArticleApi::add_routes(Routes& routes) {
  using http::Params;
  routes.page(http::Method::get, "/api/v1/search",
              [this](const PageContext& c, const Params&) { return search(c.request, *c.site); }, Cost::expensive);
  routes.cached("/api/v1/articles", [this](const PageContext& c, const Params&) { return list(c.request, *c.site); },
                {.reads = [](const PageContext& c) {
                   http::Fields f;
                   read_page(c.request, "page", f);
                   if (auto v = c.request.param("category"))
                     f.emplace_back("category", c.site->find(*v) ? std::string(*v) : "?");
                   return f;
                 },
                 .counted = Counted::api});
  routes.cached("/api/v1/sites", [this](const PageContext&, const Params&) { return sites(); }, {.counted = Counted::api});
  routes.cached("/api/v1/categories", [this](const PageContext& c, const Params&) { return categories(*c.site); },
                {.counted = Counted::api});
  routes.cached("/api/v1/articles/{id}", [this](const PageContext& c, const Params& p) { return get(*c.site, p["id"]); },
                {.counted = Counted::api});
}

}  // namespace portico::content
