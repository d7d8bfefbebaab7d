// Vietnamese-aware Unicode helpers: UTF-8 validation, NFC, search folding, slugs.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace portico::text {

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);

// Replaces each invalid UTF-8 sequence with U+FFFD; valid input is returned as is.
std::string repair_utf8(std::string_view s);

// Canonical composition (NFC). Input must be valid UTF-8.
std::string to_nfc(std::string_view s);

// Search key: case folded, diacritics removed, đ/Đ → d. "Đảng Viên" → "dang vien".
std::string fold(std::string_view s);

// Upper case with Vietnamese rules: "Huyện Yên Sơn" → "HUYỆN YÊN SƠN".
std::string to_upper(std::string_view s);

// Vietnamese alphabetical order (ICU's "vi" collation): a < ă < â < b … d < đ < e < ê …,
// tones after letters ("Đất đai" before "Em", "Ăn uống" before "Bò"); byte order breaks
// ties, so that only equal strings compare equal. Negative, zero or positive.
int vi_compare(std::string_view a, std::string_view b);
inline bool vi_less(std::string_view a, std::string_view b) { return vi_compare(a, b) < 0; }

// Without the spaces and tabs around it.
std::string_view trim(std::string_view s);

// At most max_bytes of valid UTF-8 s, cut on a character boundary and ending in "…" when
// cut (for what is stored or logged from input of any length).
std::string cut(std::string_view s, std::size_t max_bytes);
// A service message ("tiêu đề cần có") as a sentence for the page ("Tiêu đề cần có.").
std::string sentence(std::string msg);

// URL slug: ASCII letters and digits joined by '-', at most max_len bytes, cut at a word.
// "Gỡ khó phát triển đảng viên" → "go-kho-phat-trien-dang-vien".
std::string slugify(std::string_view s, std::size_t max_len = 80);

// Folded words of at least min_len bytes, in order, duplicates kept.
std::vector<std::string> words(std::string_view s, std::size_t min_len = 2);

// The words of s as a search index sees them: runs of letters, marks and digits in lower
// case (and folded, when `folded`), one space apart; punctuation of any script separates
// words, as SQLite's unicode61 tokenizer does. Invalid UTF-8 bytes separate words too.
std::string index_words(std::string_view s, bool folded);

}  // namespace portico::text
