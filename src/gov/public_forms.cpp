// Signed form times and the honeypot check.
#include "gov/public_forms.h"

#include <algorithm>
#include <cctype>

#include "core/secrets.h"
#include "text/unicode.h"

namespace portico::gov {

namespace {

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

}  // namespace

Status check_utf8(std::initializer_list<std::string_view> fields) {
  for (std::string_view f : fields)
    if (!text::is_valid_utf8(f)) return Status::error(Code::invalid, "dữ liệu không phải UTF-8 hợp lệ");
  return Status::ok();
}

std::string plain_text(std::string_view in) {
  std::string out;
  for (char c : text::to_nfc(in))
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
  std::size_t b = out.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return out.substr(b, out.find_last_not_of(" \t\r\n") - b + 1);
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Status check_sender(const std::string& name, const std::string& contact) {
  if (char_count(name) < 2 || char_count(name) > 100) return Status::error(Code::invalid, "họ và tên cần từ 2 đến 100 ký tự");
  if (contact.size() > 200 || (!is_email(contact) && !is_phone(contact)))
    return Status::error(Code::invalid, "cần số điện thoại (9 đến 15 chữ số) hoặc địa chỉ thư điện tử hợp lệ");
  return Status::ok();
}

std::string PublicForms::token() const {
  std::string t = std::to_string(clock_.now());
  return t + "." + sign(key_, "bieu-mau|" + t);
}

Status PublicForms::check(const FormGuard& guard) const {
  if (!guard.honeypot.empty())
    return Status::error(Code::invalid, "biểu mẫu có trường ẩn bị điền: nếu bạn là người gửi, hãy tải lại trang và gửi lại");
  auto dot = guard.token.find('.');
  std::string issued = guard.token.substr(0, dot);
  if (dot == std::string::npos || issued.empty() || issued.size() > 12 ||
      issued.find_first_not_of("0123456789") != std::string::npos ||
      !verify_signature(key_, "bieu-mau|" + issued, guard.token.substr(dot + 1)))
    return Status::error(Code::forbidden, "biểu mẫu không hợp lệ hoặc đã hết hạn; vui lòng tải lại trang");
  std::int64_t age = clock_.now() - std::stoll(issued);
  if (age > kMaxFormAge) return Status::error(Code::forbidden, "biểu mẫu đã quá một ngày; vui lòng tải lại trang");
  if (age < kMinFillSeconds)
    return Status::error(Code::invalid, "biểu mẫu được gửi quá nhanh sau khi mở; vui lòng đọc lại rồi gửi");
  return Status::ok();
}

}  // namespace portico::gov
