// Unicode helpers built on ICU.
#include "text/unicode.h"

#include <memory>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace portico::text {

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned c = *p;
    if (c < 0x80) { ++p; continue; }
    int n;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else return false;
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return false;
    if (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) return false;
    p += n + 1;
  }
  return true;
}

std::string repair_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    // The longest valid sequence starting here (1 to 4 bytes), else one replacement.
    std::size_t n = 0;
    for (std::size_t len = 1; len <= 4 && i + len <= s.size(); ++len)
      if (is_valid_utf8(s.substr(i, len))) n = len;
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

namespace {
bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}
}  // namespace

std::string to_nfc(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (U_FAILURE(err)) return std::string(s);
  if (nfc->isNormalized(u, err) && U_SUCCESS(err)) return std::string(s);
  err = U_ZERO_ERROR;
  icu::UnicodeString out = nfc->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  std::string r;
  out.toUTF8String(r);
  return r;
}

std::string fold(std::string_view s) {
  if (is_ascii(s)) {
    std::string r(s);
    for (auto& c : r)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString d = nfd->normalize(u, err);
  if (U_FAILURE(err)) d = u;
  icu::UnicodeString out;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0110 || c == 0x0111) c = 'd';  // Đ đ have no decomposition
    out.append(u_foldCase(c, U_FOLD_CASE_DEFAULT));
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

std::string to_upper(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper(icu::Locale("vi"));
  std::string r;
  u.toUTF8String(r);
  return r;
}

std::string slugify(std::string_view s, std::size_t max_len) {
  std::string f = fold(s);
  std::string r;
  bool dash = false;
  for (unsigned char c : f) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (dash && !r.empty()) r += '-';
      dash = false;
      r += static_cast<char>(c);
    } else {
      dash = true;
    }
  }
  if (r.size() > max_len) {
    auto cut = r.rfind('-', max_len);
    r.resize(cut == std::string::npos || cut == 0 ? max_len : cut);
  }
  return r;
}

std::string index_words(std::string_view s, bool folded) {
  std::string f = folded ? fold(s) : std::string(s);
  std::string out;
  out.reserve(f.size());
  bool gap = false;
  const auto* p = reinterpret_cast<const std::uint8_t*>(f.data());
  auto n = static_cast<int32_t>(f.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    bool word = c >= 0 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK);
    if (!word) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += ' ';
    gap = false;
    c = u_tolower(c);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(buf, static_cast<std::size_t>(len));
  }
  return out;
}

std::vector<std::string> words(std::string_view s, std::size_t min_len) {
  std::vector<std::string> out;
  std::string slug = slugify(s, std::string::npos);
  std::size_t start = 0;
  while (start < slug.size()) {
    auto end = slug.find('-', start);
    if (end == std::string::npos) end = slug.size();
    if (end - start >= min_len) out.emplace_back(slug.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int vi_compare(std::string_view a, std::string_view b) {
  // One collator per thread, cloned from one built at first use (a Collator's compare is
  // not documented as safe from several threads at once).
  static const icu::Collator* const base = [] {
    UErrorCode e = U_ZERO_ERROR;
    icu::Collator* c = icu::Collator::createInstance(icu::Locale("vi"), e);
    return U_SUCCESS(e) ? c : nullptr;
  }();
  thread_local std::unique_ptr<icu::Collator> coll(base ? base->clone() : nullptr);
  if (coll) {
    UErrorCode e = U_ZERO_ERROR;
    UCollationResult r = coll->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                           icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), e);
    if (U_SUCCESS(e) && r != UCOL_EQUAL) return r == UCOL_LESS ? -1 : 1;
  }
  return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
}

std::string_view trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string sentence(std::string msg) {
  if (msg.empty()) return msg;
  std::size_t first = 1;  // bytes of the first character
  while (first < msg.size() && (static_cast<unsigned char>(msg[first]) & 0xC0) == 0x80) ++first;
  return to_upper(msg.substr(0, first)) + msg.substr(first) + ".";
}

std::string cut(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  constexpr std::string_view kEllipsis = "…";
  std::size_t n = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // not inside a character
  return std::string(s.substr(0, n)) + std::string(kEllipsis);
}

}  // namespace portico::text
