// Q&A: validation, anti-spam, tracking codes and moderation.
#include "gov/questions.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "content/search.h"
#include "gov/documents.h"
#include "http/assets.h"
#include "media/images.h"
#include "newsroom/accounts.h"
#include "text/unicode.h"

namespace portico::gov {

namespace {

constexpr std::int64_t kMaxFormAge = 24 * 3600;
constexpr const char* kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // no 0/O, 1/I

std::string trim(std::string s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Characters, not bytes.
std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Plain text keeps its line breaks and tabs; other control characters are dropped.
std::string plain(std::string s) {
  std::string out;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
  return trim(out);
}

bool is_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  auto dot = s.find('.', at + 2);
  if (dot == std::string_view::npos || dot + 1 >= s.size()) return false;
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20; });
}

bool is_phone(std::string_view s) {
  int digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c == '+' && i == 0) continue;
    else if (c != ' ' && c != '.' && c != '-') return false;
  }
  return digits >= 9 && digits <= 15;
}

std::string new_code() {
  std::string token = newsroom::random_key();  // 32 random bytes: byte % 32 is uniform
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

std::string Questions::form_token() const {
  std::string t = std::to_string(clock_.now());
  return t + "." + newsroom::sign(key_, "hoi-dap|" + t);
}

Result<std::string> Questions::submit_form(Id site_id, const QuestionInput& in, const FormGuard& guard) {
  if (!guard.honeypot.empty())
    return Status::error(Code::invalid, "biểu mẫu có trường ẩn bị điền: nếu bạn là người gửi, hãy tải lại trang và gửi lại");
  auto dot = guard.token.find('.');
  std::string issued = guard.token.substr(0, dot);
  if (dot == std::string::npos || issued.empty() || issued.size() > 12 ||
      issued.find_first_not_of("0123456789") != std::string::npos ||
      !newsroom::verify_signature(key_, "hoi-dap|" + issued, guard.token.substr(dot + 1)))
    return Status::error(Code::forbidden, "biểu mẫu không hợp lệ hoặc đã hết hạn; vui lòng tải lại trang");
  std::int64_t age = clock_.now() - std::stoll(issued);
  if (age > kMaxFormAge) return Status::error(Code::forbidden, "biểu mẫu đã quá một ngày; vui lòng tải lại trang");
  if (age < kMinFillSeconds)
    return Status::error(Code::invalid, "biểu mẫu được gửi quá nhanh sau khi mở; vui lòng đọc lại rồi gửi");
  return submit(site_id, in);
}

Result<std::string> Questions::submit(Id site_id, const QuestionInput& in) {
  for (const auto* s : {&in.name, &in.contact, &in.topic, &in.title, &in.body, &in.attachment_name})
    if (!text::is_valid_utf8(*s)) return Status::error(Code::invalid, "dữ liệu không phải UTF-8 hợp lệ");
  Question q;
  q.site_id = site_id;
  q.sender_name = plain(text::to_nfc(in.name));
  q.sender_contact = plain(text::to_nfc(in.contact));
  q.topic = trim(text::to_nfc(in.topic));
  q.title = plain(text::to_nfc(in.title));
  q.body = plain(text::to_nfc(in.body));
  if (length(q.sender_name) < 2 || length(q.sender_name) > 100) return Status::error(Code::invalid, "họ và tên cần từ 2 đến 100 ký tự");
  if (!is_email(q.sender_contact) && !is_phone(q.sender_contact))
    return Status::error(Code::invalid, "cần số điện thoại (9 đến 15 chữ số) hoặc địa chỉ thư điện tử hợp lệ");
  if (q.sender_contact.size() > 200) return Status::error(Code::invalid, "thông tin liên hệ quá dài");
  const auto& list = topics();
  if (std::find(list.begin(), list.end(), q.topic) == list.end()) return Status::error(Code::invalid, "hãy chọn một lĩnh vực trong danh sách");
  if (length(q.title) < 5 || length(q.title) > 200) return Status::error(Code::invalid, "tiêu đề cần từ 5 đến 200 ký tự");
  if (q.title.find('\n') != std::string::npos) return Status::error(Code::invalid, "tiêu đề chỉ có một dòng");
  if (length(q.body) < 10 || length(q.body) > 10000) return Status::error(Code::invalid, "nội dung cần từ 10 đến 10.000 ký tự");
  if (!in.attachment.empty()) {
    std::string ext;
    if (auto doc = media::sniff_document(in.attachment)) ext = doc->extension;
    else if (auto img = media::sniff_image(in.attachment))
      ext = *img == media::ImageType::jpeg ? "jpg" : *img == media::ImageType::png ? "png" : "webp";
    else
      return Status::error(Code::unsupported, "tệp đính kèm phải là PDF, Word, Excel, OpenDocument hoặc ảnh JPEG, PNG, WebP");
    std::string token = newsroom::random_token().substr(0, 16);
    std::replace(token.begin(), token.end(), '_', '-');
    q.attachment_file = "hoi-dap-" + token + "." + ext;
    q.attachment_name = Documents::download_name(in.attachment_name, ext);
    q.attachment_mime = http::content_type_for(q.attachment_file);
    std::error_code ec;
    std::filesystem::create_directories(private_dir_, ec);
    std::ofstream out(std::filesystem::path(private_dir_) / q.attachment_file, std::ios::binary | std::ios::trunc);
    out.write(in.attachment.data(), static_cast<std::streamsize>(in.attachment.size()));
    out.close();
    if (!out) return Status::error(Code::io, "không lưu được tệp đính kèm");
  }
  q.created_at = clock_.now();
  for (int attempt = 0; attempt < 5; ++attempt) {  // a code collision is a conflict: draw again
    q.code = new_code();
    auto id = store_.create_question(q);
    if (id) return q.code;
    if (id.status().code() != Code::conflict) {
      if (!q.attachment_file.empty()) std::filesystem::remove(attachment_path(q));
      return id.status();
    }
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
  if (!trim(words).empty()) {
    auto parsed = content::parse_search(words);
    if (parsed.match.empty()) return Status::error(Code::invalid, "từ khoá cần có ít nhất một chữ hoặc số");
    q.match = parsed.match;
  }
  q.topic = topic;
  q.limit = kPageSize;
  q.offset = static_cast<int>(std::min<std::int64_t>((page - 1) * kPageSize, 1'000'000'000));
  return store_.questions(q);
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
  return store_.questions(q);
}

Result<Question> Questions::update(Id site_id, Id id, const std::function<Status(Question&)>& change) {
  auto q = store_.question(site_id, id);
  if (!q) return q.status();
  if (auto st = change(*q); !st) return st;
  q->updated_at = clock_.now();
  if (auto st = store_.update_question(*q); !st) return st;
  changed(site_id);
  return q;
}

Result<Question> Questions::assign(Id site_id, Id id, std::string department) {
  department = trim(plain(department));
  return update(site_id, id, [&](Question& q) -> Status {
    if (department.empty() || length(department) > 200) return Status::error(Code::invalid, "cần tên đơn vị xử lý (tối đa 200 ký tự)");
    q.department = department;
    if (q.status == QuestionStatus::fresh || q.status == QuestionStatus::rejected) q.status = QuestionStatus::assigned;
    q.reason.clear();
    return Status::ok();
  });
}

Result<Question> Questions::answer(Id site_id, Id id, std::string department, std::string text) {
  department = trim(plain(department));
  text = plain(text);
  return update(site_id, id, [&](Question& q) -> Status {
    if (length(text) < 5 || length(text) > 20000) return Status::error(Code::invalid, "câu trả lời cần từ 5 đến 20.000 ký tự");
    if (!department.empty()) q.department = department;
    if (q.department.empty()) return Status::error(Code::invalid, "cần tên đơn vị trả lời");
    q.answer = text;
    q.reason.clear();
    if (q.status != QuestionStatus::published) q.status = QuestionStatus::answered;
    return Status::ok();
  });
}

Result<Question> Questions::publish(Id site_id, Id id) {
  return update(site_id, id, [&](Question& q) -> Status {
    if (q.answer.empty()) return Status::error(Code::invalid, "chỉ công khai được câu hỏi đã có câu trả lời");
    if (q.status == QuestionStatus::rejected) return Status::error(Code::invalid, "câu hỏi đã bị từ chối");
    q.status = QuestionStatus::published;
    if (!q.published_at) q.published_at = clock_.now();
    return Status::ok();
  });
}

Result<Question> Questions::unpublish(Id site_id, Id id) {
  return update(site_id, id, [&](Question& q) -> Status {
    if (q.status != QuestionStatus::published) return Status::error(Code::invalid, "câu hỏi chưa được công khai");
    q.status = QuestionStatus::answered;
    return Status::ok();
  });
}

Result<Question> Questions::reject(Id site_id, Id id, std::string reason) {
  reason = plain(reason);
  return update(site_id, id, [&](Question& q) -> Status {
    if (length(reason) < 5 || length(reason) > 2000) return Status::error(Code::invalid, "cần lý do từ chối (từ 5 ký tự)");
    q.status = QuestionStatus::rejected;
    q.reason = reason;
    return Status::ok();
  });
}

std::string Questions::attachment_path(const Question& q) const {
  return (std::filesystem::path(private_dir_) / q.attachment_file).string();
}

}  // namespace portico::gov
