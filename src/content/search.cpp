// Query parsing and snippets for search.
#include "content/search.h"

#include <algorithm>

#include "text/html.h"
#include "text/unicode.h"

namespace portico::content {

namespace {

// Length of the UTF-8 sequence starting with byte c (1 for invalid lead bytes).
std::size_t seq_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// Letters and digits are word characters: ASCII alphanumerics and every non-ASCII code
// point except the punctuation and space blocks (Latin-1 symbols, General Punctuation,
// CJK and full-width punctuation).
bool word_char(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  char32_t cp = 0;
  std::size_t n = seq_len(c);
  if (i + n > s.size()) return false;
  cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  if (cp >= 0xA0 && cp <= 0xBF) return false;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x206F) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
  return true;
}

// Splits into words; `stops` records for each word whether a '*' follows it directly.
std::vector<std::string> split_words(std::string_view s, std::vector<bool>* stars = nullptr) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!word_char(s, i)) {
      i += seq_len(static_cast<unsigned char>(s[i]));
      continue;
    }
    std::size_t start = i;
    while (i < s.size() && word_char(s, i)) i += seq_len(static_cast<unsigned char>(s[i]));
    out.emplace_back(s.substr(start, i - start));
    if (stars) stars->push_back(i < s.size() && s[i] == '*');
  }
  return out;
}

}  // namespace

ParsedSearch parse_search(std::string_view raw) {
  ParsedSearch q;
  std::string text = text::to_nfc(text::repair_utf8(raw));
  if (text.size() > ParsedSearch::kMaxBytes) {
    std::size_t cut = ParsedSearch::kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    q.truncated = true;
  }
  // Quoted parts are phrases (an unclosed quote runs to the end); the rest are single words.
  std::size_t i = 0;
  auto& terms = q.text.terms;
  auto add = [&](std::string_view part, bool phrase) {
    std::vector<bool> stars;
    auto words = split_words(part, &stars);
    if (words.empty()) return;
    if (phrase) {
      terms.push_back({words, {}, false});
      return;
    }
    for (std::size_t k = 0; k < words.size(); ++k) terms.push_back({{words[k]}, {}, bool(stars[k])});
  };
  while (i < text.size()) {
    std::size_t open = text.find('"', i);
    add(std::string_view(text).substr(i, open == std::string::npos ? std::string::npos : open - i), false);
    if (open == std::string::npos) break;
    std::size_t close = text.find('"', open + 1);
    add(std::string_view(text).substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1), true);
    if (close == std::string::npos) break;
    i = close + 1;
  }
  if (terms.size() > ParsedSearch::kMaxItems) {
    terms.resize(ParsedSearch::kMaxItems);
    q.truncated = true;
  }
  for (auto& item : terms)
    for (const auto& w : item.words) {
      auto f = split_words(text::fold(w));  // folding keeps one word one word, but be sure
      std::string joined;
      for (const auto& x : f) joined += (joined.empty() ? "" : " ") + x;
      item.folded.push_back(joined);
    }
  std::erase_if(terms, [](const TextQuery::Term& item) {
    return std::any_of(item.folded.begin(), item.folded.end(), [](const std::string& f) { return f.empty(); });
  });
  return q;
}

std::string search_snippet(std::string_view text, const ParsedSearch& q, std::size_t max_words) {
  // Words are folded one by one as they are read, and reading stops once the first match
  // and the words after it are in hand: most bodies are never folded whole.
  struct Word {
    std::size_t start, end;
    std::string folded;
  };
  std::vector<Word> words;
  std::vector<bool> hit;
  std::size_t first = std::string::npos;
  for (std::size_t i = 0; i < text.size();) {
    if (!word_char(text, i)) {
      i += seq_len(static_cast<unsigned char>(text[i]));
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && word_char(text, i)) i += seq_len(static_cast<unsigned char>(text[i]));
    words.push_back({start, i, text::fold(text.substr(start, i - start))});
    hit.push_back(false);
    // Does an item end at this word?
    for (const auto& item : q.text.terms) {
      std::size_t n = item.folded.size();
      if (n == 0 || words.size() < n) continue;
      std::size_t w = words.size() - n;
      bool match = true;
      for (std::size_t k = 0; k < n && match; ++k) {
        const std::string& want = item.folded[k];
        bool prefix = item.prefix && k + 1 == n;
        match = prefix ? words[w + k].folded.compare(0, want.size(), want) == 0 : words[w + k].folded == want;
      }
      if (!match) continue;
      for (std::size_t k = 0; k < n; ++k) hit[w + k] = true;
      first = std::min(first, w);
    }
    std::size_t from = first == std::string::npos ? 0 : (first > 8 ? first - 8 : 0);
    if ((first != std::string::npos || words.size() >= 4000) && words.size() >= from + max_words) break;
  }
  if (words.empty()) return {};
  std::size_t from = first == std::string::npos ? 0 : (first > 8 ? first - 8 : 0);
  std::size_t to = std::min(words.size(), from + max_words);
  std::string out = from > 0 ? "… " : "";
  std::size_t at = words[from].start;
  for (std::size_t w = from; w < to; ++w) {
    out += text::escape_html(text.substr(at, words[w].start - at));
    std::string word = text::escape_html(text.substr(words[w].start, words[w].end - words[w].start));
    out += hit[w] ? "<mark>" + word + "</mark>" : word;
    at = words[w].end;
  }
  // The rest of the text: an ellipsis, or the closing punctuation when nothing follows.
  std::string_view rest = text.substr(at);
  bool words_follow = false;
  for (std::size_t i = 0; i < rest.size() && !words_follow; i += seq_len(static_cast<unsigned char>(rest[i])))
    words_follow = word_char(rest, i);
  out += words_follow ? " …" : text::escape_html(rest);
  return out;
}

}  // namespace portico::content
