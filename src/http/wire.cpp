// What the server reads from a request's head and chooses for its answer, without Beast.
#include "http/wire.h"

#include <algorithm>

namespace portico::http {

Coding choose_coding(std::string_view accept, const Entity& e) {
  if (!e.compressible() || accept.empty()) return Coding::identity;
  auto offers = [&](std::string_view name) {
    std::size_t pos = 0;
    while ((pos = accept.find(name, pos)) != std::string_view::npos) {
      bool start_ok = pos == 0 || accept[pos - 1] == ' ' || accept[pos - 1] == ',';
      std::size_t end = pos + name.size();
      bool end_ok = end == accept.size() || accept[end] == ',' || accept[end] == ';' || accept[end] == ' ';
      if (start_ok && end_ok) {
        auto comma = accept.find(',', end);
        auto params = accept.substr(end, comma == std::string_view::npos ? std::string_view::npos : comma - end);
        auto q = params.find("q=");
        if (q == std::string_view::npos) return true;
        auto val = params.substr(q + 2);
        return !(val.rfind("0", 0) == 0 && val.find_first_of("123456789") == std::string_view::npos);
      }
      pos = end;
    }
    return false;
  };
  if (offers("br") && e.coded(Coding::br)) return Coding::br;
  if (offers("gzip") && e.coded(Coding::gzip)) return Coding::gzip;
  return Coding::identity;
}

std::string variant_etag(const std::string& etag, Coding c, Compression level) {
  if (etag.size() < 2 || c == Coding::identity) return etag;
  std::string tag = etag.substr(0, etag.size() - 1) + (c == Coding::br ? "-br" : "-gz");
  if (level == Compression::reused) tag += 'r';
  return tag + '"';
}

bool etag_matches(std::string_view inm, const std::string& etag) {
  if (inm == "*") return true;
  std::string_view base(etag);
  base = base.substr(0, base.size() - 1);  // without the closing quote
  std::size_t pos = 0;
  while (pos < inm.size()) {
    auto comma = inm.find(',', pos);
    auto tag = inm.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    if (tag.rfind(base, 0) == 0) {
      auto rest = tag.substr(base.size());
      if (rest == "\"" || rest == "-br\"" || rest == "-gz\"" || rest == "-brr\"" || rest == "-gzr\"") return true;
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return false;
}

Request head_from_bytes(std::string_view raw, const std::string& remote) {
  Request r;
  r.remote = remote;
  raw = raw.substr(0, std::min<std::size_t>(raw.find("\r\n"), 4096));
  auto sp = raw.find(' ');
  if (sp == std::string_view::npos) return r;
  std::string_view target = raw.substr(sp + 1);
  target = target.substr(0, target.find(' '));
  r.method = target.empty() ? Method::other : Method::get;
  r.target = std::string(target.substr(0, 2048));
  r.path = std::string(target.substr(0, std::min<std::size_t>(target.find('?'), 2048)));
  return r;
}

int framing_problem(const Request& req, bool chunked) {
  bool any = false;
  std::size_t codings = 0;
  for (const auto& [k, v] : req.headers) {
    if (k != "transfer-encoding") continue;
    any = true;
    std::string_view list = v;
    while (!list.empty()) {
      auto comma = list.find(',');
      std::string_view item = list.substr(0, comma);
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
      if (!item.empty()) ++codings;
    }
  }
  if (!any) return 0;
  if (!chunked) return 400;
  return codings == 1 ? 0 : 501;
}

}  // namespace portico::http
