// The newsroom's frame and its own pages: sign-in, sign-out, the dashboard and the audit log,
// and the helpers every area's handlers share (admin_<area>.cpp hold the areas).
#include "newsroom/admin_pages.h"

#include <algorithm>
#include <functional>

#include "content/views.h"
#include "newsroom/admin_forms.h"
#include "text/html.h"
#include "text/unicode.h"
#include "render/vn_time.h"
#include "widgets/widgets.h"

namespace portico::newsroom {

namespace {

const char* action_label(std::string_view a) {
  if (a == "sign_in") return "Đăng nhập";
  if (a == "sign_in_failed") return "Đăng nhập không thành công";
  if (a == "sign_in_throttled") return "Tạm chặn đăng nhập (sai quá nhiều lần)";
  if (a == "site_add") return "Thêm cổng thành phần";
  if (a == "site_update") return "Sửa cổng thành phần";
  if (a == "site_disable") return "Tạm ngừng cổng thành phần";
  if (a == "site_images") return "Đổi biểu trưng, ảnh đầu trang";
  if (a == "sign_out") return "Đăng xuất";
  if (a == "user_add") return "Thêm tài khoản";
  if (a == "password_change") return "Đổi mật khẩu";
  if (a == "user_disable") return "Khoá tài khoản";
  if (a == "role_change") return "Đổi vai trò";
  if (a == "article_create") return "Tạo bài viết";
  if (a == "article_save") return "Lưu bài viết";
  if (a == "article_submit") return "Gửi duyệt";
  if (a == "article_publish") return "Xuất bản";
  if (a == "article_schedule") return "Hẹn giờ xuất bản";
  if (a == "article_return") return "Trả lại";
  if (a == "article_take_down") return "Gỡ bài";
  if (a == "article_restore") return "Khôi phục phiên bản";
  if (a == "article_share") return "Chia sẻ tới cổng thành phần";
  if (a == "article_propose") return "Đề xuất lên cổng cấp trên";
  if (a == "proposal_take") return "Nhận tin từ cơ sở";
  if (a == "proposal_decline") return "Từ chối tin từ cơ sở";
  if (a == "media_upload") return "Tải ảnh lên";
  if (a == "royalty_rates") return "Sửa hệ số nhuận bút";
  if (a == "totp_enable") return "Bật xác thực hai bước";
  if (a == "totp_disable") return "Tắt xác thực hai bước";
  if (a == "totp_require") return "Bắt buộc xác thực hai bước";
  if (a == "token_create") return "Tạo khoá API";
  if (a == "token_revoke") return "Thu hồi khoá API";
  if (a == "category_add") return "Thêm chuyên mục";
  if (a == "category_update") return "Sửa chuyên mục";
  if (a == "category_move") return "Đổi thứ tự chuyên mục";
  if (a == "widgets_update") return "Sửa tiện ích cột bên";
  if (a == "poll_add") return "Tạo bình chọn";
  if (a == "poll_update") return "Sửa bình chọn";
  if (a == "poll_delete") return "Xoá bình chọn";
  if (a == "video_add") return "Thêm chương trình truyền hình";
  if (a == "video_delete") return "Xoá chương trình truyền hình";
  if (a == "document_add") return "Thêm văn bản";
  if (a == "document_update") return "Sửa văn bản";
  if (a == "document_delete") return "Xoá văn bản";
  if (a == "document_import") return "Nhập văn bản từ tệp CSV";
  if (a == "dataset_add") return "Thêm bộ số liệu";
  if (a == "dataset_update") return "Sửa bộ số liệu";
  if (a == "dataset_delete") return "Xoá bộ số liệu";
  if (a == "draft_add") return "Thêm dự thảo lấy ý kiến";
  if (a == "draft_update") return "Sửa dự thảo lấy ý kiến";
  if (a == "draft_delete") return "Xoá dự thảo lấy ý kiến";
  if (a == "schedule_add") return "Thêm lịch công tác";
  if (a == "schedule_update") return "Sửa lịch công tác";
  if (a == "schedule_delete") return "Xoá lịch công tác";
  if (a == "organisation_texts") return "Sửa trang giới thiệu";
  if (a == "org_unit_add") return "Thêm đơn vị";
  if (a == "org_unit_update") return "Sửa đơn vị";
  if (a == "org_unit_delete") return "Xoá đơn vị";
  if (a == "question_chuyen") return "Chuyển câu hỏi";
  if (a == "question_tra-loi") return "Trả lời câu hỏi";
  if (a == "question_cong-khai") return "Công khai câu hỏi";
  if (a == "question_an") return "Ẩn câu hỏi";
  if (a == "question_tu-choi") return "Từ chối câu hỏi";
  return "Khác";
}

constexpr int kAuditPageSize = 50;

}  // namespace

std::string AdminPages::cookie(const http::Request& r, const std::string& name, const std::string& value,
                               std::int64_t max_age, bool strict) const {
  return name + "=" + value + "; Path=/quan-tri; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=" +
         (strict ? "Strict" : "Lax") + (secure_ || r.secure ? "; Secure" : "");
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
    put(u, "role", who->user.platform ? "Quản trị nền tảng" : role_label(who->role));
    put(u, "csrf", who->session.csrf);
    d.set("user", u);
    put(d, "can_audit", who->may(Action::view_audit));
    put(d, "can_categories", who->may(Action::manage_categories));
    put(d, "can_sites", who->may(Action::manage_sites));
    if (who->may(Action::publish_article) && !sharing_->sub_portals(s.site.id).empty()) {
      put(d, "can_proposals", true);
      // How many proposals wait for an approver, beside the menu entry.
      auto inbox = need(sharing_->inbox(s.site.id));
      auto waiting = std::count_if(inbox.begin(), inbox.end(), [](const Proposal& p) { return p.state == ProposalState::pending; });
      if (waiting) put(d, "proposals_waiting", std::to_string(waiting));
    }
    put(d, "can_royalties", who->may(Action::view_royalties));
    put(d, "can_widgets", who->may(Action::manage_widgets));
    put(d, "can_documents", who->may(Action::manage_documents));
    put(d, "can_questions", who->may(Action::handle_questions));
  }
  if (!current.empty()) d.set("is_" + current, true);
  if (tmpl == "admin_article") {  // the visual editor is loaded on the editor page only
    Data e;
    put(e, "quill_css", assets_.url("vendor/quill.snow.css"));
    put(e, "quill_js", assets_.url("vendor/quill.js"));
    put(e, "editor_js", assets_.url("js/editor.js"));
    d.set("editor", e);
  }
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
  } else if (status == 404) {
    put(d, "heading", "Không tìm thấy");
    put(d, "message", message.empty() ? "Không có nội dung này." : message);
  } else {
    put(d, "heading", "Yêu cầu không hợp lệ");
    put(d, "message", message.empty() ? "Dữ liệu gửi lên không đúng định dạng." : message);
  }
  return page(status, status == 403 ? "Không có quyền" : status == 404 ? "Không tìm thấy" : "Yêu cầu không hợp lệ",
              "admin_error", std::move(d), s, who);
}

