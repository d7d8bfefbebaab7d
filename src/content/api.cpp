// Article API handlers and the OpenAPI description that documents them.
#include "content/api.h"

#include <boost/json.hpp>

#include "content/pages.h"
#include "content/search.h"
#include "text/html.h"
#include "render/vn_time.h"

namespace portico::content {

namespace json = boost::json;
using http::Response;

namespace {

Response json_response(int status, const json::value& v) {
  return Response::with(status, http::make_entity("application/json; charset=utf-8", json::serialize(v)));
}

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

Response ArticleApi::error(int status, std::string_view code, std::string_view message) {
  json::object e{{"code", code}, {"message", message}};
  return json_response(status, json::object{{"error", e}});
}

Response ArticleApi::list(const http::Request& r, const SiteContent& s) {
  std::int64_t page = 1;
  Id category_id = 0;
  for (const auto& [k, v] : r.query) {
    if (k == "page") {
      auto n = parse_positive(v);
      if (!n) return error(400, "invalid_page", "Tham số page phải là số nguyên dương không quá 1000000.");
      page = *n;
    } else if (k == "category") {
      const Category* c = s.find(v);
      if (!c) return error(404, "unknown_category", "Không có chuyên mục này.");
      category_id = c->id;
    }
  }
  ArticleList list = content_.list(s, category_id, page);
  std::int64_t pages = std::max<std::int64_t>(1, (list.total + kPageSize - 1) / kPageSize);
  if (page > pages) return error(404, "page_out_of_range", "Số trang vượt quá số trang hiện có.");
  json::array data;
  for (const auto& a : list.items) data.push_back(summary_json(a, s, base_url_));
  json::object meta{{"page", page}, {"per_page", kPageSize}, {"total", list.total}, {"total_pages", pages}};
  return json_response(200, json::object{{"data", std::move(data)}, {"meta", std::move(meta)}});
}

Response ArticleApi::get(const SiteContent& s, std::string_view id_text) {
  auto id = parse_positive(id_text, std::numeric_limits<std::int64_t>::max() / 10);
  if (!id) return error(400, "invalid_id", "Mã bài viết phải là số nguyên dương.");
  auto a = content_.article_by_id(s, *id);
  if (!a) {
    if (a.status().code() == Code::gone) return error(410, "gone", "Bài viết đã được gỡ bỏ.");
    return error(404, "not_found", "Không có bài viết này.");
  }
  ArticleSummary sum{a->id, a->category_id, a->title, a->slug, a->lead, a->cover_media_id, a->published_at, a->updated_at};
  json::object o = summary_json(sum, s, base_url_);
  o["body_html"] = a->body_html;
  o["source"] = a->source;
  o["author"] = a->author;
  if (a->cover_media_id)
    if (auto m = content_.media(s.site.id, a->cover_media_id))
      o["cover"] = {{"url", base_url_ + "/media/" + http::url_encode(m->file_name)},
                    {"caption", a->cover_caption},
                    {"width", m->width},
                    {"height", m->height}};
  RatingTotals t = content_.rating_totals(s.site.id, a->id);
  o["rating"] = {{"points", t.points}, {"count", t.count}};
  return json_response(200, json::object{{"data", std::move(o)}});
}

Response ArticleApi::search(const http::Request& r, const SiteContent& s) {
  std::string text(r.param("q").value_or(""));
  ParsedSearch q = parse_search(text);
  if (q.items.empty()) return error(400, "invalid_query", "Tham số q cần có ít nhất một chữ hoặc số.");
  std::int64_t page = 1;
  if (auto p = r.param("page")) {
    auto n = parse_positive(*p, 1000);
    if (!n) return error(400, "invalid_page", "Tham số page phải là số nguyên dương không quá 1000.");
    page = *n;
  }
  auto found = content_.search(s, q.match, 0, 0, 0, false, page);
  if (!found) return error(400, "invalid_query", "Không tìm được với từ khoá này.");
  json::array items;
  for (const auto& hit : found->items)
    items.push_back(json::object{{"id", hit.article.id},
                                 {"title", hit.article.title},
                                 {"url", base_url_ + PublicPages::article_path(hit.article.slug)},
                                 {"snippet", search_snippet(hit.article.lead + "\n" + text::html_to_text(hit.body_html), q)}});
  return json_response(200, json::object{{"items", std::move(items)}, {"total", found->total}, {"capped", found->capped}});
}

Response ArticleApi::openapi() const {
  static const char* kSpec = R"JSON({
  "openapi": "3.1.0",
  "info": {"title": "Portico API", "version": "1.0.0",
           "description": "Dữ liệu mở của cổng thông tin điện tử: bài viết đã xuất bản."},
  "paths": {
    "/healthz": {"get": {"summary": "Tình trạng máy chủ", "responses": {"200": {"description": "Máy chủ đang hoạt động",
      "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"type": "string"}}}}}}}}},
    "/api/v1/articles": {"get": {
      "summary": "Danh sách bài viết đã xuất bản, mới nhất trước",
      "parameters": [
        {"name": "category", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Slug của chuyên mục"},
        {"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 1000000}}
      ],
      "responses": {
        "200": {"description": "Một trang bài viết", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ArticleList"}}}},
        "400": {"$ref": "#/components/responses/Error"},
        "404": {"$ref": "#/components/responses/Error"}
      }}},
    "/api/v1/articles/{id}": {"get": {
      "summary": "Một bài viết",
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
      "responses": {
        "200": {"description": "Bài viết", "content": {"application/json": {"schema": {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/Article"}}}}}},
        "400": {"$ref": "#/components/responses/Error"},
        "404": {"$ref": "#/components/responses/Error"},
        "410": {"$ref": "#/components/responses/Error"}
      }}},
    "/api/v1/articles/{id}/ratings": {"post": {
      "summary": "Đánh giá một bài viết (1 đến 5 sao); mỗi người đọc một lần (cookie khach)",
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["stars"],
        "properties": {"stars": {"type": "integer", "minimum": 1, "maximum": 5}}}}}},
      "responses": {
        "201": {"description": "Tổng điểm mới", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Rating"}}}},
        "400": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
        "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"},
        "429": {"$ref": "#/components/responses/Error"}
      }}},
    "/api/v1/search": {"get": {
      "summary": "Tìm bài viết đã xuất bản: có dấu hay không dấu, \"cụm từ\", tiền tố*",
      "parameters": [
        {"name": "q", "in": "query", "required": true, "schema": {"type": "string", "maxLength": 300}},
        {"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}
      ],
      "responses": {
        "200": {"description": "Kết quả, liên quan nhất trước", "content": {"application/json": {"schema": {"type": "object",
          "required": ["items", "total"], "properties": {"total": {"type": "integer"},
          "capped": {"type": "boolean", "description": "Quá nhiều kết quả: chỉ 500 bài mới nhất được xếp hạng"},
          "items": {"type": "array", "items": {
            "type": "object", "required": ["id", "title", "url", "snippet"], "properties": {"id": {"type": "integer"},
            "title": {"type": "string"}, "url": {"type": "string", "format": "uri"},
            "snippet": {"type": "string", "description": "HTML đã thoát, từ khớp nằm trong <mark>"}}}}}}}}},
        "400": {"$ref": "#/components/responses/Error"}
      }}},
    "/api/v1/polls": {"get": {"summary": "Các cuộc bình chọn đang mở",
      "responses": {"200": {"description": "Danh sách", "content": {"application/json": {"schema": {"type": "object",
        "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Poll"}}}}}}}}}},
    "/api/v1/polls/{id}/votes": {"post": {
      "summary": "Bình chọn; mỗi người đọc một lần (cookie khach)",
      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["options"],
        "properties": {"options": {"type": "array", "items": {"type": "integer", "minimum": 1}, "maxItems": 100}}}}}},
      "responses": {
        "201": {"description": "Kết quả mới", "content": {"application/json": {"schema": {"type": "object",
          "properties": {"data": {"$ref": "#/components/schemas/Poll"}}}}}},
        "400": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
        "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"},
        "429": {"$ref": "#/components/responses/Error"}
      }}},
    "/api/v1/stats/visits": {"get": {"summary": "Thống kê truy cập (lượt xem trang; ngày theo giờ Việt Nam)",
      "responses": {"200": {"description": "Số liệu", "content": {"application/json": {"schema": {"type": "object",
        "required": ["online", "today", "yesterday", "this_month", "total"], "properties": {
        "online": {"type": "integer", "description": "Người đọc khác nhau trong 5 phút qua"}, "today": {"type": "integer"},
        "yesterday": {"type": "integer"}, "this_month": {"type": "integer"}, "total": {"type": "integer"}}}}}}}}},
    "/api/v1/openapi.json": {"get": {"summary": "Mô tả OpenAPI này", "responses": {"200": {"description": "OpenAPI 3.1",
      "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    "/api/v1/newsroom/articles": {
      "get": {"summary": "Bài viết của toà soạn theo trạng thái", "security": [{"bearer": []}],
        "parameters": [{"name": "status", "in": "query", "schema": {"type": "string", "enum": ["draft", "pending", "published", "taken_down"]}}],
        "responses": {"200": {"description": "Danh sách"}, "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}}},
      "post": {"summary": "Tạo bài nháp", "security": [{"bearer": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ArticleInput"}}}},
        "responses": {"201": {"$ref": "#/components/responses/NewsroomArticle"}, "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/newsroom/articles/{id}": {
      "get": {"summary": "Một bài viết ở mọi trạng thái", "security": [{"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
        "responses": {"200": {"$ref": "#/components/responses/NewsroomArticle"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}},
      "put": {"summary": "Lưu nội dung (cần version đã đọc; 409 nếu người khác đã lưu)", "security": [{"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ArticleInput"}}}},
        "responses": {"200": {"$ref": "#/components/responses/NewsroomArticle"}, "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/newsroom/articles/{id}/{action}": {
      "post": {"summary": "Bước quy trình: submit, publish (publish_at tuỳ chọn, giờ Hà Nội), return (comment), take-down (reason)",
        "security": [{"bearer": []}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
                       {"name": "action", "in": "path", "required": true, "schema": {"type": "string", "enum": ["submit", "publish", "return", "take-down"]}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["version"], "properties": {
          "version": {"type": "integer"}, "publish_at": {"type": "string", "example": "2026-12-01T08:00"}, "comment": {"type": "string"}, "reason": {"type": "string"}}}}}},
        "responses": {"200": {"$ref": "#/components/responses/NewsroomArticle"}, "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
          "409": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}}
  },
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "Khoá tạo bằng: portico token create TÊN"}},
    "schemas": {
      "ArticleInput": {"type": "object", "properties": {"title": {"type": "string"}, "lead": {"type": "string"},
        "body_html": {"type": "string", "description": "Được làm sạch ở máy chủ"}, "category_id": {"type": "integer"},
        "source": {"type": "string"}, "author": {"type": "string"}, "featured": {"type": "boolean"}, "version": {"type": "integer"},
        "genre": {"type": "string", "description": "Mã thể loại tính nhuận bút, ví dụ tin, phong-su"}}},
      "NewsroomArticle": {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"},
        "slug": {"type": "string"}, "lead": {"type": "string"}, "body_html": {"type": "string"}, "category_id": {"type": "integer"},
        "status": {"type": "string", "enum": ["draft", "pending", "published", "taken_down"]}, "version": {"type": "integer"},
        "workflow_note": {"type": "string"}, "published_at": {"type": ["string", "null"], "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"}, "url": {"type": "string", "format": "uri"}}},
      "ArticleSummary": {"type": "object", "required": ["id", "title", "slug", "url", "published_at"], "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"}, "slug": {"type": "string"}, "lead": {"type": "string"},
        "category": {"type": "object", "properties": {"slug": {"type": "string"}, "name": {"type": "string"}}},
        "published_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "format": "uri"}}},
      "Article": {"allOf": [{"$ref": "#/components/schemas/ArticleSummary"}, {"type": "object", "properties": {
        "body_html": {"type": "string"}, "source": {"type": "string"}, "author": {"type": "string"},
        "rating": {"$ref": "#/components/schemas/Rating"},
        "cover": {"type": "object", "properties": {"url": {"type": "string"}, "caption": {"type": "string"},
                  "width": {"type": "integer"}, "height": {"type": "integer"}}}}}]},
      "ArticleList": {"type": "object", "properties": {
        "data": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleSummary"}},
        "meta": {"type": "object", "properties": {"page": {"type": "integer"}, "per_page": {"type": "integer"},
                 "total": {"type": "integer"}, "total_pages": {"type": "integer"}}}}},
      "Rating": {"type": "object", "required": ["points", "count"], "properties": {
        "points": {"type": "integer", "description": "Tổng số sao"}, "count": {"type": "integer", "description": "Số lượt đánh giá"}}},
      "Poll": {"type": "object", "properties": {"id": {"type": "integer"}, "question": {"type": "string"},
        "multiple": {"type": "boolean"}, "opens_at": {"type": "string", "format": "date-time"},
        "closes_at": {"type": "string", "format": "date-time"}, "category": {"type": ["string", "null"]},
        "voters": {"type": "integer"}, "options": {"type": "array", "items": {"type": "object", "properties": {
          "id": {"type": "integer"}, "label": {"type": "string"}, "votes": {"type": "integer"}}}}}},
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}}
    },
    "responses": {"Error": {"description": "Lỗi, với mã và thông báo tiếng Việt",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NewsroomArticle": {"description": "Bài viết", "content": {"application/json": {"schema": {"type": "object",
        "properties": {"data": {"$ref": "#/components/schemas/NewsroomArticle"}}}}}}}
  }
})JSON";
  static const auto entity = http::make_entity("application/json; charset=utf-8", kSpec, http::Compression::best);
  return Response::with(200, entity);
}

}  // namespace portico::content
