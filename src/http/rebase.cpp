#include "http/rebase.h"

namespace portico::http {

namespace {

bool shared_file(std::string_view path) {
  for (std::string_view p : {"/static/", "/media/", "/giao-dien/"})
    if (path.starts_with(p)) return true;
  return false;
}

}  // namespace

bool strip_base(std::string_view base, std::string& path) {
  if (base.empty() || !path.starts_with(base)) return false;
  if (path.size() == base.size()) {
    path = "/";
    return true;
  }
  if (path[base.size()] != '/') return false;
  path.erase(0, base.size());
  return true;
}

std::string rebase_html(std::string_view html, std::string_view base) {
  std::string out;
  out.reserve(html.size() + html.size() / 50);
  std::size_t from = 0;
  for (std::size_t at = html.find("=\"/"); at != std::string_view::npos; at = html.find("=\"/", at + 3)) {
    std::string_view value = html.substr(at + 2);
    if (value.starts_with("//") || shared_file(value)) continue;
    out.append(html.substr(from, at + 2 - from));
    out.append(base);
    from = at + 2;
  }
  out.append(html.substr(from));
  return out;
}

void rebase(Response& res, std::string_view base) {
  if (base.empty()) return;
  for (auto& [name, value] : res.headers) {
    if (name == "Location" && value.starts_with("/") && !value.starts_with("//")) value.insert(0, base);
    if (name == "Set-Cookie")
      if (auto at = value.find("; Path=/quan-tri"); at != std::string::npos) value.insert(at + 7, base);
  }
  const auto& e = res.entity;
  if (!e || !e->file.empty() || !e->content_type.starts_with("text/html")) return;
  res.entity = make_entity(e->content_type, rebase_html(e->identity, base), e->compression, e->last_modified,
                           e->cache_control);
}

}  // namespace portico::http
