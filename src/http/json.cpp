#include "http/json.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>

namespace portico::http {

namespace json = boost::json;

namespace {

void write(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: out += "null"; return;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; return;
    case json::kind::int64: out += std::to_string(v.get_int64()); return;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); return;
    case json::kind::double_: {
      double d = v.get_double();
      if (!std::isfinite(d)) {
        out += "null";
        return;
      }
      // The shortest digits that read back as the same double, never an exponent: 248, 2.5, 0.1.
      char buf[400];
      auto r = std::to_chars(buf, buf + sizeof buf, d == 0 ? 0.0 : d, std::chars_format::fixed);
      out.append(buf, r.ptr);
      return;
    }
    case json::kind::string: out += json::serialize(v.get_string()); return;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& x : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write(out, x);
      }
      out += ']';
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [k, x] : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(json::string_view(k));
        out += ':';
        write(out, x);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string to_json(const json::value& v) {
  std::string out;
  write(out, v);
  return out;
}

Response json_response(int status, const json::value& v, std::string cache_control) {
  return Response::with(status, make_entity("application/json; charset=utf-8", to_json(v), Compression::fast, 0,
                                            std::move(cache_control)));
}

Response json_error(int status, std::string_view code, std::string_view message) {
  json::object e{{"code", code}, {"message", message}};
  return json_response(status, json::object{{"error", std::move(e)}});
}

std::string page_links(const std::string& prefix, std::int64_t page, std::int64_t pages) {
  std::string links;
  auto add = [&](std::int64_t n, const char* rel) {
    links += (links.empty() ? "<" : ", <") + prefix + std::to_string(n) + ">; rel=\"" + rel + "\"";
  };
  add(1, "first");
  if (page > 1) add(std::min(page - 1, pages), "prev");
  if (page < pages) add(page + 1, "next");
  add(pages, "last");
  return links;
}

Response page_response(json::array items, std::int64_t page, int per_page, std::int64_t total,
                       const std::string& prefix, json::object more) {
  std::int64_t pages = std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
  if (page > pages) return json_error(404, "page_out_of_range", "Số trang vượt quá số trang hiện có.");
  json::object meta{{"page", page}, {"per_page", per_page}, {"total", total}, {"total_pages", pages}};
  for (auto& [k, v] : more) meta[k] = std::move(v);
  Response res = json_response(200, json::object{{"data", std::move(items)}, {"meta", std::move(meta)}});
  res.headers.emplace_back("Link", page_links(prefix, page, pages));
  return res;
}

}  // namespace portico::http
