// For tests and the fuzzer: does sanitised HTML contain anything that could run script?
// Independent of the sanitiser's own allow-list, so the two check each other.
#pragma once
#include <cctype>
#include <string>
#include <string_view>
#include <utility>

namespace portico::text {

// Returns an empty string when safe, otherwise what was found.
inline std::string unsafe_markup(std::string_view html) {
  std::string lower;
  lower.reserve(html.size());
  for (char c : html) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Text is escaped, so '<' only ever opens a tag: these elements must not appear at all.
  for (const char* bad : {"<script", "<style", "<iframe", "<object", "<embed", "<svg", "<math", "<form", "<input",
                          "<link", "<meta", "<base", "<template", "<!--"}) {
    if (lower.find(bad) != std::string::npos) return bad;
  }
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  // Each tag: <name attr="value" attr2 ...>; values are double-quoted in sanitiser output.
  std::size_t i = 0;
  while ((i = lower.find('<', i)) != std::string::npos) {
    ++i;
    while (i < lower.size() && !space(lower[i]) && lower[i] != '>') ++i;  // tag name
    for (;;) {
      while (i < lower.size() && space(lower[i])) ++i;
      if (i >= lower.size()) return "unclosed tag";
      if (lower[i] == '>') break;
      std::size_t name_start = i;
      while (i < lower.size() && !space(lower[i]) && lower[i] != '=' && lower[i] != '>') ++i;
      std::string name = lower.substr(name_start, i - name_start);
      std::string value;
      if (i < lower.size() && lower[i] == '=') {
        ++i;
        if (i >= lower.size() || lower[i] != '"') return "unquoted attribute value";
        auto close = lower.find('"', i + 1);
        if (close == std::string::npos) return "unclosed attribute value";
        value = lower.substr(i + 1, close - i - 1);
        i = close + 1;
      }
      if (name.rfind("on", 0) == 0) return "event handler " + name;
      if (name == "style") return "style attribute";
      if (name == "href" || name == "src" || name == "action" || name == "background" || name == "xlink:href") {
        // What a browser reads: character references decoded (the sanitiser writes only
        // these five), white space and control characters ignored in the scheme.
        std::string decoded;
        for (std::size_t k = 0; k < value.size(); ++k) {
          bool hit = false;
          for (auto [ref, ch] : {std::pair{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}}) {
            std::string_view r(ref);
            if (value.compare(k, r.size(), r) == 0) {
              decoded += ch;
              k += r.size() - 1;
              hit = true;
              break;
            }
          }
          if (!hit) decoded += value[k];
        }
        std::string scheme;
        for (char c : decoded)
          if (!space(c) && static_cast<unsigned char>(c) >= 0x20) scheme += c;
        for (const char* bad : {"javascript:", "vbscript:", "data:"})
          if (scheme.rfind(bad, 0) == 0) return std::string("script url ") + bad;
      }
    }
    ++i;
  }
  return {};
}

}  // namespace portico::text
