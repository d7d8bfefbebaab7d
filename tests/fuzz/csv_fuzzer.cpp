// libFuzzer target: CSV imports. Nothing crashes; a file that parses has valid UTF-8 fields
// within the row limit, and a row written back with csv_line parses to the same fields
// (except those csv_field guards against spreadsheet formulas with a leading "'", and a
// leading byte-order mark).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "text/csv.h"
#include "text/unicode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace portico::text;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto rows = parse_csv(in, 50);
  if (!rows) return 0;
  if (rows->size() > 50) std::abort();
  for (const auto& row : *rows) {
    bool plain = !row.fields.empty();
    for (const auto& f : row.fields) {
      if (!is_valid_utf8(f)) std::abort();
      if (f.empty() || f.find_first_of("=+-@'") != std::string::npos)
        plain = false;
    }
    // A byte-order mark is read only at the start of a file, so a field that begins with one
    // does not come back from a file of its own.
    if (!plain || row.fields.front().rfind("\xEF\xBB\xBF", 0) == 0) continue;
    auto again = parse_csv(csv_line(row.fields));
    if (!again || again->size() != 1 || again->front().fields != row.fields) {
      std::fprintf(stderr, "csv_line does not round-trip: %s\n", csv_line(row.fields).c_str());
      for (const auto& f : row.fields) std::fprintf(stderr, "[%s] ", f.c_str());
      if (again && !again->empty())
        for (const auto& f : again->front().fields) std::fprintf(stderr, "<%s> ", f.c_str());
      std::abort();
    }
  }
  return 0;
}
