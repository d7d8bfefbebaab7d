// The widgets' public pages and JSON API: rating and voting (forms and API), poll
// results, links, the video page, the saved article, visit statistics.
#include <boost/json.hpp>
#include "content/routes.h"

#include <algorithm>

#include "content/api.h"
#include "http/json.h"
#include "render/vn_time.h"
#include "widgets/widgets.h"

namespace portico::widgets {

namespace json = boost::json;
using http::Request;
using http::Response;
using render::Data;
using render::List;
using render::put;

namespace {

std::optional<Id> parse_id(std::string_view s) { return content::parse_positive(s, 1'000'000'000'000); }

json::object poll_json(const Poll& p, const content::SiteContent& s) {
  json::array options;
  for (const auto& o : p.options) options.push_back(json::object{{"id", o.id}, {"label", o.label}, {"votes", o.votes}});
  json::value category = nullptr;
  if (const Category* c = p.category_id ? s.find(p.category_id) : nullptr) category = c->slug;
  return json::object{{"id", p.id},
                      {"question", p.question},
                      {"multiple", p.multiple},
                      {"opens_at", render::format_iso(p.opens_at)},
                      {"closes_at", render::format_iso(p.closes_at)},
                      {"category", category},
                      {"voters", p.voters},
                      {"options", std::move(options)}};
}

}  // namespace

Widgets::Outcome Widgets::rate(const content::SiteContent& s, const Article& a, const VisitorId& v, int stars,
                               RatingTotals& totals) {
  if (stars < 1 || stars > 5) return {400, "invalid_stars", "Số sao phải là số nguyên từ 1 đến 5."};
  auto t = store_.add_rating(s.site.id, a.id, v.id, stars, {}, clock_.now());
  if (!t) {
    if (t.status().code() == Code::conflict) return {409, "already_rated", "Bạn đã đánh giá bài viết này rồi."};
    return {503, "unavailable", "Chưa ghi được đánh giá. Vui lòng thử lại sau."};
  }
  totals = *t;
  ratings_written_.fetch_add(1, std::memory_order_relaxed);
  // The rater sees the new totals at once, on the page and in the API; others within a second.
  changed(s.site.id, content::PublicPages::article_path(a.slug));
  changed(s.site.id, "/api/v1/articles/" + std::to_string(a.id));
  return {};
}

Widgets::Outcome Widgets::vote(const content::SiteContent& s, Id poll_id, const VisitorId& v,
                               const std::vector<Id>& chosen, Poll& result) {
  auto p = store_.poll(s.site.id, poll_id);
  if (!p) return {404, "not_found", "Không có cuộc bình chọn này."};
  std::int64_t now = clock_.now();
  if (now < p->opens_at) return {409, "poll_not_open", "Cuộc bình chọn chưa bắt đầu."};
  if (now >= p->closes_at) return {409, "poll_closed", "Cuộc bình chọn đã kết thúc."};
  std::vector<Id> options = chosen;
  std::sort(options.begin(), options.end());
  options.erase(std::unique(options.begin(), options.end()), options.end());
  if (options.empty()) return {400, "no_option", "Vui lòng chọn một phương án."};
  if (!p->multiple && options.size() > 1) return {400, "single_choice", "Cuộc bình chọn này chỉ cho chọn một phương án."};
  for (Id o : options)
    if (std::none_of(p->options.begin(), p->options.end(), [&](const PollOption& x) { return x.id == o; }))
      return {400, "unknown_option", "Phương án không thuộc cuộc bình chọn này."};
  auto done = store_.add_vote(s.site.id, poll_id, v.id, options, {}, now);
  if (!done) {
    if (done.status().code() == Code::conflict) return {409, "already_voted", "Bạn đã tham gia cuộc bình chọn này rồi."};
    if (done.status().code() == Code::invalid) return {400, "unknown_option", "Phương án không thuộc cuộc bình chọn này."};
    if (done.status().code() == Code::not_found) return {404, "not_found", "Không có cuộc bình chọn này."};
    return {503, "unavailable", "Chưa ghi được phiếu bình chọn. Vui lòng thử lại sau."};
  }
  result = std::move(*done);
  votes_written_.fetch_add(1, std::memory_order_relaxed);
  return {};
}

void Widgets::add_visitor_cookie(Response& res, const VisitorId& v, const Request& r) const {
  if (!v.fresh) return;
  res.headers.emplace_back("Set-Cookie", "khach=" + v.id + "; Path=/; Max-Age=63072000; HttpOnly; SameSite=Lax" +
                                             (options_.secure_cookies || r.secure ? "; Secure" : ""));
}

Response Widgets::form_failure(const content::PageContext& c, const Outcome& o) {
  return pages_.error(c, o.status, o.message);
}

Response Widgets::api_failure(const Outcome& o) { return http::json_error(o.status, o.code, o.message); }

Response Widgets::rate_form(const content::PageContext& c, std::string_view slug) {
  auto a = content_.article(*c.site, slug);
  if (!a) return pages_.error(c, a.status().code() == Code::gone ? 410 : 404);
  http::Fields form;
  if (!http::parse_form(c.request.body, form)) return pages_.error(c, 400, "Dữ liệu biểu mẫu không hợp lệ.");
  int stars = 0;
  for (const auto& [k, v] : form)
    if (k == "sao") stars = static_cast<int>(content::parse_positive(v, 5).value_or(0));
  if (!stars) return pages_.error(c, 400, "Vui lòng chọn từ 1 đến 5 sao.");
  VisitorId v = visitor_of(c.request);
  RatingTotals t;
  if (auto o = rate(*c.site, *a, v, stars, t); o.status) return form_failure(c, o);
  auto res = Response::redirect(content::PublicPages::article_path(a->slug) + "?danh-gia=cam-on#danh-gia");
  add_visitor_cookie(res, v, c.request);
  return res;
}

Response Widgets::vote_form(const content::PageContext& c, std::string_view id_text) {
  auto id = parse_id(id_text);
  if (!id) return pages_.error(c, 404);
  http::Fields form;
  if (!http::parse_form(c.request.body, form)) return pages_.error(c, 400, "Dữ liệu biểu mẫu không hợp lệ.");
  std::vector<Id> chosen;
  for (const auto& [k, v] : form) {
    if (k != "lua-chon") continue;
    auto o = parse_id(v);
    if (!o) return pages_.error(c, 400, "Phương án không hợp lệ.");
    chosen.push_back(*o);
  }
  if (chosen.size() > 100) return pages_.error(c, 400, "Phương án không hợp lệ.");
  VisitorId v = visitor_of(c.request);
  Poll p;
  if (auto o = vote(*c.site, *id, v, chosen, p); o.status) return form_failure(c, o);
  auto res = Response::redirect("/binh-chon/" + std::to_string(*id) + "?da-binh-chon=1");
  add_visitor_cookie(res, v, c.request);
  return res;
}

Response Widgets::poll_page(const content::PageContext& c, std::string_view id_text) {
  auto id = parse_id(id_text);
  if (!id) return pages_.error(c, 404);
  auto p = store_.poll(c.site->site.id, *id);
  std::int64_t now = clock_.now();
  if (!p || now < p->opens_at) return pages_.error(c, 404);
  Data d = poll_data(*p, false);
  put(d, "thanks", c.request.param("da-binh-chon").has_value());
  put(d, "open", now < p->closes_at);
  put(d, "opens", render::format_datetime(p->opens_at));
  return pages_.custom(c, "Kết quả bình chọn: " + p->question, p->question, "poll", std::move(d), 200, "no-store");
}

Response Widgets::link(const content::PageContext& c, std::string_view id_text) {
  auto id = parse_id(id_text);
  if (!id && id_text.empty())
    if (auto q = c.request.param("id")) id = parse_id(*q);
  if (!id) return pages_.error(c, id_text.empty() ? 400 : 404, "Vui lòng chọn một website liên kết.");
  for (const auto& l : need(store_.links(c.site->site.id)))
    if (l.id == *id) return Response::redirect(l.url, 303);
  return pages_.error(c, 404);
}

Response Widgets::video_page(const content::PageContext& c, std::string_view id_text) {
  auto id = parse_id(id_text);
  if (!id) return pages_.error(c, 404);
  auto v = store_.video(c.site->site.id, *id);
  if (!v) return pages_.error(c, 404);
  auto videos = need(store_.videos(c.site->site.id, 11));  // the others: up to ten
  Data d;
  put(d, "title", v->title);
  put(d, "page_url", "/video/" + std::to_string(v->id));
  if (!v->file_name.empty()) {
    put(d, "src", "/media/" + http::url_encode(v->file_name));
    put(d, "mime", v->mime);
    if (!v->captions_file.empty()) put(d, "captions", "/media/" + http::url_encode(v->captions_file));
  } else {
    put(d, "embed", v->embed_url);
  }
  put(d, "date", render::format_datetime(v->created_at));
  put(d, "date_iso", render::format_iso(v->created_at));
  List others;
  for (const auto& o : videos) {
    if (o.id == v->id || others.size() >= 10) continue;
    Data x;
    put(x, "title", o.title);
    put(x, "url", "/video/" + std::to_string(o.id));
    others.push_back(x);
  }
  put(d, "has_others", !others.empty());
  d.set("others", others);
  return pages_.custom(c, v->title, "Chương trình truyền hình: " + v->title, "video", std::move(d));
}

Response Widgets::save_article(const content::PageContext& c, std::string_view slug) {
  auto a = content_.article(*c.site, slug);
  if (!a) return pages_.error(c, a.status().code() == Code::gone ? 410 : 404);
  Data d;
  put(d, "title", a->title);
  put(d, "lead", a->lead);
  put(d, "body_html", a->body_html);
  put(d, "date", render::format_datetime(a->published_at));
  put(d, "source", a->source);
  put(d, "author", a->author);
  put(d, "url", c.site->origin + content::PublicPages::article_path(a->slug));
  put(d, "site", c.site->site.portal_title + " " + c.site->site.name);
  // Images keep working offline only when they are absolute: every "/media/…" that starts
  // an attribute value (src, srcset) or a later srcset entry gets the portal's address.
  std::string html = templates_.render("article_saved", std::move(d));
  for (std::size_t at = 0; (at = html.find("/media/", at)) != std::string::npos; at += 7)
    if (at > 0 && (html[at - 1] == '"' || (at > 1 && html[at - 1] == ' ' && html[at - 2] == ','))) {
      html.insert(at, c.site->origin);
      at += c.site->origin.size();
    }
  auto res = Response::with(200, http::make_entity("text/html; charset=utf-8", std::move(html), http::Compression::fast,
                                                   a->updated_at, "no-cache"));
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + a->slug + ".html\"");
  return res;
}