Response AdminPages::login_page(const http::Request& req, int status, const content::SiteContent& s, const std::string& csrf,
                                const std::string& name, const std::string& err) {
  Data d;
  put(d, "csrf", csrf);
  put(d, "name", name);
  put(d, "error", err);
  auto r = page(status, "Đăng nhập", "admin_login", std::move(d), s, nullptr);
  // The sign-in form is protected by a double-submit token: this cookie and the hidden field.
  r.headers.emplace_back("Set-Cookie", cookie(req, kLoginCsrfCookie, csrf, 3600, true));
  return r;
}

Response AdminPages::login_form(const http::Request& r, const content::SiteContent& s) {
  if (newsroom_.authenticate(s.site.id, r.cookie(kSessionCookie))) return Response::redirect("/quan-tri");
  return login_page(r, 200, s, random_token(), "", "");
}

Response AdminPages::login(const http::Request& r, const content::SiteContent& s) {
  http::Fields form;
  if (!http::parse_form(r.body, form)) return error(400, s, nullptr);
  std::string csrf = form_value(form, "csrf");
  if (!same_secret(csrf, r.cookie(kLoginCsrfCookie)))
    return error(403, s, nullptr, "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang đăng nhập.");
  std::string name = text::cut(form_value(form, "ten"), kMaxSignInName);
  std::string password = form_value(form, "mat-khau");
  auto result = newsroom_.sign_in(s.site.id, name, password, r.remote, form_value(form, "ma"));
  using Outcome = SignInResult::Outcome;
  if (result.outcome == Outcome::throttled) {
    std::int64_t minutes = (result.retry_after + 59) / 60;
    auto res = login_page(r, 429, s, random_token(), name,
                          "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau " + std::to_string(minutes) + " phút.");
    res.headers.emplace_back("Retry-After", std::to_string(result.retry_after));
    return res;
  }
  if (result.outcome == Outcome::unavailable) {
    auto res = login_page(r, 503, s, random_token(), name, "Hệ thống đang bận nên chưa đăng nhập được. Vui lòng thử lại sau ít giây.");
    res.headers.emplace_back("Retry-After", "2");
    return res;
  }
  if (result.outcome == Outcome::bad_code)
    return login_page(r, 401, s, random_token(), name, "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới trong ứng dụng xác thực.");
  if (result.outcome == Outcome::totp_required)
    return login_page(r, 403, s, random_token(), name,
                      "Vai trò của bạn phải dùng xác thực hai bước. Hãy nhờ quản trị viên bật cho tài khoản này.");
  if (result.outcome != Outcome::ok)
    return login_page(r, 401, s, random_token(), name, "Tên đăng nhập hoặc mật khẩu không đúng.");
  auto res = Response::redirect("/quan-tri");
  res.headers.emplace_back("Set-Cookie", cookie(r, kSessionCookie, result.token, kSessionSeconds, false));
  res.headers.emplace_back("Set-Cookie", cookie(r, kLoginCsrfCookie, "", 0, true));
  return res;
}

