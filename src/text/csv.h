// RFC 4180 CSV, as spreadsheets write it: an optional UTF-8 byte-order mark, CRLF or LF,
// quoted fields with "" for a quote and line breaks inside, comma, semicolon or tab
// separators (Excel in some locales writes ";", a pasted range has tabs; the header line decides). Used by the CSV imports.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace portico::text {

struct CsvRow {
  int line = 0;  // the physical line the record starts on, 1-based (for import reports)
  std::vector<std::string> fields;
};

// Fails (invalid) on invalid UTF-8, an unterminated quote, a quote inside an unquoted field,
// more than max_rows records or a field over 100,000 bytes. Blank lines are skipped. Fields
// are trimmed of surrounding spaces and stored in NFC.
Result<std::vector<CsvRow>> parse_csv(std::string_view text, std::size_t max_rows = 10000);

// One field, quoted where needed (separator, quote, line break); text that starts with "=",
// "+", "-" or "@" and is not a number is prefixed with "'" so spreadsheets do not run it as
// a formula.
std::string csv_field(std::string_view s);
// One record of csv_field()s ending in CRLF.
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace portico::text
