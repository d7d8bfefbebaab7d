// Drafts for public comment: pages, the comment form and the newsroom's rules.
#include "gov/drafts.h"
#include "content/routes.h"

#include <boost/json.hpp>

#include "content/api.h"
#include "http/json.h"

#include "render/vn_time.h"
#include "text/html.h"
#include "text/unicode.h"

namespace portico::gov {

using http::Response;
using render::Data;
using render::List;
using render::put;

namespace {

// "còn 3 ngày", "còn 5 giờ": the time left before the deadline.
std::string time_left(std::int64_t seconds) {
  if (seconds >= 2 * 86400) return "còn " + std::to_string(seconds / 86400) + " ngày";
  if (seconds >= 3600) return "còn " + std::to_string(seconds / 3600) + " giờ";
  return "còn " + std::to_string(std::max<std::int64_t>(1, seconds / 60)) + " phút";
}

void describe(Data& d, const Draft& x, std::int64_t now) {
  put(d, "title", x.title);
  put(d, "url", Drafts::path(x.slug));
  put(d, "agency", x.agency);
  put(d, "summary", x.summary);
  put(d, "opens", render::format_datetime(x.opens_at));
  put(d, "closes", render::format_datetime(x.closes_at));
  put(d, "closes_iso", render::format_iso(x.closes_at));
  put(d, "comments", render::group_digits(x.comments));
  bool open = now >= x.opens_at && now < x.closes_at;
  put(d, "open", open);
  put(d, "not_yet", now < x.opens_at);
  put(d, "closed", now >= x.closes_at);
  if (open) put(d, "left", time_left(x.closes_at - now));
}

const char* state_of(const Draft& x, std::int64_t now) {
  return now < x.opens_at ? "upcoming" : now < x.closes_at ? "open" : "closed";
}

// A draft as the API gives it: never the comments themselves, which hold personal data.
boost::json::object draft_json(const Draft& x, const std::string& origin, std::int64_t now) {
  return {{"id", x.id},
          {"title", x.title},
          {"agency", x.agency},
          {"summary", x.summary},
          {"url", origin + Drafts::path(x.slug)},
          {"opens_at", render::format_iso(x.opens_at)},
          {"closes_at", render::format_iso(x.closes_at)},
          {"state", state_of(x, now)},
          {"comments", x.comments}};
}

}  // namespace

Response Drafts::list(const content::PageContext& c) {
  std::int64_t now = clock_.now();
  List open, closed;
  for (const auto& x : need(store_.drafts(c.site->site.id))) {
    Data d;
    describe(d, x, now);
    (now < x.closes_at ? open : closed).push_back(d);
  }
  Data d;
  d.set("open_drafts", open);
  d.set("closed_drafts", closed);
  put(d, "none_open", open.empty());
  put(d, "has_closed", !closed.empty());
  return pages_.custom(c, "Lấy ý kiến dự thảo", "Dự thảo văn bản lấy ý kiến góp ý của người dân, doanh nghiệp.", "drafts",
                       std::move(d), 200, "no-store");
}

Response Drafts::page_of(const content::PageContext& c, const Draft& x, int status, const std::string& error,
                         const std::string& name, const std::string& contact, const std::string& body, bool thanks) {
  Data d;
  describe(d, x, clock_.now());
  std::vector<content::LinkView> crumbs{{"Trang chủ", "/", false}, {"Lấy ý kiến dự thảo", kPath, false},
                                        {x.title, path(x.slug), true}};
  d.set("breadcrumbs", content::links_data(crumbs));
  if (!x.body_html.empty()) d.set("body_html", x.body_html);
  put(d, "error", error);
  put(d, "thanks", thanks);
  put(d, "token", forms_.token());
  put(d, "name", name);
  put(d, "contact", contact);
  put(d, "body", body);
  // The page shows the time left and takes comments: it is drawn for each visit.
  return pages_.custom(c, x.title, x.summary.empty() ? "Dự thảo lấy ý kiến: " + x.title : x.summary, "draft", std::move(d),
                       status, "no-store");
}

Response Drafts::one(const content::PageContext& c, std::string_view slug) {
  auto x = store_.draft_by_slug(c.site->site.id, slug);
  if (!x) return pages_.error(c, 404);
  return page_of(c, *x, 200, "", "", "", "", c.request.param("da-gui") == "1");
}

Response Drafts::comment(const content::PageContext& c, std::string_view slug) {
  const http::Request& r = c.request;
  auto x = store_.draft_by_slug(c.site->site.id, slug);
  if (!x) return pages_.error(c, 404);
  http::Fields form;
  if (!http::parse_form(r.body, form)) return pages_.error(c, 400, "Dữ liệu biểu mẫu không hợp lệ.");
  std::string name = plain_text(http::form_value(form, "ho-ten"));
  std::string contact = plain_text(http::form_value(form, "lien-he"));
  std::string body = plain_text(http::form_value(form, "noi-dung"));
  FormGuard guard{http::form_value(form, "thoi-diem"), http::form_value(form, "website")};
  std::int64_t now = clock_.now();
  if (now >= x->closes_at) return page_of(c, *x, 409, "Đã hết thời hạn góp ý cho dự thảo này.", name, contact, body, false);
  if (now < x->opens_at) return page_of(c, *x, 409, "Dự thảo chưa mở lấy ý kiến.", name, contact, body, false);
  Status st = forms_.check(guard);
  if (st) st = check_sender(name, contact);
  if (st && (char_count(body) < 10 || char_count(body) > 10000))
    st = Status::error(Code::invalid, "ý kiến cần từ 10 đến 10.000 ký tự");
  if (!st)
    return page_of(c, *x, st.code() == Code::forbidden ? 403 : 422, text::sentence(st.message()), name, contact, body,
                   false);
  auto id = store_.add_comment(c.site->site.id, {0, x->id, name, contact, body, 0}, now);
  if (!id) {
    if (id.status().code() == Code::conflict)
      return page_of(c, *x, 409, "Đã hết thời hạn góp ý cho dự thảo này.", name, contact, body, false);
    return pages_.error(c, 503);
  }
  changed(c.site->site.id);
  return Response::redirect(path(x->slug) + "?da-gui=1#gop-y");
}

Response Drafts::api_list(const content::SiteContent& s) {
  std::int64_t now = clock_.now();
  auto drafts = need(store_.drafts(s.site.id));
  // Open ones first, then those to come, then the closed ones; the store's order within each.
  std::stable_sort(drafts.begin(), drafts.end(), [now](const Draft& a, const Draft& b) {
    auto rank = [now](const Draft& x) { return now < x.opens_at ? 1 : now < x.closes_at ? 0 : 2; };
    return rank(a) < rank(b);
  });
  boost::json::array data;
  for (const auto& x : drafts) data.push_back(draft_json(x, s.origin, now));
  return http::json_response(200, boost::json::object{{"data", std::move(data)}}, "no-store");
}

Response Drafts::api_get(const content::SiteContent& s, std::string_view id_text) {
  auto id = content::parse_positive(id_text, 1'000'000'000'000);
  if (!id) return http::json_error(400, "invalid_id", "Mã dự thảo phải là số nguyên dương.");
  auto found = store_.draft(s.site.id, *id);
  if (!found && found.status().code() == Code::not_found) return http::json_error(404, "not_found", "Không có dự thảo này.");
  Draft x = need(std::move(found));
  auto o = draft_json(x, s.origin, clock_.now());
  o["body_html"] = x.body_html;
  return http::json_response(200, boost::json::object{{"data", std::move(o)}}, "no-store");
}

Result<Id> Drafts::save(const Actor& who, Id site_id, Id id, const DraftInput& in) {
  if (auto st = check_utf8({in.title, in.agency, in.summary, in.body_html, in.opens, in.closes}); !st) return st;
  Draft d;
  d.id = id;
  d.site_id = site_id;
  d.title = plain_text(in.title);
  d.agency = plain_text(in.agency);
  d.summary = plain_text(in.summary);
  auto body = text::sanitize_html(in.body_html);
  if (!body) return Status::error(Code::invalid, "toàn văn dự thảo: " + body.status().message());
  d.body_html = std::move(*body);
  d.opens_at = render::parse_local_datetime(in.opens);
  d.closes_at = render::parse_local_datetime(in.closes);
  if (d.title.empty() || char_count(d.title) > 300) return Status::error(Code::invalid, "tên dự thảo cần có (tối đa 300 ký tự)");
  if (d.opens_at < 0 || d.closes_at < 0) return Status::error(Code::invalid, "thời gian bắt đầu và hạn góp ý cần có");
  if (d.closes_at <= d.opens_at) return Status::error(Code::invalid, "hạn góp ý phải sau thời gian bắt đầu");
  std::string title = d.title;
  return announce(site_id, store_.save_draft(std::move(d), clock_.now()), who, id ? "draft_update" : "draft_add", {}, title);
}

Status Drafts::remove(const Actor& who, Id site_id, Id id) {
  return announce(site_id, store_.delete_draft(site_id, id), who, "draft_delete", std::to_string(id));
}

void Drafts::add_routes(content::Routes& routes) {
  using content::PageContext;
  using http::Params;
  routes.counted(kPath, [this](const PageContext& c, const Params&) { return list(c); });
  // Each answer says whether a draft is open now: drawn per request, like the pages.
  routes.page(http::Method::get, "/api/v1/drafts", [this](const PageContext& c, const Params&) { return api_list(*c.site); });
  routes.page(http::Method::get, "/api/v1/drafts/{id}",
              [this](const PageContext& c, const Params& p) { return api_get(*c.site, p["id"]); });
  routes.counted("/lay-y-kien/{slug}", [this](const PageContext& c, const Params& p) { return one(c, p["slug"]); });
  // Comments and questions share the address's budget of submissions.
  routes.write(http::Method::post, "/lay-y-kien/{slug}/gop-y",
               [this](const PageContext& c, const Params& p) { return comment(c, p["slug"]); },
               {&forms_.submissions(), "Bạn đã gửi nhiều lần trong một giờ."});
}

}  // namespace portico::gov
