// Q&A's public pages and JSON API.
#include "gov/question_pages.h"
#include "content/routes.h"

#include <boost/json.hpp>

#include "http/json.h"

#include "content/api.h"
#include "http/multipart.h"
#include "render/vn_time.h"
#include "text/unicode.h"

namespace portico::gov {

namespace json = boost::json;
using http::json_response;
using http::Response;
using render::Data;
using render::List;
using render::put;

namespace {

// What the public may read of a question: never the sender.
Data public_question(const Question& q) {
  Data d;
  put(d, "id", std::to_string(q.id));
  put(d, "url", QuestionPages::path(q.id));
  put(d, "title", q.title);
  put(d, "topic", q.topic);
  put(d, "asked", render::format_date(q.created_at));
  put(d, "asked_iso", render::format_iso(q.created_at));
  if (q.published_at) {
    put(d, "published", render::format_date(q.published_at));
    put(d, "published_iso", render::format_iso(q.published_at));
  }
  put(d, "department", q.department);
  d.set("question", content::paragraphs(q.body));
  if (!q.answer.empty()) d.set("answer", content::paragraphs(q.answer));
  return d;
}

json::object question_json(const Question& q, const std::string& base) {
  return json::object{{"id", q.id},
                      {"title", q.title},
                      {"topic", q.topic},
                      {"question", q.body},
                      {"answer", q.answer},
                      {"department", q.department},
                      {"asked_at", render::format_iso(q.created_at)},
                      {"published_at", render::format_iso(q.published_at)},
                      {"url", base + QuestionPages::path(q.id)}};
}


Data topic_options(const std::vector<std::string>& topics, const std::string& chosen) {
  List l;
  for (const auto& t : topics) {
    Data o;
    put(o, "value", t);
    put(o, "selected", t == chosen);
    l.push_back(std::move(o));
  }
  return Data(std::move(l));
}

}  // namespace

Response QuestionPages::list(const content::PageContext& c) {
  const http::Request& r = c.request;
  std::string words(r.param("q").value_or(""));
  std::string topic(r.param("linh-vuc").value_or(""));
  std::int64_t page = 1;
  std::string message;
  if (auto p = r.param("trang")) {
    auto n = content::parse_positive(*p, 100000);
    if (!n) message = "Số trang không hợp lệ.";
    else page = *n;
  }
  QuestionList found;
  if (message.empty()) {
    auto l = questions_.published(c.site->site.id, words, topic, page);
    if (l) found = std::move(*l);
    else message = "Từ khoá cần có ít nhất một chữ hoặc số.";
  }
  std::int64_t pages = std::max<std::int64_t>(1, (found.total + Questions::kPageSize - 1) / Questions::kPageSize);
  if (message.empty() && page > pages) return pages_.error(c, 404);
  Data d;
  put(d, "q", words);
  put(d, "message", message);
  List topics;
  for (const auto& f : need(questions_.published_topics(c.site->site.id))) {
    Data o;
    put(o, "value", f.value);
    put(o, "label", f.value + " (" + render::group_digits(f.count) + ")");
    put(o, "selected", f.value == topic);
    topics.push_back(std::move(o));
  }
  d.set("topics", std::move(topics));
  List items;
  for (const auto& q : found.items) items.push_back(public_question(q));
  d.set("items", std::move(items));
  put(d, "none", message.empty() && found.items.empty());
  put(d, "total", render::group_digits(found.total));
  std::string base = kPath;
  char sep = '?';
  for (auto [name, v] : {std::pair<const char*, const std::string&>{"q", words}, {"linh-vuc", topic}})
    if (!v.empty()) {
      base += sep + std::string(name) + "=" + http::url_encode(v);
      sep = '&';
    }
  d.set("pagination", content::pagination_data(content::PublicPages::paginate(base, page, pages)));
  return pages_.custom(c, page > 1 ? "Hỏi đáp – Trang " + std::to_string(page) : "Hỏi đáp",
                       "Câu hỏi, góp ý của người dân và trả lời của cơ quan nhà nước.", "questions", std::move(d),
                       message.empty() ? 200 : 400);
}

Data QuestionPages::search_section(const content::PageContext& c, const std::string& words) {
  auto l = questions_.published(c.site->site.id, words, "", 1);
  if (!l || l->total == 0) return Data(false);
  Data d;
  put(d, "id", "hoi-dap");
  put(d, "heading", "Hỏi đáp");
  put(d, "count", render::group_digits(l->total));
  put(d, "all_url", std::string(kPath) + "?q=" + http::url_encode(words));
  List items;
  for (std::size_t i = 0; i < l->items.size() && i < 3; ++i) {
    const Question& q = l->items[i];
    Data x;
    put(x, "title", q.title);
    put(x, "url", path(q.id));
    put(x, "meta", q.topic + " · " + render::format_date(q.published_at));
    items.push_back(std::move(x));
  }
  d.set("items", std::move(items));
  return d;
}

Response QuestionPages::one(const content::PageContext& c, std::string_view id_text) {
  auto id = content::parse_positive(id_text, 1'000'000'000'000);
  if (!id) return pages_.error(c, 404);
  auto q = questions_.published_one(c.site->site.id, *id);
  if (!q) return pages_.error(c, 404);
  Data d = public_question(*q);
  std::vector<content::LinkView> crumbs{{"Trang chủ", "/", false}, {"Hỏi đáp", kPath, false}, {q->title, path(q->id), true}};
  d.set("breadcrumbs", content::links_data(crumbs));
  return pages_.custom(c, q->title, "Hỏi đáp: " + q->title, "question", std::move(d));
}

Response QuestionPages::form_page(const content::PageContext& c, int status, const QuestionInput& in,
                                  const std::string& error) {
  Data d;
  put(d, "error", error);
  put(d, "token", forms_.token());
  put(d, "name", in.name);
  put(d, "contact", in.contact);
  put(d, "title", in.title);
  put(d, "body", in.body);
  d.set("topics", topic_options(Questions::topics(), in.topic));
  return pages_.custom(c, "Gửi câu hỏi, góp ý", "Gửi câu hỏi, góp ý tới cơ quan nhà nước.", "question_form", std::move(d),
                       status, "no-store", true);
}

Response QuestionPages::form(const content::PageContext& c) { return form_page(c, 200, {}, ""); }

Response QuestionPages::submit(const content::PageContext& c) {
  const http::Request& r = c.request;
  QuestionInput in;
  FormGuard guard;
  std::string attachment;
  auto boundary = http::multipart_boundary(r.header("content-type"));
  auto parts = boundary ? http::parse_multipart(r.body, *boundary) : std::nullopt;
  if (!parts) return pages_.error(c, 400, "Biểu mẫu gửi lên không đúng định dạng.");
  for (const auto& p : *parts) {
    if (p.name == "ho-ten") in.name = p.data;
    else if (p.name == "lien-he") in.contact = p.data;
    else if (p.name == "linh-vuc") in.topic = p.data;
    else if (p.name == "tieu-de") in.title = p.data;
    else if (p.name == "noi-dung") in.body = p.data;
    else if (p.name == "thoi-diem") guard.token = p.data;
    else if (p.name == "website") guard.honeypot = p.data;
    else if (p.name == "tep" && !p.data.empty()) {
      attachment = p.data;
      in.attachment_name = p.filename;
    }
  }
  if (!check_utf8({in.name, in.contact, in.topic, in.title, in.body}))
    return pages_.error(c, 400, "Dữ liệu gửi lên không phải UTF-8 hợp lệ.");
  in.attachment = attachment;
  in.address = r.remote;
  Status guarded = forms_.check(guard);
  auto code = guarded ? questions_.submit(c.site->site.id, in) : Result<std::string>(guarded);
  if (!code) {
    Code k = code.status().code();
    return form_page(c, k == Code::forbidden ? 403 : k == Code::unsupported ? 415 : k == Code::io ? 503 : 422, in,
                     text::sentence(code.status().message()));
  }
  return Response::redirect(std::string(kPath) + "/tra-cuu?ma=" + *code + "&moi=1");
}

Response QuestionPages::status(const content::PageContext& c) {
  const http::Request& r = c.request;
  Data d;
  std::string code(r.param("ma").value_or(""));
  put(d, "code", text::cut(code, 40));
  put(d, "fresh", r.param("moi") == "1");
  int status = 200;
  if (!code.empty()) {
    auto q = code.size() <= 40 ? questions_.by_code(c.site->site.id, code) : Result<Question>(Status::error(Code::not_found, ""));
    if (!q) {
      put(d, "message", "Không có câu hỏi nào với mã " + code.substr(0, 40) + ". Hãy kiểm tra lại mã (dạng HD-XXXX-XXXX).");
      status = 404;
    } else {
      Data x = public_question(*q);
      put(x, "code", q->code);
      put(x, "state", status_label(q->status));
      put(x, "rejected", q->status == QuestionStatus::rejected);
      put(x, "reason", q->reason);
      put(x, "is_published", q->status == QuestionStatus::published);
      d.set("found", std::move(x));
    }
  }
  Response res = pages_.custom(c, "Tra cứu câu hỏi", "Tra cứu tình trạng câu hỏi, góp ý bằng mã tra cứu.",
                               "question_status", std::move(d), status, "no-store", true);
  return res;
}

Response QuestionPages::api_list(const http::Request& r, const content::SiteContent& s) {
  std::string words, topic;
  std::int64_t page = 1;
  std::string prefix = s.origin + "/api/v1/questions?";
  for (const auto& [k, v] : r.query) {
    if (k == "q") words = v, prefix += "q=" + http::url_encode(v) + "&";
    else if (k == "topic") topic = v, prefix += "topic=" + http::url_encode(v) + "&";
    else if (k == "page") {
      auto n = content::parse_positive(v, 100000);
      if (!n) return http::json_error(400, "invalid_page", "Tham số page phải là số nguyên dương không quá 100000.");
      page = *n;
    }
  }
  auto l = questions_.published(s.site.id, words, topic, page);
  if (!l) return http::json_error(400, "invalid_query", "Tham số q cần có ít nhất một chữ hoặc số.");
  json::array data;
  for (const auto& q : l->items) data.push_back(question_json(q, s.origin));
  return http::page_response(std::move(data), page, Questions::kPageSize, l->total, prefix + "page=");
}

Response QuestionPages::api_get(const content::SiteContent& s, std::string_view id_text) {
  auto id = content::parse_positive(id_text, 1'000'000'000'000);
  if (!id) return http::json_error(400, "invalid_id", "Mã câu hỏi phải là số nguyên dương.");
  auto q = questions_.published_one(s.site.id, *id);
  if (!q) return http::json_error(404, "not_found", "Không có câu hỏi đã công khai này.");
  return json_response(200, json::object{{"data", question_json(*q, s.origin)}});
}

Response QuestionPages::api_submit(const http::Request& r, const content::SiteContent& s) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  if (ec || !v.is_object()) return http::json_error(400, "invalid_json", "Nội dung phải là một đối tượng JSON.");
  QuestionInput in;
  auto text = [&](const char* key, std::string& out) -> bool {
    const json::value* f = v.as_object().if_contains(key);
    if (!f) return true;
    if (!f->is_string()) return false;
    out = std::string(f->as_string());
    return true;
  };
  if (!text("name", in.name) || !text("contact", in.contact) || !text("topic", in.topic) || !text("title", in.title) ||
      !text("question", in.body))
    return http::json_error(400, "invalid_field", "Các trường name, contact, topic, title, question phải là chuỗi.");
  in.address = r.remote;
  auto code = questions_.submit(s.site.id, in);
  if (!code) return http::json_error(code.status().code() == Code::io ? 503 : 422, "invalid_question",
                                      text::sentence(code.status().message()));
  Response res = json_response(201, json::object{{"data", json::object{{"code", *code},
                                                                         {"status", to_string(QuestionStatus::fresh)},
                                                                         {"status_label", status_label(QuestionStatus::fresh)},
                                                                         {"track", s.origin + kPath + "/tra-cuu?ma=" + *code}}}});
  return res;
}

