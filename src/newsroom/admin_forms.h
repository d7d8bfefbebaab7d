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

// The names every handler file of the newsroom uses.
using http::form_value;
using http::Response;
using render::Data;
using render::List;
using render::put;

// An article's page in the newsroom.
inline std::string article_url(Id id) { return "/quan-tri/bai-viet/" + std::to_string(id); }

// The editor form's fields as the article has them now (cover, genre, related: kept as they are).
inline ArticleDraft draft_of(const Article& a) {
  return ArticleDraft{a.id, a.version, a.category_id, a.title, a.lead, a.body_html, a.source, a.author, a.is_featured};
}

// The account and address of a request, for the services that write the audit log.
inline Actor actor(const SignedIn& who, const http::Request& r) { return {who.user.id, who.user.name, r.remote}; }
using text::sentence;

// What every form page of the newsroom starts with: the session's CSRF token and the
// notices the `_admin_notices` partial shows (an error, or "Đã lưu.").
// The genres of the royalty table as options, `selected` marked (the editor and the royalties page).
render::Data genre_list(const std::vector<Genre>& genres, std::string_view selected);

inline render::Data form_page(const SignedIn& who, const std::string& error, bool saved) {
  render::Data v;
  render::put(v, "csrf", who.session.csrf);
  render::put(v, "error", error);
  render::put(v, "saved", saved);
  return v;
}

}  // namespace portico::newsroom