Response Widgets::api_rate(const content::PageContext& c, std::string_view id_text) {
  auto id = parse_id(id_text);
  if (!id) return http::json_error(400, "invalid_id", "Mã bài viết phải là số nguyên dương.");
  auto a = content_.article_by_id(*c.site, *id);
  if (!a) return http::json_error(404, "not_found", "Không có bài viết này.");
  boost::system::error_code ec;
  json::value body = json::parse(c.request.body, ec);
  if (ec || !body.is_object()) return http::json_error(400, "invalid_json", "Nội dung phải là một đối tượng JSON.");
  const json::value* stars = body.as_object().if_contains("stars");
  if (!stars || !stars->is_int64() || stars->as_int64() < 1 || stars->as_int64() > 5)
    return http::json_error(400, "invalid_stars", "Trường stars phải là số nguyên từ 1 đến 5.");
  VisitorId v = visitor_of(c.request);
  RatingTotals t;
  if (auto o = rate(*c.site, *a, v, static_cast<int>(stars->as_int64()), t); o.status) return api_failure(o);
  auto res = http::json_response(
      201, json::object{{"data", json::object{{"points", t.points}, {"count", t.count}}}}, "no-store");
  add_visitor_cookie(res, v, c.request);
  return res;
}

Response Widgets::api_polls(const content::PageContext& c) {
  json::array data;
  std::int64_t now = clock_.now();
  for (const auto& p : need(store_.polls(c.site->site.id)))
    if (p.opens_at <= now && now < p.closes_at) data.push_back(poll_json(p, *c.site));
  return http::json_response(200, json::object{{"data", std::move(data)}}, "no-cache");
}

