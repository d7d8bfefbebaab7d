// A small RFC 7578 reader: boundaries, part headers, Content-Disposition parameters.
#include "http/multipart.h"

#include <cctype>

namespace portico::http {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// name="value" or name=value among "; "-separated parameters.
std::optional<std::string> param(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    ++pos;
    std::string_view rest = trim(header.substr(pos));
    auto eq = rest.find('=');
    if (eq == std::string_view::npos) continue;
    if (lower(trim(rest.substr(0, eq))) != name) continue;
    std::string_view v = rest.substr(eq + 1);
    if (!v.empty() && v.front() == '"') {
      std::string out;
      for (std::size_t i = 1; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) out += v[++i];
        else if (v[i] == '"') return out;
        else out += v[i];
      }
      return std::nullopt;  // unterminated quote
    }
    auto end = v.find(';');
    return std::string(trim(v.substr(0, end)));
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  auto semi = content_type.find(';');
  if (lower(trim(content_type.substr(0, semi))) != "multipart/form-data") return std::nullopt;
  auto b = param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70) return std::nullopt;
  return b;
}

std::optional<std::vector<Part>> parse_multipart(std::string_view body, std::string_view boundary) {
  std::string delim = "--" + std::string(boundary);
  std::vector<Part> parts;
  if (body.substr(0, delim.size()) != delim) return std::nullopt;
  std::size_t pos = delim.size();
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return std::nullopt;
    Part part;
    bool disposition = false;
    std::string_view headers = body.substr(pos, head_end - pos);
    while (!headers.empty()) {
      auto eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      std::string name = lower(trim(line.substr(0, colon)));
      std::string_view value = trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        if (lower(value.substr(0, value.find(';'))) != "form-data") return std::nullopt;
        auto n = param(value, "name");
        if (!n) return std::nullopt;
        part.name = *n;
        part.filename = param(value, "filename").value_or("");
        disposition = true;
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!disposition) return std::nullopt;
    std::size_t data_start = head_end + 4;
    auto next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return std::nullopt;
    part.data = std::string(body.substr(data_start, next - data_start));
    parts.push_back(std::move(part));
    pos = next + 2 + delim.size();
    if (parts.size() > 100) return std::nullopt;
  }
}

}  // namespace portico::http