Response AdminPages::logout(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  if (auto st = newsroom_.sign_out(who, r.remote); !st)
    return error(503, s, &who, "Chưa đăng xuất được vì cơ sở dữ liệu đang lỗi. Phiên làm việc vẫn còn; vui lòng thử lại.");
  auto res = Response::redirect("/quan-tri/dang-nhap");
  res.headers.emplace_back("Set-Cookie", cookie(r, kSessionCookie, "", 0, false));
  return res;
}

Response AdminPages::dashboard(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  Dashboard dash = newsroom_.dashboard(who);
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
  // A province's dashboard: the visits of each of its sub-portals.
  List visits;
  for (const auto& v : widgets_->sub_portal_visits(s.site.id)) {
    Data x;
    put(x, "name", v.name);
    put(x, "url", v.url);
    put(x, "today", render::group_digits(v.stats.today));
    put(x, "this_month", render::group_digits(v.stats.this_month));
    put(x, "online", render::group_digits(v.stats.online));
    visits.push_back(std::move(x));
  }
  put(d, "has_sub_portals", !visits.empty());
  d.set("sub_portals", Data(std::move(visits)));
  // An account of several sites (a platform administrator: of all): each one's newsroom.
  // The session is the host's own, so another site's newsroom asks to sign in there.
  auto mine = newsroom_.sites_of(who);
  if (mine.size() > 1) {
    List sites;
    for (const auto& [id, role] : mine)
      if (auto x = sharing_->site(id)) {
        Data y;
        put(y, "name", x->site.name);
        put(y, "url", x->origin + "/quan-tri");
        put(y, "role", who.user.platform ? "Quản trị nền tảng" : role_label(role));
        put(y, "current", id == s.site.id);
        sites.push_back(std::move(y));
      }
    put(d, "has_my_sites", true);
    d.set("my_sites", Data(std::move(sites)));
  }
  return page(200, "Bảng điều khiển", "admin_dashboard", std::move(d), s, &who, "dashboard");
}

Response AdminPages::audit(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  std::int64_t page_no = 1;
  if (auto p = r.param("trang")) {
    auto n = content::parse_positive(*p, 100000);
    if (!n) return error(400, s, &who, "Số trang phải là số nguyên dương.");
    page_no = *n;
  }
  auto entries = need(newsroom_.audit(s.site.id, kAuditPageSize + 1, static_cast<int>((page_no - 1) * kAuditPageSize)));
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
  return page(200, "Nhật ký hệ thống", "admin_audit", std::move(d), s, &who, "audit");
}



}  // namespace portico::newsroom
