// libFuzzer target: what readers type into search. Nothing crashes or takes long on any
// input; the query is bounded (kMaxItems words, kMaxBytes), and the FTS5 expression has
// every quote paired, so nothing typed reaches FTS5 as syntax. Snippets of the input itself
// never break out of their markup.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "content/search.h"
#include "text/html_safety.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace portico::content;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  ParsedSearch q = parse_search(in);
  if (q.items.size() > ParsedSearch::kMaxItems) std::abort();
  std::size_t quotes = 0;
  for (char c : q.match) quotes += c == '"';
  if (quotes % 2) {
    std::fprintf(stderr, "unpaired quote in %s\n", q.match.c_str());
    std::abort();
  }
  std::string snippet = search_snippet(in, q);
  if (auto bad = portico::text::unsafe_markup(snippet); !bad.empty()) {
    std::fprintf(stderr, "unsafe snippet (%s): %s\n", bad.c_str(), snippet.c_str());
    std::abort();
  }
  return 0;
}
