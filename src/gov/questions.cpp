// Q&A: validation, anti-spam, tracking codes and moderation.
#include "gov/questions.h"

#include <algorithm>
#include <cctype>

#include "content/search.h"
#include "gov/documents.h"
#include "gov/public_forms.h"
#include "http/assets.h"
#include "media/images.h"
#include "core/secrets.h"
#include "text/unicode.h"

namespace portico::gov {

namespace {

constexpr const char* kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // no 0/O, 1/I

std::string new_code() {
  std::string token = random_key();  // 32 random bytes: byte % 32 is uniform
  std::string code = "HD-";
  for (int i = 0; i < 8; ++i) {
    if (i == 4) code += '-';
    code += kCodeAlphabet[static_cast<unsigned char>(token[static_cast<std::size_t>(i)]) % 32];
  }
  return code;
}

}  // namespace

const char* status_label(QuestionStatus s) {
  switch (s) {
    case QuestionStatus::fresh: return "Đã tiếp nhận, chờ xử lý";
    case QuestionStatus::assigned: return "Đang xử lý";
    case QuestionStatus::answered: return "Đã trả lời";
    case QuestionStatus::published: return "Đã trả lời và công khai";
    case QuestionStatus::rejected: return "Không tiếp nhận";
  }
  return "";
}

const std::vector<std::string>& Questions::topics() {
  static const std::vector<std::string> list = {
      "Hành chính – Tư pháp", "Đất đai – Xây dựng", "Giáo dục – Đào tạo", "Y tế – Bảo hiểm",
      "Lao động – Việc làm",  "Nông nghiệp – Môi trường", "Chính sách xã hội", "Góp ý khác"};
  return list;
}

Result<std::string> Questions::submit(Id site_id, const QuestionInput& in) {
  if (auto st = check_utf8({in.name, in.contact, in.topic, in.title, in.body, in.attachment_name}); !st) return st;
  Question q;
  q.site_id = site_id;
  q.sender_name = plain_text(in.name);
  q.sender_contact = plain_text(in.contact);
  q.topic = plain_text(in.topic);
  q.title = plain_text(in.title);
  q.body = plain_text(in.body);
  if (auto st = check_sender(q.sender_name, q.sender_contact); !st) return st;
  const auto& list = topics();
  if (std::find(list.begin(), list.end(), q.topic) == list.end()) return Status::error(Code::invalid, "hãy chọn một lĩnh vực trong danh sách");
  if (char_count(q.title) < 5 || char_count(q.title) > 200) return Status::error(Code::invalid, "tiêu đề cần từ 5 đến 200 ký tự");
  if (q.title.find('\n') != std::string::npos) return Status::error(Code::invalid, "tiêu đề chỉ có một dòng");
  if (char_count(q.body) < 10 || char_count(q.body) > 10000) return Status::error(Code::invalid, "nội dung cần từ 10 đến 10.000 ký tự");
  media::Upload written(files_);  // removed again unless the question is stored
  if (!in.attachment.empty()) {
    std::string ext;
    if (auto doc = media::sniff_document(in.attachment)) ext = doc->extension;
    else if (auto img = media::sniff_image(in.attachment))
      ext = *img == media::ImageType::jpeg ? "jpg" : *img == media::ImageType::png ? "png" : "webp";
    else
      return Status::error(Code::unsupported, "tệp đính kèm phải là PDF, Word, Excel, OpenDocument hoặc ảnh JPEG, PNG, WebP");
    auto file = written.write("hoi-dap", ext, in.attachment);
    if (!file) return Status::error(Code::io, "không lưu được tệp đính kèm");
    q.attachment_file = *file;
    q.attachment_name = Documents::download_name(in.attachment_name, ext);
    q.attachment_mime = http::content_type_for(q.attachment_file);
  }
  q.created_at = clock_.now();
  for (int attempt = 0; attempt < 5; ++attempt) {  // a code collision is a conflict: draw again
    q.code = new_code();
    auto id = store_.create_question(q);
    if (id) {
      written.keep();
      return q.code;
    }
    if (id.status().code() != Code::conflict) return id.status();
  }
  return Status::error(Code::io, "không tạo được mã tra cứu");
}

Result<Question> Questions::by_code(Id site_id, std::string_view code) {
  std::string c;
  for (char ch : code)
    if (ch != ' ') c += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (c.rfind("HD-", 0) != 0 && c.size() == 8) c = "HD-" + c.substr(0, 4) + "-" + c.substr(4);  // typed without dashes
  if (c.size() != 12) return Status::error(Code::not_found, "mã tra cứu có dạng HD-XXXX-XXXX");
  return store_.question_by_code(site_id, c);
}

Result<QuestionList> Questions::published(Id site_id, const std::string& words, const std::string& topic,
                                          std::int64_t page) {
  QuestionQuery q;
  q.site_id = site_id;
  q.status = QuestionStatus::published;
  if (!plain_text(words).empty()) {
    auto parsed = content::parse_search(words);
    if (parsed.text.empty()) return Status::error(Code::invalid, "từ khoá cần có ít nhất một chữ hoặc số");
    q.text = std::move(parsed.text);
  }
  q.topic = topic;
  q.limit = kPageSize;
  q.offset = static_cast<int>(std::min<std::int64_t>((page - 1) * kPageSize, 1'000'000'000));
  return need(store_.questions(q));  // callers take an error for bad words: this one is a 503
}

Result<Question> Questions::published_one(Id site_id, Id id) {
  auto q = store_.question(site_id, id);
  if (!q || q->status != QuestionStatus::published) return Status::error(Code::not_found, "không có câu hỏi này");
  return q;
}

QuestionList Questions::queue(Id site_id, std::optional<QuestionStatus> status, std::int64_t page) {
  QuestionQuery q;
  q.site_id = site_id;
  q.status = status;
  q.limit = 50;
  q.offset = static_cast<int>(std::min<std::int64_t>((page - 1) * 50, 1'000'000'000));
  return need(store_.questions(q));
}

std::int64_t Questions::count(Id site_id, std::optional<QuestionStatus> status) {
  QuestionQuery q;
  q.site_id = site_id;
  q.status = status;
  q.limit = 0;
  return need(store_.questions(q)).total;
}

Result<Question> Questions::update(const Actor& who, std::string_view action, Id site_id, Id id,
                                   const std::function<Status(Question&)>& change) {
  auto q = store_.question(site_id, id);
  if (!q) return q.status();
  if (auto st = change(*q); !st) return st;
  q->updated_at = clock_.now();
  if (auto st = store_.update_question(*q); !st) return st;
  return announce(site_id, std::move(q), who, action, std::to_string(id));
}

Result<Question> Questions::assign(const Actor& who, Id site_id, Id id, std::string department) {
  department = plain_text(department);
  return update(who, "question_chuyen", site_id, id, [&](Question& q) -> Status {
    if (department.empty() || char_count(department) > 200) return Status::error(Code::invalid, "cần tên đơn vị xử lý (tối đa 200 ký tự)");
    q.department = department;
    if (q.status == QuestionStatus::fresh || q.status == QuestionStatus::rejected) q.status = QuestionStatus::assigned;
    q.reason.clear();
    return Status::ok();
  });
}

Result<Question> Questions::answer(const Actor& who, Id site_id, Id id, std::string department, std::string text) {
  department = plain_text(department);
  text = plain_text(text);
  return update(who, "question_tra-loi", site_id, id, [&](Question& q) -> Status {
    if (char_count(text) < 5 || char_count(text) > 20000) return Status::error(Code::invalid, "câu trả lời cần từ 5 đến 20.000 ký tự");
    if (!department.empty()) q.department = department;
    if (q.department.empty()) return Status::error(Code::invalid, "cần tên đơn vị trả lời");
    q.answer = text;
    q.reason.clear();
    if (q.status != QuestionStatus::published) q.status = QuestionStatus::answered;
    return Status::ok();
  });
}

Result<Question> Questions::publish(const Actor& who, Id site_id, Id id) {
  return update(who, "question_cong-khai", site_id, id, [&](Question& q) -> Status {
    if (q.answer.empty()) return Status::error(Code::invalid, "chỉ công khai được câu hỏi đã có câu trả lời");
    if (q.status == QuestionStatus::rejected) return Status::error(Code::invalid, "câu hỏi đã bị từ chối");
    q.status = QuestionStatus::published;
    if (!q.published_at) q.published_at = clock_.now();
    return Status::ok();
  });
}

Result<Question> Questions::unpublish(const Actor& who, Id site_id, Id id) {
  return update(who, "question_an", site_id, id, [&](Question& q) -> Status {
    if (q.status != QuestionStatus::published) return Status::error(Code::invalid, "câu hỏi chưa được công khai");
    q.status = QuestionStatus::answered;
    return Status::ok();
  });
}

Result<Question> Questions::reject(const Actor& who, Id site_id, Id id, std::string reason) {
  reason = plain_text(reason);
  return update(who, "question_tu-choi", site_id, id, [&](Question& q) -> Status {
    if (char_count(reason) < 5 || char_count(reason) > 2000) return Status::error(Code::invalid, "cần lý do từ chối (từ 5 ký tự)");
    q.status = QuestionStatus::rejected;
    q.reason = reason;
    return Status::ok();
  });
}

std::string Questions::attachment_path(const Question& q) const {
  return files_.path(q.attachment_file);
}

}  // namespace portico::gov