Response Widgets::api_vote(const content::PageContext& c, std::string_view id_text) {
  auto id = parse_id(id_text);
  if (!id) return http::json_error(400, "invalid_id", "Mã cuộc bình chọn phải là số nguyên dương.");
  boost::system::error_code ec;
  json::value body = json::parse(c.request.body, ec);
  if (ec || !body.is_object()) return http::json_error(400, "invalid_json", "Nội dung phải là một đối tượng JSON.");
  std::vector<Id> chosen;
  const json::value* options = body.as_object().if_contains("options");
  if (!options || !options->is_array() || options->as_array().size() > 100)
    return http::json_error(400, "invalid_options", "Trường options phải là danh sách mã phương án.");
  for (const auto& o : options->as_array()) {
    if (!o.is_int64() || o.as_int64() < 1)
      return http::json_error(400, "invalid_options", "Trường options phải là danh sách mã phương án.");
    chosen.push_back(o.as_int64());
  }
  VisitorId v = visitor_of(c.request);
  Poll p;
  if (auto o = vote(*c.site, *id, v, chosen, p); o.status) return api_failure(o);
  auto res = http::json_response(201, json::object{{"data", poll_json(p, *c.site)}}, "no-store");
  add_visitor_cookie(res, v, c.request);
  return res;
}

