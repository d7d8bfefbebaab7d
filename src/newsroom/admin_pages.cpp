// Newsroom page handlers.
#include "newsroom/admin_pages.h"

#include <algorithm>
#include <functional>

#include "http/multipart.h"
#include "content/views.h"
#include "newsroom/admin_forms.h"
#include "text/accessibility.h"
#include "text/html.h"
#include "text/unicode.h"
#include "media/images.h"
#include "render/vn_time.h"
#include "text/diff.h"

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
  if (a == "role_change") return "Đổi vai trò";
  if (a == "article_create") return "Tạo bài viết";
  if (a == "article_save") return "Lưu bài viết";
  if (a == "article_submit") return "Gửi duyệt";
  if (a == "article_publish") return "Xuất bản";
  if (a == "article_schedule") return "Hẹn giờ xuất bản";
  if (a == "article_return") return "Trả lại";
  if (a == "article_take_down") return "Gỡ bài";
  if (a == "article_restore") return "Khôi phục phiên bản";
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

Data genre_list(const std::vector<Genre>& genres, std::string_view selected) {
  List out;
  for (const auto& g : genres) {
    Data x;
    put(x, "code", g.code);
    put(x, "name", g.name);
    char coef[16];
    std::snprintf(coef, sizeof coef, "%g", g.coefficient);
    put(x, "coefficient", std::string(coef));
    put(x, "selected", g.code == selected);
    out.push_back(x);
  }
  return Data(out);
}

const char* status_label(ArticleStatus st) {
  switch (st) {
    case ArticleStatus::draft: return "Nháp";
    case ArticleStatus::pending: return "Chờ duyệt";
    case ArticleStatus::published: return "Đã xuất bản";
    case ArticleStatus::taken_down: return "Đã gỡ";
  }
  return "";
}

std::string article_url(Id id) { return "/quan-tri/bai-viet/" + std::to_string(id); }

// The form's fields as the article has them now (cover, genre, related: kept as they are).
ArticleDraft draft_of(const Article& a) {
  return ArticleDraft{a.id, a.version, a.category_id, a.title, a.lead, a.body_html, a.source, a.author, a.is_featured};
}

