// libFuzzer target: request targets, form bodies, redirect targets and Range headers, as an
// attacker sends them. Nothing crashes; a parsed path is valid UTF-8 without control bytes
// or ".." segments; a redirect target is always a path on this site; a range lies inside the
// body; url_encode and parse_form round-trip any UTF-8 value.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/message.h"
#include "text/unicode.h"

using namespace portico;

namespace {

void check(bool ok, const char* what, std::string_view in) {
  if (ok) return;
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(in.size()), in.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  http::Request req;
  if (http::parse_target(in, req).empty()) {
    check(text::is_valid_utf8(req.path), "path not UTF-8", in);
    check(!req.path.empty() && req.path[0] == '/', "path not absolute", in);
    for (unsigned char c : req.path) check(c >= 0x20 && c != 0x7f, "control byte in path", in);
    check(req.path.find("/../") == std::string::npos, "dot-dot segment in path", in);
    for (const auto& [k, v] : req.query) check(text::is_valid_utf8(k) && text::is_valid_utf8(v), "query not UTF-8", in);
  }

  std::string to = http::same_site_path(in);
  check(!to.empty() && to[0] == '/', "redirect not a path", in);
  check(to.size() < 2 || (to[1] != '/' && to[1] != '\\'), "redirect to another host", in);
  for (unsigned char c : to) check(c > 0x20 && c != 0x7f && c != '\\', "space, control byte or backslash in redirect", in);
  check(http::same_site_path(to) == to, "redirect target not stable", in);

  http::Fields form;
  http::parse_form(in, form);
  // Forms carry UTF-8 without control bytes (line breaks aside): other bytes are refused or
  // read as spaces, encoded or not. Any other value comes back as it was, in NFC.
  http::Fields back;
  bool plain = text::is_valid_utf8(in);
  for (unsigned char c : in) plain = plain && (c >= 0x20 || c == '\n' || c == '\r') && c != 0x7f;
  if (plain)
    check(http::parse_form("v=" + http::url_encode(in), back) && back.size() == 1 && back[0].second == text::to_nfc(in),
          "url_encode does not round-trip", in);

  for (std::size_t body : {std::size_t{0}, std::size_t{1}, std::size_t{1000}}) {
    bool unsatisfiable = false;
    if (auto r = http::parse_range(in, body, unsatisfiable))
      check(r->first <= r->last && r->last < body, "range outside the body", in);
  }
  return 0;
}
