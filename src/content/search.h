// Vietnamese search: the reader's words become a TextQuery (store.h; each backend writes it
// in its own query language), and the results get snippets cut from the original text
// with the matching words marked.
//
// Readers type with or without accents, in any case, in NFC or NFD: every word is matched
// folded (text::fold: no case, no diacritics, đ → d) and, as typed, against the unfolded
// columns, which only adds to the rank. "…" is a phrase; a word ending in * is a prefix.
// Nothing the reader types reaches a query language as syntax: words are letters and digits.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "store/model.h"

namespace portico::content {

struct ParsedSearch {
  TextQuery text;           // empty when there is nothing to search
  bool truncated = false;   // the query was cut to kMaxItems words or kMaxBytes
  static constexpr std::size_t kMaxItems = 12;
  static constexpr std::size_t kMaxBytes = 300;
};

ParsedSearch parse_search(std::string_view query);

// About `words` words of `text` around the first match, HTML-escaped, matches in <mark>.
std::string search_snippet(std::string_view text, const ParsedSearch& q, std::size_t words = 32);

}  // namespace portico::content
