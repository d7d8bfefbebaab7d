// Small helpers shared by the newsroom's page handlers (admin_*.cpp).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "content/content_service.h"
#include "http/message.h"
#include "newsroom/newsroom.h"
#include "render/templates.h"
#include "text/unicode.h"

namespace portico::newsroom {

inline constexpr const char* kStaleForm = "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang.";

// A record id in a path or a form ("12"); nullopt for anything else.
inline std::optional<Id> parse_id(std::string_view s) { return content::parse_positive(s, 1'000'000'000'000); }

// The first value of a form field; empty when absent.
inline std::string form_value(const http::Fields& f, std::string_view name) {
  for (const auto& [k, v] : f)
    if (k == name) return v;
  return {};
}

// A service message ("tiêu đề cần có") as a sentence for the page ("Tiêu đề cần có.").
inline std::string sentence(std::string msg) {
  if (msg.empty()) return msg;
  std::size_t first = 1;  // bytes of the first character
  while (first < msg.size() && (static_cast<unsigned char>(msg[first]) & 0xC0) == 0x80) ++first;
  return text::to_upper(msg.substr(0, first)) + msg.substr(first) + ".";
}

// What every form page of the newsroom starts with: the session's CSRF token and the
// notices the `_admin_notices` partial shows (an error, or "Đã lưu.").
inline render::Data form_page(const SignedIn& who, const std::string& error, bool saved) {
  render::Data v;
  render::put(v, "csrf", who.session.csrf);
  render::put(v, "error", error);
  render::put(v, "saved", saved);
  return v;
}

}  // namespace portico::newsroom
