// Newsroom pages for Q&A moderation. Only roles that handle questions open them: they show
// the sender's name, contact and attachment (personal data, Decree 13/2023). The audit log
// records the steps with the question's number, never the personal data.
#include <filesystem>
#include <fstream>

#include "gov/question_pages.h"
#include "gov/questions.h"
#include "newsroom/admin_forms.h"
#include "newsroom/admin_pages.h"
#include "render/vn_time.h"

namespace portico::newsroom {

namespace {

struct StatusTab {
  std::optional<QuestionStatus> status;
  const char* label;
};

}  // namespace

Response AdminPages::questions(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  std::string wanted(r.param("trang-thai").value_or("new"));
  std::optional<QuestionStatus> status = wanted == "tat-ca" ? std::nullopt : parse_question_status(wanted);
  if (!status && wanted != "tat-ca") return error(400, s, &who, "Trạng thái không hợp lệ.");
  std::int64_t page_no = content::parse_positive(r.param("trang").value_or("1"), 100000).value_or(1);
  Data v = form_page(who, "", false);
  const StatusTab tabs[] = {{QuestionStatus::fresh, "Mới"},           {QuestionStatus::assigned, "Đang xử lý"},
                            {QuestionStatus::answered, "Đã trả lời"}, {QuestionStatus::published, "Đã công khai"},
                            {QuestionStatus::rejected, "Từ chối"},    {std::nullopt, "Tất cả"}};
  List tab_list;
  for (const auto& t : tabs) {
    Data x;
    std::string code = t.status ? to_string(*t.status) : "tat-ca";
    put(x, "url", "/quan-tri/hoi-dap?trang-thai=" + code);
    put(x, "label", t.label);
    put(x, "count", render::group_digits(questions_->count(s.site.id, t.status)));
    put(x, "current", t.status == status);
    tab_list.push_back(x);
  }
  v.set("tabs", tab_list);
  QuestionList l = questions_->queue(s.site.id, status, page_no);
  List rows;
  for (const auto& q : l.items) {
    Data x;
    put(x, "id", std::to_string(q.id));
    put(x, "title", q.title);
    put(x, "topic", q.topic);
    put(x, "date", render::format_datetime(q.created_at));
    put(x, "state", gov::status_label(q.status));
    put(x, "department", q.department);
    rows.push_back(x);
  }
  v.set("questions", rows);
  put(v, "none", rows.empty());
  std::int64_t pages = std::max<std::int64_t>(1, (l.total + 49) / 50);
  v.set("pagination", content::pagination_data(content::PublicPages::paginate(
                          "/quan-tri/hoi-dap?trang-thai=" + (status ? std::string(to_string(*status)) : "tat-ca"), page_no, pages)));
  return page(200, "Hỏi đáp", "admin_questions", std::move(v), s, &who, "questions");
}

Response AdminPages::question_page(int status, const content::SiteContent& s, const SignedIn& who, const Question& q,
                                   const std::string& error_text, bool saved) {
  Data v = form_page(who, error_text, saved);
  put(v, "id", std::to_string(q.id));
  put(v, "code", q.code);
  put(v, "title", q.title);
  put(v, "topic", q.topic);
  put(v, "date", render::format_datetime(q.created_at));
  put(v, "state", gov::status_label(q.status));
  put(v, "name", q.sender_name);
  put(v, "contact", q.sender_contact);
  put(v, "attachment", q.attachment_name);
  v.set("question", content::paragraphs(q.body));
  put(v, "department", q.department);
  put(v, "answer", q.answer);
  put(v, "reason", q.reason);
  put(v, "can_publish", !q.answer.empty() && q.status != QuestionStatus::published && q.status != QuestionStatus::rejected);
  put(v, "is_published", q.status == QuestionStatus::published);
  put(v, "public_url", q.status == QuestionStatus::published ? gov::QuestionPages::path(q.id) : std::string());
  return page(status, "Câu hỏi " + q.code, "admin_question", std::move(v), s, &who, "questions");
}

Response AdminPages::question(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                              std::string_view id_text) {
  auto id = parse_id(id_text);
  auto q = id ? questions_->get(s.site.id, *id) : Result<Question>(Status::error(Code::not_found, ""));
  if (!q) return error(404, s, &who);
  return question_page(200, s, who, *q, "", r.param("da-luu").has_value());
}

Response AdminPages::question_file(const http::Request&, const content::SiteContent& s, const SignedIn& who,
                                   std::string_view id_text) {
  auto id = parse_id(id_text);
  auto q = id ? questions_->get(s.site.id, *id) : Result<Question>(Status::error(Code::not_found, ""));
  if (!q || q->attachment_file.empty()) return error(404, s, &who);
  std::ifstream in(questions_->attachment_path(*q), std::ios::binary);
  if (!in) return error(404, s, &who);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Response res = Response::with(200, http::make_entity(q->attachment_mime, std::move(body), http::Compression::none, 0,
                                                       "no-store"));
  res.headers.emplace_back("Content-Disposition", http::attachment_disposition(q->attachment_name));
  return res;
}

Response AdminPages::question_action(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                     std::string_view id_text, std::string_view action) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  auto id = parse_id(id_text);
  if (!id) return error(404, s, &who);
  Result<Question> done = Status::error(Code::not_found, "");
  Actor by = actor(who, r);
  if (action == "chuyen") done = questions_->assign(by, s.site.id, *id, form_value(form, "don-vi"));
  else if (action == "tra-loi") done = questions_->answer(by, s.site.id, *id, form_value(form, "don-vi"), form_value(form, "tra-loi"));
  else if (action == "cong-khai") done = questions_->publish(by, s.site.id, *id);
  else if (action == "an") done = questions_->unpublish(by, s.site.id, *id);
  else if (action == "tu-choi") done = questions_->reject(by, s.site.id, *id, form_value(form, "ly-do"));
  else return error(404, s, &who);
  if (!done) {
    if (done.status().code() == Code::not_found) return error(404, s, &who);
    auto q = questions_->get(s.site.id, *id);
    if (!q) return error(404, s, &who);
    return question_page(422, s, who, *q, sentence(done.status().message()), false);
  }
  return Response::redirect("/quan-tri/hoi-dap/" + std::to_string(*id) + "?da-luu=1");
}

}  // namespace portico::newsroom
