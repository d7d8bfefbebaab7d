// libFuzzer target: what readers type into search. Nothing crashes or takes long on any
// input; the query is bounded (kMaxItems words, kMaxBytes), and its words hold letters and
// digits only, so nothing typed reaches a backend's query language as syntax. Snippets of
// the input itself never break out of their markup.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "content/search.h"
#include "text/html_safety.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace portico::content;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  ParsedSearch q = parse_search(in);
  if (q.text.terms.size() > ParsedSearch::kMaxItems) std::abort();
  // Words are letters and digits only (a folded one may be several, one space apart): no
  // backend's query syntax can come through.
  for (const auto& t : q.text.terms) {
    if (t.words.empty() || t.words.size() != t.folded.size()) std::abort();
    for (const auto* list : {&t.words, &t.folded})
      for (const auto& w : *list) {
        bool folded = list == &t.folded;
        if (w.empty() || w.front() == ' ' || w.back() == ' ' || w.find("  ") != std::string::npos) std::abort();
        for (unsigned char c : w)
          if (c < 0x80 && !std::isalnum(c) && !(folded && c == ' ')) {
            std::fprintf(stderr, "syntax in a word: %s\n", w.c_str());
            std::abort();
          }
      }
  }
  std::string snippet = search_snippet(in, q);
  if (auto bad = portico::text::unsafe_markup(snippet); !bad.empty()) {
    std::fprintf(stderr, "unsafe snippet (%s): %s\n", bad.c_str(), snippet.c_str());
    std::abort();
  }
  return 0;
}
