// The newsroom's articles: the list by state, the editor, workflow steps, revisions.
#include "newsroom/admin_pages.h"

#include <algorithm>
#include <functional>

#include "content/views.h"
#include "newsroom/admin_forms.h"
#include "render/vn_time.h"
#include "text/accessibility.h"
#include "text/diff.h"
#include "text/html.h"
#include "text/unicode.h"

namespace portico::newsroom {

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

namespace {

const char* status_label(ArticleStatus st) {
  switch (st) {
    case ArticleStatus::draft: return "Nháp";
    case ArticleStatus::pending: return "Chờ duyệt";
    case ArticleStatus::published: return "Đã xuất bản";
    case ArticleStatus::taken_down: return "Đã gỡ";
  }
  return "";
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
  bool editable = a ? Newsroom::may_edit(who, *a) : who.may(Action::write_article);
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
  for (const auto& m : need(newsroom_.recent_media(s.site.id))) {
    if (m.mime.rfind("image/", 0) != 0) continue;  // documents cannot be a cover
    Data x;
    put(x, "id", std::to_string(m.id));
    put(x, "alt", m.alt);
    put(x, "selected", m.id == cover);
    images.push_back(x);
  }
  v.set("images", Data(images));
  put(v, "related", d.related.value_or(a ? a->related_override : std::string()));
  v.set("genres", genre_list(need(newsroom_.genres(s.site.id)), d.genre.value_or(a ? a->genre : std::string())));
  put(v, "can_feature", who.may(Action::publish_article));
  put(v, "editable", editable);
  put(v, "error", err);
  put(v, "saved", saved);
  List cats;
  auto all = need(newsroom_.categories(s.site.id));
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
    bool approver = who.may(Action::publish_article);
    bool submit = a->status == ArticleStatus::draft && who.may(Action::submit_article) && (own || approver);
    bool publish = (a->status == ArticleStatus::draft || a->status == ArticleStatus::pending) && approver;
    bool back = a->status == ArticleStatus::pending && who.may(Action::return_article);
    bool down = a->status == ArticleStatus::published && who.may(Action::take_down_article);
    v.set("across", sharing_panels(s, who, *a));
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
  put(v, "can_write", who.may(Action::write_article));
  List tabs;
  for (auto t : {ArticleStatus::draft, ArticleStatus::pending, ArticleStatus::published, ArticleStatus::taken_down}) {
    Data x;
    put(x, "label", status_label(t));
    put(x, "url", std::string("/quan-tri/bai-viet?trang-thai=") + to_string(t));
    put(x, "current", t == st);
    tabs.push_back(x);
  }
  v.set("tabs", Data(tabs));
  auto items = need(newsroom_.list(who, st, 100));
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
  auto revs = need(newsroom_.revisions(who, *id));
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

}  // namespace portico::newsroom