void QuestionPages::add_routes(content::Routes& routes) {
  using Context = content::PageContext;
  using http::Params;
  routes.counted(kPath, [this](const Context& c, const Params&) { return list(c); });
  routes.page(http::Method::get, "/hoi-dap/gui", [this](const Context& c, const Params&) { return form(c); });
  content::Budget questions{&forms_.submissions(), "Bạn đã gửi nhiều câu hỏi trong một giờ."};
  routes.write(http::Method::post, "/hoi-dap/gui", [this](const Context& c, const Params&) { return submit(c); }, questions);
  // Each look-up spends the address's budget: far more than a citizen needs, far too few to
  // guess a code.
  routes.metered(http::Method::get, "/hoi-dap/tra-cuu", [this](const Context& c, const Params&) { return status(c); },
                 {&forms_.lookups(), "Bạn đã tra cứu quá nhiều lần trong ít phút."});
  routes.cached("/hoi-dap/{id}", [this](const Context& c, const Params& p) { return one(c, p["id"]); });
  routes.page(http::Method::get, "/api/v1/questions",
              [this](const Context& c, const Params&) { return api_list(c.request, *c.site); }, content::Cost::expensive);
  routes.write(http::Method::post, "/api/v1/questions",
               [this](const Context& c, const Params&) { return api_submit(c.request, *c.site); }, questions);
  routes.cached("/api/v1/questions/{id}", [this](const Context& c, const Params& p) { return api_get(*c.site, p["id"]); },
                {.counted = content::Counted::api});
}

}  // namespace portico::gov
