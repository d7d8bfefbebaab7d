// Newsroom API handlers on Boost.JSON.
#include "newsroom/newsroom_api.h"

#include <boost/json.hpp>

#include "content/api.h"
#include "http/json.h"
#include "content/content_service.h"
#include "content/pages.h"
#include "render/vn_time.h"

namespace portico::newsroom {

namespace json = boost::json;
using http::Response;

namespace {

// Strict reading of the request body: an object, known fields of the right types.
struct Body {
  json::object obj;
  std::string error;  // empty when fine
  std::string text(const char* key) const {
    auto* v = obj.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  }
  std::int64_t number(const char* key) const {
    auto* v = obj.if_contains(key);
    if (!v) return 0;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() < (1ull << 62)) return static_cast<std::int64_t>(v->as_uint64());
    return -1;
  }
};

Body parse_body(const http::Request& r) {
  Body b;
  if (r.body.empty()) return b;
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);  // rejects invalid UTF-8
  if (ec || !v.is_object()) {
    b.error = "Nội dung gửi lên phải là một đối tượng JSON hợp lệ.";
    return b;
  }
  b.obj = std::move(v.as_object());
  for (const auto& [k, val] : b.obj) {
    bool text = k == "title" || k == "lead" || k == "body_html" || k == "source" || k == "author" || k == "comment" ||
                k == "reason" || k == "publish_at" || k == "genre";
    bool number = k == "category_id" || k == "version";
    if (text && !val.is_string()) b.error = "Trường " + std::string(k) + " phải là chuỗi.";
    else if (number && !val.is_int64() && !val.is_uint64()) b.error = "Trường " + std::string(k) + " phải là số nguyên.";
    // Read-only fields of the article as returned may come back: they are ignored.
    bool read_only = k == "id" || k == "slug" || k == "status" || k == "published_at" || k == "updated_at" ||
                     k == "workflow_note" || k == "url";
    if (!b.error.empty()) break;
    if (k == "featured" && !val.is_bool()) b.error = "Trường featured phải là true hoặc false.";
    else if (!text && !number && !read_only && k != "featured") b.error = "Không biết trường " + std::string(k) + ".";
    if (!b.error.empty()) break;
  }
  return b;
}

const char* status_name(ArticleStatus s) { return to_string(s); }

}  // namespace

Response NewsroomApi::failure(const Status& st) {
  switch (st.code()) {
    case Code::forbidden: return http::json_error(403, "forbidden", "Tài khoản không có quyền thực hiện thao tác này.");
    case Code::not_found: return http::json_error(404, "not_found", "Không có bài viết này.");
    case Code::conflict: return http::json_error(409, "conflict", "Bài viết đã được người khác thay đổi; hãy tải lại phiên bản mới.");
    case Code::invalid: return http::json_error(422, "invalid", st.message());
    default: return http::json_error(500, "error", "Lỗi máy chủ.");
  }
}

Response NewsroomApi::unauthorized() {
  auto res = http::json_error(401, "unauthorized", "Cần khoá API hợp lệ (Authorization: Bearer …).");
  res.headers.emplace_back("WWW-Authenticate", "Bearer");
  return res;
}

Result<SignedIn> NewsroomApi::caller(const http::Request& r, Id site_id) {
  std::string_view auth = r.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.substr(0, kBearer.size()) != kBearer) return Status::error(Code::not_found, "");
  return newsroom_.authenticate_token(site_id, auth.substr(kBearer.size()));
}

Response NewsroomApi::article_json(int status, const Article& a, const std::string& origin) {
  json::object o{{"id", a.id},
                 {"title", a.title},
                 {"slug", a.slug},
                 {"lead", a.lead},
                 {"body_html", a.body_html},
                 {"category_id", a.category_id},
                 {"source", a.source},
                 {"author", a.author},
                 {"featured", a.is_featured},
                 {"status", status_name(a.status)},
                 {"version", a.version},
                 {"workflow_note", a.workflow_note},
                 {"genre", a.genre},
                 {"updated_at", render::format_iso(a.updated_at)}};
  o["published_at"] = a.published_at ? json::value(render::format_iso(a.published_at)) : json::value(nullptr);
  if (a.status == ArticleStatus::published) o["url"] = origin + "/bai-viet/" + a.slug;
  return http::json_response(status, json::object{{"data", std::move(o)}}, "no-store");
}

