// Linear route matching: a portal has a few dozen routes, and the page cache sits in front.
#include "http/router.h"

namespace portico::http {

const char* method_name(Method m) {
  switch (m) {
    case Method::get: return "GET";
    case Method::head: return "HEAD";
    case Method::post: return "POST";
    case Method::put: return "PUT";
    case Method::patch: return "PATCH";
    case Method::del: return "DELETE";
    case Method::options: return "OPTIONS";
    case Method::other: return "OTHER";
  }
  return "OTHER";
}

namespace {
std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}
}  // namespace

void Router::add(Method m, std::string_view pattern, Handler h, std::string about) {
  routes_.push_back({m, split(pattern), std::move(h), std::string(pattern), std::move(about)});
}

std::vector<Router::Entry> Router::list() const {
  std::vector<Entry> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.push_back({r.method, r.pattern, r.about});
  return out;
}

bool Router::match_route(const Route& r, std::string_view path, Params& out) {
  out.values.clear();
  std::size_t pos = 1;  // after the leading '/'
  for (std::size_t i = 0; i < r.segments.size(); ++i) {
    const std::string& seg = r.segments[i];
    if (seg.size() > 3 && seg.rfind("{*", 0) == 0) {
      if (pos > path.size()) return false;
      auto rest = path.substr(pos);
      if (rest.empty()) return false;
      out.values.emplace_back(seg.substr(2, seg.size() - 3), std::string(rest));
      return true;
    }
    if (pos > path.size()) return false;
    auto end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    auto part = path.substr(pos, end - pos);
    if (seg.size() > 2 && seg.front() == '{') {
      if (part.empty()) return false;
      out.values.emplace_back(seg.substr(1, seg.size() - 2), std::string(part));
    } else if (part != seg) {
      return false;
    }
    pos = end + 1;
  }
  return pos == path.size() + 1;
}

Router::Match Router::match(Method m, std::string_view path) const {
  Match result;
  Method want = m == Method::head ? Method::get : m;
  Params params;
  for (const auto& r : routes_) {
    if (!match_route(r, path, params)) continue;
    if (r.method == want) {
      result.outcome = Outcome::matched;
      result.handler = &r.handler;
      result.params = std::move(params);
      return result;
    }
    result.outcome = Outcome::method_not_allowed;
    if (result.allow.find(method_name(r.method)) == std::string::npos) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += method_name(r.method);
      if (r.method == Method::get) result.allow += ", HEAD";
    }
  }
  return result;
}

}  // namespace portico::http
