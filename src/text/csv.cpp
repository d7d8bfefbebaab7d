// A small CSV reader and writer (RFC 4180 with the habits of spreadsheets).
#include "text/csv.h"

#include <cstdlib>

#include "text/unicode.h"

namespace portico::text {

namespace {

constexpr std::size_t kMaxField = 100000;

// The separator of the first line: a tab (pasted from a spreadsheet) or ';' when the line has
// more of them than commas, outside quotes.
char separator_of(std::string_view text) {
  int commas = 0, semis = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == ';') ++semis;
    else if (!quoted && c == '\t') ++tabs;
  }
  if (tabs > commas && tabs >= semis) return '\t';
  return semis > commas ? ';' : ',';
}

bool is_number(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  std::string z(s);
  char* end = nullptr;
  std::strtod(z.c_str(), &end);
  return end == z.c_str() + z.size();
}

}  // namespace

Result<std::vector<CsvRow>> parse_csv(std::string_view text, std::size_t max_rows) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!is_valid_utf8(text)) return Status::error(Code::invalid, "tệp CSV không phải UTF-8 hợp lệ (hãy lưu dạng CSV UTF-8)");
  const char sep = separator_of(text);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool quoted = false, was_quoted = false, any = false;
  int line = 1;
  row.line = 1;
  auto end_field = [&]() -> bool {
    if (field.size() > kMaxField) return false;
    row.fields.push_back(to_nfc(was_quoted ? std::string_view(field) : trim(field)));
    field.clear();
    was_quoted = false;
    return true;
  };
  auto end_row = [&]() -> Status {
    if (!end_field()) return Status::error(Code::invalid, "dòng " + std::to_string(row.line) + ": một ô quá dài");
    bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) {
      if (rows.size() >= max_rows)
        return Status::error(Code::invalid, "tệp có quá " + std::to_string(max_rows) + " dòng");
      rows.push_back(std::move(row));
    }
    row = CsvRow{};
    row.line = line;
    return Status::ok();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (!trim(field).empty())
        return Status::error(Code::invalid, "dòng " + std::to_string(line) + ": dấu ngoặc kép nằm giữa một ô không được bao");
      field.clear();
      quoted = was_quoted = true;
    } else if (c == sep) {
      if (!end_field()) return Status::error(Code::invalid, "dòng " + std::to_string(row.line) + ": một ô quá dài");
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      if (auto st = end_row(); !st) return st;
    } else if (was_quoted) {
      if (c != ' ' && c != '\t')
        return Status::error(Code::invalid, "dòng " + std::to_string(line) + ": có ký tự sau dấu ngoặc kép đóng");
    } else {
      field += c;
    }
  }
  if (quoted) return Status::error(Code::invalid, "dòng " + std::to_string(row.line) + ": thiếu dấu ngoặc kép đóng");
  if (any && (!field.empty() || !row.fields.empty() || was_quoted))
    if (auto st = end_row(); !st) return st;
  return rows;
}

std::string csv_field(std::string_view s) {
  std::string v(s);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@') && !is_number(v)) v = "'" + v;
  // Quoted when it holds a separator, a quote or a line break, or starts or ends with white
  // space (an unquoted field is read trimmed).
  bool padded = !v.empty() && (v.front() == ' ' || v.back() == ' ' || v.front() == '\t' || v.back() == '\t');
  if (!padded && v.find_first_of(",;\t\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  return out + "\r\n";
}

}  // namespace portico::text