Response NewsroomApi::list(const content::PageContext& c, const SignedIn& who) {
  const http::Request& r = c.request;
  ArticleStatus st = ArticleStatus::draft;
  if (auto p = r.param("status")) {
    auto parsed = parse_article_status(*p);
    if (!parsed) return http::json_error(400, "invalid_status", "status phải là draft, pending, published hoặc taken_down.");
    st = *parsed;
  }
  json::array data;
  for (const auto& a : need(newsroom_.list(who, st, 100)))
    data.push_back(json::object{{"id", a.id}, {"title", a.title}, {"slug", a.slug}, {"updated_at", render::format_iso(a.updated_at)}});
  return http::json_response(200, json::object{{"data", std::move(data)}}, "no-store");
}

Response NewsroomApi::create(const content::PageContext& c, const SignedIn& who) {
  const http::Request& r = c.request;
  Body b = parse_body(r);
  if (!b.error.empty()) return http::json_error(400, "bad_request", b.error);
  ArticleDraft d{0, 0, b.number("category_id"), b.text("title"), b.text("lead"), b.text("body_html"), b.text("source"),
                 b.text("author"), false};
  if (auto* f = b.obj.if_contains("featured"); f && f->is_bool()) d.featured = f->as_bool();
  if (b.obj.contains("genre")) d.genre = b.text("genre");
  auto a = newsroom_.save(who, std::move(d), r.remote);
  if (!a) return failure(a.status());
  auto res = article_json(201, *a, c.site->origin);
  res.headers.emplace_back("Location", "/api/v1/newsroom/articles/" + std::to_string(a->id));
  return res;
}

Response NewsroomApi::get(const content::PageContext& c, const SignedIn& who, std::string_view id_text) {
  auto id = content::parse_positive(id_text, 1'000'000'000'000);
  if (!id) return http::json_error(400, "invalid_id", "Mã bài viết phải là số nguyên dương.");
  auto a = newsroom_.article(who, *id);
  if (!a) return failure(a.status());
  return article_json(200, *a, c.site->origin);
}

Response NewsroomApi::update(const content::PageContext& c, const SignedIn& who, std::string_view id_text) {
  const http::Request& r = c.request;
  auto id = content::parse_positive(id_text, 1'000'000'000'000);
  if (!id) return http::json_error(400, "invalid_id", "Mã bài viết phải là số nguyên dương.");
  Body b = parse_body(r);
  if (!b.error.empty()) return http::json_error(400, "bad_request", b.error);
  if (b.number("version") <= 0) return http::json_error(422, "invalid", "Cần trường version: phiên bản bạn đã đọc.");
  ArticleDraft d{*id, static_cast<int>(b.number("version")), b.number("category_id"), b.text("title"), b.text("lead"),
                 b.text("body_html"), b.text("source"), b.text("author"), false};
  if (auto* f = b.obj.if_contains("featured"); f && f->is_bool()) d.featured = f->as_bool();
  if (b.obj.contains("genre")) d.genre = b.text("genre");
  auto a = newsroom_.save(who, std::move(d), r.remote);
  if (!a) return failure(a.status());
  return article_json(200, *a, c.site->origin);
}

Response NewsroomApi::act(const content::PageContext& c, const SignedIn& who, std::string_view id_text, std::string_view action) {
  const http::Request& r = c.request;
  auto id = content::parse_positive(id_text, 1'000'000'000'000);
  if (!id) return http::json_error(400, "invalid_id", "Mã bài viết phải là số nguyên dương.");
  Body b = parse_body(r);
  if (!b.error.empty()) return http::json_error(400, "bad_request", b.error);
  auto kind = workflow_step_named(action, true);
  if (!kind) return http::json_error(404, "not_found", "Không có thao tác này.");
  WorkflowStep step{*kind};
  step.version = static_cast<int>(std::max<std::int64_t>(0, b.number("version")));
  if (std::string when = b.text("publish_at"); *kind == WorkflowStep::Kind::publish && !when.empty()) {
    step.publish_at = render::parse_local_datetime(when);
    if (step.publish_at < 0) return http::json_error(422, "invalid", "publish_at có dạng YYYY-MM-DDTHH:MM, giờ Hà Nội.");
  }
  step.reason = b.text(*kind == WorkflowStep::Kind::send_back ? "comment" : "reason");
  auto a = newsroom_.advance(who, *id, step, r.remote);
  if (!a) return failure(a.status());
  return article_json(200, *a, c.site->origin);
}

}  // namespace portico::newsroom
