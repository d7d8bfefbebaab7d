#include "http/forms.h"

#include "http/multipart.h"

namespace portico::http {

std::optional<std::string> posted_field(const Request& r, std::string_view name) {
  if (auto v = r.param(name)) return std::string(*v);
  std::string_view type = r.header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type.empty() || type == "application/x-www-form-urlencoded") {
    Fields form;
    if (!parse_form(r.body, form)) return std::nullopt;
    return form_value(form, name);
  }
  auto boundary = multipart_boundary(r.header("content-type"));
  if (!boundary) return std::nullopt;
  auto parts = parse_multipart(r.body, *boundary);
  if (!parts) return std::nullopt;
  for (const auto& p : *parts)
    if (p.name == name && p.filename.empty()) return p.data;
  return std::string();
}

}  // namespace portico::http
