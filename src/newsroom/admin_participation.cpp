// Newsroom pages for drafts open for comment and for the leaders' work schedule. Editing
// both needs manage_documents; reading the comments (names and contacts: personal data)
// needs handle_questions, like Q&A.
#include "gov/drafts.h"
#include "gov/schedule.h"
#include "newsroom/admin_forms.h"
#include "newsroom/admin_pages.h"
#include "render/vn_time.h"

namespace portico::newsroom {

Response AdminPages::drafts(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  Data v = form_page(who, "", r.param("da-luu").has_value());
  List rows;
  std::int64_t now = drafts_->now();
  for (const auto& d : need(drafts_->all(s.site.id))) {
    Data x;
    put(x, "id", std::to_string(d.id));
    put(x, "title", d.title);
    put(x, "closes", render::format_datetime(d.closes_at));
    put(x, "state", now < d.opens_at ? "Chưa mở" : now < d.closes_at ? "Đang lấy ý kiến" : "Đã hết hạn");
    put(x, "comments", std::to_string(d.comments));
    rows.push_back(x);
  }
  put(v, "none", rows.empty());
  v.set("drafts", rows);
  return page(200, "Lấy ý kiến dự thảo", "admin_drafts", std::move(v), s, &who, "drafts");
}

Response AdminPages::draft_page(int status, const content::SiteContent& s, const SignedIn& who, Id id,
                                const gov::DraftInput& in, const std::string& error_text, bool saved) {
  Data v = form_page(who, error_text, saved);
  put(v, "action", id ? "/quan-tri/lay-y-kien/" + std::to_string(id) : std::string("/quan-tri/lay-y-kien"));
  put(v, "heading", id ? "Sửa dự thảo" : std::string("Thêm dự thảo lấy ý kiến"));
  put(v, "editing", id != 0);
  put(v, "title", in.title);
  put(v, "agency", in.agency);
  put(v, "summary", in.summary);
  put(v, "body_html", in.body_html);
  put(v, "opens", in.opens);
  put(v, "closes", in.closes);
  if (id) {
    if (auto d = drafts_->get(s.site.id, id)) put(v, "public_url", gov::Drafts::path(d->slug));
    put(v, "can_read", who.may(Action::handle_questions));
    if (who.may(Action::handle_questions)) {
      List comments;
      for (const auto& c : need(drafts_->comments(s.site.id, id))) {
        Data x;
        put(x, "name", c.sender_name);
        put(x, "contact", c.sender_contact);
        put(x, "date", render::format_datetime(c.created_at));
        x.set("body", content::paragraphs(c.body));
        comments.push_back(x);
      }
      put(v, "no_comments", comments.empty());
      v.set("comments", comments);
    }
  }
  return page(status, id ? "Sửa dự thảo" : "Thêm dự thảo", "admin_draft", std::move(v), s, &who, "drafts");
}

Response AdminPages::draft_form(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                std::string_view id_text) {
  if (id_text == "moi") {
    std::int64_t now = drafts_->now();
    return draft_page(200, s, who, 0, {"", "", "", "", render::format_local_datetime(now),
                                       render::format_local_datetime(now + 30 * 86400)}, "", false);
  }
  auto id = parse_id(id_text);
  auto d = id ? drafts_->get(s.site.id, *id) : Result<Draft>(Status::error(Code::not_found, ""));
  if (!d) return error(404, s, &who);
  return draft_page(200, s, who, d->id, {d->title, d->agency, d->summary, d->body_html, render::format_local_datetime(d->opens_at),
                                         render::format_local_datetime(d->closes_at)}, "", r.param("da-luu").has_value());
}

Response AdminPages::draft_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                std::string_view id_text) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  std::optional<Id> id;
  if (!id_text.empty() && !(id = parse_id(id_text))) return error(404, s, &who);
  if (id && !drafts_->get(s.site.id, *id)) return error(404, s, &who);
  if (id && form_value(form, "xoa") == "1") {
    if (auto st = drafts_->remove(actor(who, r), s.site.id, *id); !st)
      return st.code() == Code::not_found ? error(404, s, &who) : error(503, s, &who, sentence(st.message()));
    return Response::redirect("/quan-tri/lay-y-kien?da-luu=1");
  }
  gov::DraftInput in{form_value(form, "ten"), form_value(form, "co-quan"), form_value(form, "tom-tat"),
                     form_value(form, "noi-dung"), form_value(form, "bat-dau"), form_value(form, "han")};
  auto saved = drafts_->save(actor(who, r), s.site.id, id.value_or(0), in);
  if (!saved) return draft_page(422, s, who, id.value_or(0), in, sentence(saved.status().message()), false);
  return Response::redirect("/quan-tri/lay-y-kien/" + std::to_string(*saved) + "?da-luu=1");
}

Response AdminPages::schedule_page(int status, const content::SiteContent& s, const SignedIn& who,
                                   const http::Request& r, const gov::ScheduleInput& in, const std::string& error_text,
                                   bool saved) {
  std::string week(r.param("tuan").value_or(""));
  std::int64_t monday = schedule_->week_of(week);
  if (monday < 0) monday = schedule_->week_of("");
  Data v = schedule_->week_data(s.site.id, monday, "/quan-tri/lich-cong-tac");
  put(v, "csrf", who.session.csrf);
  put(v, "error", error_text);
  put(v, "saved", saved);
  put(v, "week", render::format_day_iso(monday));
  put(v, "heading", "Lịch công tác tuần " + render::format_day(monday) + " – " + render::format_day(monday + 6));
  put(v, "starts", in.starts.empty() ? render::format_day_iso(monday) + "T08:00" : in.starts);
  put(v, "leader", in.leader);
  put(v, "content", in.content);
  put(v, "place", in.place);
  put(v, "attendees", in.attendees);
  return page(status, "Lịch công tác", "admin_schedule", std::move(v), s, &who, "schedule");
}

Response AdminPages::schedule(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return schedule_page(200, s, who, r, {}, "", r.param("da-luu").has_value());
}

Response AdminPages::schedule_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                   std::string_view id_text) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  std::string back = "/quan-tri/lich-cong-tac?tuan=" + http::url_encode(form_value(form, "tuan"));
  if (!id_text.empty()) {
    auto id = parse_id(id_text);
    if (!id || !schedule_->remove(actor(who, r), s.site.id, *id)) return error(404, s, &who);
    return Response::redirect(back + "&da-luu=1");
  }
  gov::ScheduleInput in{form_value(form, "thoi-gian"), form_value(form, "lanh-dao"), form_value(form, "noi-dung"),
                        form_value(form, "dia-diem"), form_value(form, "thanh-phan")};
  auto saved = schedule_->save(actor(who, r), s.site.id, 0, in);
  if (!saved) return schedule_page(422, s, who, r, in, sentence(saved.status().message()), false);
  std::int64_t t = render::parse_local_datetime(in.starts);
  return Response::redirect("/quan-tri/lich-cong-tac?tuan=" + render::format_day_iso(render::vn_day(t)) + "&da-luu=1");
}

}  // namespace portico::newsroom
