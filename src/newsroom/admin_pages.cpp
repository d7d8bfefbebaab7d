// Newsroom page handlers.
#include "newsroom/admin_pages.h"

#include "render/vn_time.h"

namespace portico::newsroom {

using http::Response;
using render::Data;
using render::List;
using render::put;

namespace {

const char* action_label(std::string_view a) {
  if (a == "sign_in") return "Đăng nhập";
  if (a == "sign_in_failed") return "Đăng nhập không thành công";
  if (a == "sign_out") return "Đăng xuất";
  if (a == "user_add") return "Thêm tài khoản";
  if (a == "password_change") return "Đổi mật khẩu";
  if (a == "user_disable") return "Khoá tài khoản";
  return "Khác";
}

std::string form_value(const http::Fields& f, std::string_view name) {
  for (const auto& [k, v] : f)
    if (k == name) return v;
  return {};
}

constexpr int kAuditPageSize = 50;

}  // namespace

std::string AdminPages::cookie(const std::string& name, const std::string& value, std::int64_t max_age,
                               bool strict) const {
  return name + "=" + value + "; Path=/quan-tri; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=" +
         (strict ? "Strict" : "Lax") + (secure_ ? "; Secure" : "");
}

Response AdminPages::page(int status, const std::string& title, const std::string& tmpl, Data body,
                          const content::SiteContent& s, const SignedIn* who, const std::string& current) {
  Data d;
  put(d, "title", title);
  put(d, "portal_title", s.site.portal_title);
  put(d, "site_name", s.site.name);
  put(d, "css_url", assets_.url("css/site.css"));
  put(d, "js_url", assets_.url("js/site.js"));
  put(d, "logo_url", assets_.url("img/logo.svg"));
  if (who) {
    Data u;
    put(u, "display_name", who->user.display_name.empty() ? who->user.name : who->user.display_name);
    put(u, "role", role_label(who->role));
    put(u, "csrf", who->session.csrf);
    d.set("user", u);
    put(d, "can_audit", can(who->role, Action::view_audit));
  }
  if (!current.empty()) d.set("is_" + current, true);
  d.set("content", templates_.render(tmpl, std::move(body)));
  return Response::with(status, http::make_entity("text/html; charset=utf-8", templates_.render("admin_layout", std::move(d)),
                                                  http::Compression::fast, 0, "no-store"));
}

Response AdminPages::error(int status, const content::SiteContent& s, const SignedIn* who, std::string message) {
  Data d;
  put(d, "status", std::to_string(status));
  if (status == 403) {
    put(d, "heading", "Không có quyền");
    put(d, "message", message.empty() ? "Tài khoản của bạn không được phép thực hiện thao tác này." : message);
  } else {
    put(d, "heading", "Yêu cầu không hợp lệ");
    put(d, "message", message.empty() ? "Dữ liệu gửi lên không đúng định dạng." : message);
  }
  return page(status, status == 403 ? "Không có quyền" : "Yêu cầu không hợp lệ", "admin_error", std::move(d), s, who);
}

Response AdminPages::login_page(int status, const content::SiteContent& s, const std::string& csrf,
                                const std::string& name, const std::string& err) {
  Data d;
  put(d, "csrf", csrf);
  put(d, "name", name);
  put(d, "error", err);
  auto r = page(status, "Đăng nhập", "admin_login", std::move(d), s, nullptr);
  // The sign-in form is protected by a double-submit token: this cookie and the hidden field.
  r.headers.emplace_back("Set-Cookie", cookie(kLoginCsrfCookie, csrf, 3600, true));
  return r;
}

Response AdminPages::login_form(const http::Request& r, const content::SiteContent& s) {
  if (newsroom_.authenticate(s.site.id, r.cookie(kSessionCookie))) return Response::redirect("/quan-tri");
  return login_page(200, s, random_token(), "", "");
}

Response AdminPages::login(const http::Request& r, const content::SiteContent& s) {
  http::Fields form;
  if (!http::parse_form(r.body, form)) return error(400, s, nullptr);
  std::string csrf = form_value(form, "csrf");
  if (!same_secret(csrf, r.cookie(kLoginCsrfCookie)))
    return error(403, s, nullptr, "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang đăng nhập.");
  std::string name = form_value(form, "ten");
  std::string password = form_value(form, "mat-khau");
  auto result = newsroom_.sign_in(s.site.id, name, password, r.remote);
  using Outcome = SignInResult::Outcome;
  if (result.outcome == Outcome::throttled) {
    std::int64_t minutes = (result.retry_after + 59) / 60;
    auto res = login_page(429, s, random_token(), name,
                          "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau " + std::to_string(minutes) + " phút.");
    res.headers.emplace_back("Retry-After", std::to_string(result.retry_after));
    return res;
  }
  if (result.outcome != Outcome::ok)
    return login_page(401, s, random_token(), name, "Tên đăng nhập hoặc mật khẩu không đúng.");
  auto res = Response::redirect("/quan-tri");
  res.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, result.token, kSessionSeconds, false));
  res.headers.emplace_back("Set-Cookie", cookie(kLoginCsrfCookie, "", 0, true));
  return res;
}