Response Widgets::api_visits(const content::PageContext& c) {
  VisitStats v = visits_.stats(c.site->site.id);
  json::object stats{{"online", v.online}, {"today", v.today}, {"yesterday", v.yesterday},
                     {"this_month", v.this_month}, {"total", v.total}};
  return http::json_response(200, json::object{{"data", std::move(stats)}}, "no-store");
}

void Widgets::add_routes(content::Routes& routes) {
  using content::PageContext;
  using http::Method;
  using http::Params;
  // Ratings and votes share one budget per address.
  content::Budget votes{&votes_limit_, "Bạn đã gửi quá nhiều lượt đánh giá và bình chọn trong thời gian ngắn."};
  routes.write(Method::post, "/bai-viet/{slug}/danh-gia", [this](const PageContext& c, const Params& p) { return rate_form(c, p["slug"]); },
               votes);
  routes.page(Method::get, "/bai-viet/{slug}/luu", [this](const PageContext& c, const Params& p) { return save_article(c, p["slug"]); });
  routes.cached("/binh-chon/{id}", [this](const PageContext& c, const Params& p) { return poll_page(c, p["id"]); },
                {.personal = "da-binh-chon"});
  routes.write(Method::post, "/binh-chon/{id}", [this](const PageContext& c, const Params& p) { return vote_form(c, p["id"]); },
               votes);
  routes.page(Method::get, "/lien-ket", [this](const PageContext& c, const Params&) { return link(c, ""); });
  routes.page(Method::get, "/lien-ket/{id}", [this](const PageContext& c, const Params& p) { return link(c, p["id"]); });
  routes.cached("/video/{id}", [this](const PageContext& c, const Params& p) { return video_page(c, p["id"]); });
  routes.write(Method::post, "/api/v1/articles/{id}/ratings", [this](const PageContext& c, const Params& p) { return api_rate(c, p["id"]); },
               votes);
  routes.page(Method::get, "/api/v1/polls", [this](const PageContext& c, const Params&) { return api_polls(c); });
  routes.write(Method::post, "/api/v1/polls/{id}/votes", [this](const PageContext& c, const Params& p) { return api_vote(c, p["id"]); },
               votes);
  routes.page(Method::get, "/api/v1/stats/visits", [this](const PageContext& c, const Params&) { return api_visits(c); });
}

}  // namespace portico::widgets