ArticleDraft draft_from_form(const http::Fields& f, Id id) {
  ArticleDraft d;
  d.id = id;
  d.version = static_cast<int>(content::parse_positive(form_value(f, "phien-ban"), 1'000'000'000).value_or(0));
  d.category_id = parse_id(form_value(f, "chuyen-muc")).value_or(0);
  d.title = form_value(f, "tieu-de");
  d.lead = form_value(f, "sapo");
  d.body_html = form_value(f, "noi-dung");
  d.source = form_value(f, "nguon");
  d.author = form_value(f, "tac-gia");
  d.featured = form_value(f, "noi-bat") == "1";
  d.cover_media_id = parse_id(form_value(f, "anh-dai-dien")).value_or(0);
  d.cover_caption = form_value(f, "chu-thich");
  d.genre = form_value(f, "the-loai");
  d.related = form_value(f, "tin-lien-quan");
  return d;
}

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
    put(u, "role", role_label(who->role));
    put(u, "csrf", who->session.csrf);
    d.set("user", u);
    put(d, "can_audit", can(who->role, Action::view_audit));
    put(d, "can_categories", can(who->role, Action::manage_categories));
    put(d, "can_royalties", can(who->role, Action::view_royalties));
    put(d, "can_widgets", can(who->role, Action::manage_widgets));
    put(d, "can_documents", can(who->role, Action::manage_documents));
    put(d, "can_questions", can(who->role, Action::handle_questions));
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
  return page(200, "Bảng điều khiển", "admin_dashboard", std::move(d), s, &who, "dashboard");
}

Response AdminPages::audit(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  std::int64_t page_no = 1;
  if (auto p = r.param("trang")) {
    auto n = content::parse_positive(*p, 100000);
    if (!n) return error(400, s, &who, "Số trang phải là số nguyên dương.");
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
  return page(200, "Nhật ký hệ thống", "admin_audit", std::move(d), s, &who, "audit");
}



Response AdminPages::failure(const content::SiteContent& s, const SignedIn& who, const Status& st, Id id) {
  switch (st.code()) {
    case Code::forbidden: return error(403, s, &who);
    case Code::not_found: return error(404, s, &who);
    case Code::conflict: {
      auto a = newsroom_.article(who, id);
      if (!a) return error(404, s, &who);
      ArticleDraft d = draft_of(*a);
      return article_form(409, s, who, &*a, d,
                          "Bài viết vừa được người khác thay đổi. Đây là bản mới nhất; thao tác của bạn chưa được "
                          "thực hiện.", "");
    }
    default: {
      auto a = newsroom_.article(who, id);
      if (!a) return error(422, s, &who, st.message());
      ArticleDraft d = draft_of(*a);
      std::string msg = sentence(st.message());
      return article_form(422, s, who, &*a, d, msg, "");
    }
  }
}

Response AdminPages::article_form(int status, const content::SiteContent& s, const SignedIn& who, const Article* a,
                                  const ArticleDraft& d, const std::string& err, const std::string& saved) {
  Data v;
  bool editable = a ? Newsroom::may_edit(who, *a) : can(who.role, Action::write_article);
  put(v, "heading", a ? a->title : std::string("Viết bài mới"));
  put(v, "self_url", a ? article_url(a->id) : std::string("/quan-tri/bai-viet/moi"));
  put(v, "action", a ? article_url(a->id) : std::string("/quan-tri/bai-viet/moi"));
  put(v, "csrf", who.session.csrf);
  put(v, "version", std::to_string(a ? a->version : 0));
  put(v, "title", d.title);
  put(v, "lead", d.lead);
  put(v, "body", d.body_html);
  put(v, "source", d.source);
  put(v, "author", d.author);
  put(v, "featured", d.featured);
  Id cover = d.cover_media_id.value_or(a ? a->cover_media_id : 0);
  put(v, "caption", d.cover_caption.value_or(a ? a->cover_caption : std::string()));
  List images;
  for (const auto& m : newsroom_.recent_media(s.site.id)) {
    if (m.mime.rfind("image/", 0) != 0) continue;  // documents cannot be a cover
    Data x;
    put(x, "id", std::to_string(m.id));
    put(x, "alt", m.alt);
    put(x, "selected", m.id == cover);
    images.push_back(x);
  }
  v.set("images", Data(images));
  put(v, "related", d.related.value_or(a ? a->related_override : std::string()));
  v.set("genres", genre_list(newsroom_.genres(s.site.id), d.genre.value_or(a ? a->genre : std::string())));
  put(v, "can_feature", can(who.role, Action::publish_article));
  put(v, "editable", editable);
  put(v, "error", err);
  put(v, "saved", saved);
  List cats;
  auto all = newsroom_.categories(s.site.id);
  for (const auto& [c, depth] : content::category_tree(all, true)) {
    if (!c->link.empty()) continue;  // a menu link holds no articles
    Data x;
    put(x, "id", std::to_string(c->id));
    put(x, "name", content::option_label(c->name, depth));
    put(x, "selected", c->id == d.category_id);
    cats.push_back(x);
  }
  v.set("categories", Data(cats));
  if (a) {
    put(v, "status_label", status_label(a->status));
    put(v, "revisions_url", article_url(a->id) + "/phien-ban");
    if (a->status == ArticleStatus::published) put(v, "public_url", "/bai-viet/" + a->slug);
    else if (auto link = newsroom_.preview_link(who, a->id)) put(v, "preview_url", *link);
    put(v, "note", a->workflow_note);
    put(v, "note_label", a->status == ArticleStatus::taken_down ? "Lý do gỡ" : "Lý do trả lại");
    if (!editable) put(v, "body_preview", a->body_html);
    List issues;
    for (const auto& issue : text::check_accessibility(a->body_html)) {
      Data x;
      put(x, "message", issue.message);
      put(x, "blocking", issue.blocking);
      issues.push_back(x);
    }
    put(v, "has_issues", !issues.empty());
    v.set("issues", Data(issues));
    bool own = a->created_by == who.user.id;
    bool approver = can(who.role, Action::publish_article);
    bool submit = a->status == ArticleStatus::draft && can(who.role, Action::submit_article) && (own || approver);
    bool publish = (a->status == ArticleStatus::draft || a->status == ArticleStatus::pending) && approver;
    bool back = a->status == ArticleStatus::pending && can(who.role, Action::return_article);
    bool down = a->status == ArticleStatus::published && can(who.role, Action::take_down_article);
    if (submit || publish || back || down) {
      Data act;
      put(act, "submit", submit);
      put(act, "publish", publish);
      put(act, "send_back", back);
      put(act, "take_down", down);
      put(act, "self_url", article_url(a->id));
      put(act, "csrf", who.session.csrf);
      put(act, "version", std::to_string(a->version));
      v.set("actions", act);
    }
  }
  return page(status, a ? a->title : "Viết bài mới", "admin_article", std::move(v), s, &who, "articles");
}

Response AdminPages::articles(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  ArticleStatus st = ArticleStatus::draft;
  if (auto p = r.param("trang-thai")) {
    auto parsed = parse_article_status(*p);
    if (!parsed) return error(400, s, &who, "Trạng thái không hợp lệ.");
    st = *parsed;
  }
  Data v;
  put(v, "can_write", can(who.role, Action::write_article));
  List tabs;
  for (auto t : {ArticleStatus::draft, ArticleStatus::pending, ArticleStatus::published, ArticleStatus::taken_down}) {
    Data x;
    put(x, "label", status_label(t));
    put(x, "url", std::string("/quan-tri/bai-viet?trang-thai=") + to_string(t));
    put(x, "current", t == st);
    tabs.push_back(x);
  }
  v.set("tabs", Data(tabs));
  auto items = newsroom_.list(who, st, 100);
  List rows;
  for (const auto& a : items) {
    Data x;
    put(x, "title", a.title);
    put(x, "url", article_url(a.id));
    put(x, "date", render::format_datetime(a.updated_at));
    put(x, "date_iso", render::format_iso(a.updated_at));
    rows.push_back(x);
  }
  v.set("rows", Data(rows));
  put(v, "empty", items.empty());
  put(v, "caption", std::string("Bài viết: ") + status_label(st) + ", mới cập nhật trước");
  return page(200, "Bài viết", "admin_articles", std::move(v), s, &who, "articles");
}

Response AdminPages::new_article(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  ArticleDraft d;
  return article_form(200, s, who, nullptr, d, "", "");
}

Response AdminPages::create_article(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return save_article(r, s, who, "");
}

Response AdminPages::save_article(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id_text) {
  Id id = 0;
  if (!id_text.empty()) {
    auto n = parse_id(id_text);
    if (!n) return error(404, s, &who);
    id = *n;
  }
  http::Fields form;
  if (!http::parse_form(r.body, form)) return error(400, s, &who);
  ArticleDraft d = draft_from_form(form, id);
  auto saved = newsroom_.save(who, d, r.remote);
  if (!saved) {
    auto code = saved.status().code();
    if (code == Code::invalid) {  // keep what the user typed, say what is wrong next to it
      std::string msg = sentence(saved.status().message());
      Result<Article> cur = id ? newsroom_.article(who, id) : Result<Article>(Status::error(Code::not_found, ""));
      return article_form(422, s, who, cur ? &*cur : nullptr, d, msg, "");
    }
    if (code == Code::conflict) {
      // Show the newest text and keep the user's in the form's place, so nothing is lost.
      auto cur = newsroom_.article(who, id);
      if (!cur) return error(404, s, &who);
      d.version = cur->version;
      auto res = article_form(409, s, who, &*cur, d,
                              "Bài viết vừa được người khác lưu (phiên bản " + std::to_string(cur->version) +
                                  "). Nội dung bạn vừa gửi vẫn ở trong ô dưới đây: hãy đối chiếu rồi lưu lại.",
                              "");
      return res;
    }
    return failure(s, who, saved.status(), id);
  }
  return Response::redirect(article_url(saved->id) + "?da-luu=1");
}

Response AdminPages::edit_article(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id_text) {
  auto id = parse_id(id_text);
  if (!id) return error(404, s, &who);
  auto a = newsroom_.article(who, *id);
  if (!a) return failure(s, who, a.status(), *id);
  ArticleDraft d = draft_of(*a);
  return article_form(200, s, who, &*a, d, "", r.param("da-luu") ? "Đã lưu." : "");
}

Response AdminPages::article_action(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id_text,
                                    std::string_view action) {
  auto id = parse_id(id_text);
  if (!id) return error(404, s, &who);
  http::Fields form;
  if (!http::parse_form(r.body, form)) return error(400, s, &who);
  auto kind = workflow_step_named(action, false);
  if (!kind) return error(404, s, &who);
  WorkflowStep step{*kind};
  step.version = static_cast<int>(content::parse_positive(form_value(form, "phien-ban"), 1'000'000'000).value_or(0));
  if (std::string when = form_value(form, "thoi-diem"); *kind == WorkflowStep::Kind::publish && !when.empty()) {
    step.publish_at = render::parse_local_datetime(when);
    if (step.publish_at < 0) return failure(s, who, Status::error(Code::invalid, "thời điểm xuất bản không hợp lệ"), *id);
  }
  step.reason = form_value(form, "ly-do");
  step.revision = static_cast<int>(content::parse_positive(form_value(form, "khoi-phuc"), 1'000'000'000).value_or(0));
  auto result = newsroom_.advance(who, *id, step, r.remote);
  if (!result) return failure(s, who, result.status(), *id);
  return Response::redirect(article_url(*id) + "?da-luu=1");
}

Response AdminPages::revisions(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id_text) {
  auto id = parse_id(id_text);
  if (!id) return error(404, s, &who);
  auto a = newsroom_.article(who, *id);
  if (!a) return failure(s, who, a.status(), *id);
  auto revs = newsroom_.revisions(who, *id);
  Data v;
  put(v, "title", a->title);
  put(v, "article_url", article_url(*id));
  put(v, "self_url", article_url(*id) + "/phien-ban");
  put(v, "empty", revs.empty());
  bool editable = Newsroom::may_edit(who, *a);
  List items;
  for (std::size_t i = 0; i < revs.size(); ++i) {
    const auto& rv = revs[i];
    Data x;
    put(x, "version", std::to_string(rv.version));
    put(x, "saved_at", render::format_datetime(rv.saved_at));
    put(x, "saved_by", rv.saved_by_name.empty() ? std::string("hệ thống") : rv.saved_by_name);
    auto lines = [](const Revision& r) {
      std::vector<std::string> l{r.title, r.lead};
      for (auto& b : text::html_blocks(r.body_html)) l.push_back(std::move(b));
      return l;
    };
    std::vector<std::string> before = i + 1 < revs.size() ? lines(revs[i + 1]) : std::vector<std::string>{};
    List diff;
    for (const auto& dl : text::diff_lines(before, lines(rv))) {
      if (dl.kind == text::DiffLine::Kind::same) continue;
      Data y;
      bool add = dl.kind == text::DiffLine::Kind::added;
      put(y, "kind", add ? "add" : "del");
      put(y, "kind_label", add ? "Thêm" : "Bỏ");
      put(y, "text", dl.text);
      diff.push_back(y);
    }
    put(x, "has_diff", !diff.empty());
    x.set("diff", Data(diff));
    put(x, "restorable", editable && i > 0);
    put(x, "restore_url", article_url(*id) + "/khoi-phuc");
    put(x, "csrf", who.session.csrf);
    put(x, "current_version", std::to_string(a->version));
    items.push_back(x);
  }
  v.set("revisions", Data(items));
  return page(200, "Các phiên bản", "admin_revisions", std::move(v), s, &who, "articles");
}

namespace {
std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}
Data royalty_lines(const std::vector<RoyaltyLine>& lines) {
  List l;
  for (const auto& x : lines) {
    Data d;
    put(d, "name", x.name);
    put(d, "articles", std::to_string(x.articles));
    put(d, "points", two_decimals(x.points));
    put(d, "amount", render::group_digits(x.amount));
    l.push_back(d);
  }
  return Data(l);
}
}  // namespace

Response AdminPages::royalties(const http::Request& r, const content::SiteContent& s, const SignedIn& who, bool csv) {
  std::string month = std::string(r.param("thang").value_or(""));
  if (month.empty()) month = render::format_local_datetime(newsroom_.now()).substr(0, 7);
  auto report = newsroom_.royalties(who, month);
  if (!report) return error(400, s, &who, "Tháng phải có dạng YYYY-MM.");
  if (csv) {
    auto res = Response::with(200, http::make_entity("text/csv; charset=utf-8", royalty_csv(*report),
                                                     http::Compression::fast, 0, "no-store"));
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"nhuan-but-" + month + ".csv\"");
    return res;
  }
  Data v;
  put(v, "month", month);
  put(v, "month_label", month.substr(5, 2) + "/" + month.substr(0, 4));
  put(v, "base", render::group_digits(report->base));
  put(v, "base_raw", std::to_string(report->base));
  put(v, "empty", report->rows.empty());
  v.set("by_author", royalty_lines(report->by_author));
  v.set("by_genre", royalty_lines(report->by_genre));
  v.set("total", royalty_lines({report->total}));
  put(v, "can_manage", can(who.role, Action::manage_royalties));
  put(v, "csrf", who.session.csrf);
  put(v, "saved", r.param("da-luu").has_value());
  v.set("genres", genre_list(newsroom_.genres(s.site.id), ""));
  return page(200, "Nhuận bút", "admin_royalties", std::move(v), s, &who, "royalties");
}

Response AdminPages::royalty_rates(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  http::Fields form;
  if (!http::parse_form(r.body, form)) return error(400, s, &who);
  auto number = [](std::string t, double max) -> std::optional<double> {
    std::replace(t.begin(), t.end(), ',', '.');
    if (t.empty() || t.size() > 12 || t.find_first_not_of("0123456789.") != std::string::npos ||
        std::count(t.begin(), t.end(), '.') > 1 || t == ".")
      return std::nullopt;
    double v = std::stod(t);
    if (v > max) return std::nullopt;
    return v;
  };
  auto base = number(form_value(form, "muc-co-so"), 100'000'000);
  std::vector<Genre> list = newsroom_.genres(s.site.id);
  bool ok = base.has_value();
  for (auto& g : list) {
    auto c = number(form_value(form, "he-so-" + g.code), 100);
    if (!c) ok = false;
    else g.coefficient = *c;
  }
  if (!ok) return error(422, s, &who, "Mức cơ sở và hệ số phải là số không âm (hệ số tối đa 100).");
  if (auto st = newsroom_.set_royalty_rates(who, list, static_cast<std::int64_t>(*base), r.remote); !st)
    return error(422, s, &who, st.message());
  return Response::redirect("/quan-tri/nhuan-but?da-luu=1");
}

}  // namespace portico::newsroom