Response AdminPages::logout(const http::Request& r, const content::SiteContent& s) {
  auto who = newsroom_.authenticate(s.site.id, r.cookie(kSessionCookie));
  if (!who) return Response::redirect("/quan-tri/dang-nhap");
  http::Fields form;
  if (!http::parse_form(r.body, form) || !same_secret(form_value(form, "csrf"), who->session.csrf))
    return error(403, s, &*who, "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng thử lại.");
  newsroom_.sign_out(*who, r.remote);
  auto res = Response::redirect("/quan-tri/dang-nhap");
  res.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", 0, false));
  return res;
}

Response AdminPages::dashboard(const http::Request& r, const content::SiteContent& s) {
  auto who = newsroom_.authenticate(s.site.id, r.cookie(kSessionCookie));
  if (!who) return Response::redirect("/quan-tri/dang-nhap");
  Dashboard dash = newsroom_.dashboard(*who);
  auto list = [](const std::string& heading, const std::vector<ArticleSummary>& items, bool linked) {
    Data l;
    put(l, "heading", heading);
    put(l, "empty", items.empty());
    List rows;
    for (const auto& a : items) {
      Data x;
      put(x, "title", a.title);
      put(x, "url", linked ? "/bai-viet/" + a.slug : std::string());
      put(x, "date", render::format_datetime(linked ? a.published_at : a.updated_at));
      put(x, "date_iso", render::format_iso(linked ? a.published_at : a.updated_at));
      rows.push_back(x);
    }
    l.set("items", Data(rows));
    return l;
  };
  List lists;
  lists.push_back(list("Bài nháp của tôi", dash.my_drafts, false));
  lists.push_back(list("Chờ duyệt", dash.waiting, false));
  lists.push_back(list("Hẹn giờ xuất bản", dash.scheduled, false));
  lists.push_back(list("Mới xuất bản", dash.published, true));
  Data d;
  d.set("lists", Data(lists));
  return page(200, "Bảng điều khiển", "admin_dashboard", std::move(d), s, &*who, "dashboard");
}

Response AdminPages::audit(const http::Request& r, const content::SiteContent& s) {
  auto who = newsroom_.authenticate(s.site.id, r.cookie(kSessionCookie));
  if (!who) return Response::redirect("/quan-tri/dang-nhap");
  if (!can(who->role, Action::view_audit)) return error(403, s, &*who);
  std::int64_t page_no = 1;
  if (auto p = r.param("trang")) {
    auto n = content::parse_positive(*p, 100000);
    if (!n) return error(400, s, &*who, "Số trang phải là số nguyên dương.");
    page_no = *n;
  }
  auto entries = newsroom_.audit(s.site.id, kAuditPageSize + 1, static_cast<int>((page_no - 1) * kAuditPageSize));
  bool more = entries.size() > kAuditPageSize;
  if (more) entries.pop_back();
  Data d;
  List rows;
  for (const auto& e : entries) {
    Data x;
    put(x, "at", render::format_datetime(e.at));
    put(x, "at_iso", render::format_iso(e.at));
    put(x, "actor", e.actor);
    put(x, "action", action_label(e.action));
    put(x, "target", e.target);
    put(x, "address", e.address);
    put(x, "detail", e.detail);
    rows.push_back(x);
  }
  d.set("entries", Data(rows));
  put(d, "empty", entries.empty());
  put(d, "page", std::to_string(page_no));
  put(d, "prev_url", page_no > 1 ? "/quan-tri/nhat-ky?trang=" + std::to_string(page_no - 1) : std::string());
  put(d, "next_url", more ? "/quan-tri/nhat-ky?trang=" + std::to_string(page_no + 1) : std::string());
  put(d, "paged", more || page_no > 1);
  return page(200, "Nhật ký hệ thống", "admin_audit", std::move(d), s, &*who, "audit");
}

}  // namespace portico::newsroom
