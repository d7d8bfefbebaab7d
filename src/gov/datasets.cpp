// Dataset tables, numbers in Vietnamese, and the SVG charts.
#include "gov/datasets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "gov/public_forms.h"
#include "text/csv.h"
#include "text/html.h"
#include "text/unicode.h"

namespace portico::gov {

namespace {

constexpr std::size_t kMaxRows = 500;
constexpr std::size_t kMaxSeries = 8;
// Series colours, each at least 4.5:1 against white and told apart by the legend and table too.
constexpr const char* kColors[] = {"#a50e0e", "#1f5fa8", "#2e6b30", "#6a3d9a", "#8a4b00", "#00606b", "#7a1f5c", "#444444"};

std::optional<double> parse_number(std::string s, bool& bad) {
  bad = false;
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  if (s.empty()) return std::nullopt;
  bool negative = s[0] == '-';
  std::string digits = negative ? s.substr(1) : s;
  // Vietnamese: "." groups thousands ("1.111", "12.500,5"); "," is the decimal mark.
  bool grouped = false;
  if (auto dot = digits.find('.'); dot != std::string::npos && dot >= 1 && dot <= 3) {
    grouped = true;
    std::size_t i = dot;
    while (i < digits.size() && digits[i] == '.') {
      if (i + 4 > digits.size() || digits.find_first_not_of("0123456789", i + 1) < i + 4) {
        grouped = false;
        break;
      }
      i += 4;
      if (i < digits.size() && digits[i] != '.' && digits[i] != ',') grouped = false;
      if (i < digits.size() && digits[i] == ',') break;
    }
  }
  if (grouped) digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  if (digits.find(',') != std::string::npos) {
    if (digits.find('.') != std::string::npos || std::count(digits.begin(), digits.end(), ',') > 1) {
      bad = true;
      return std::nullopt;
    }
    std::replace(digits.begin(), digits.end(), ',', '.');
  }
  if (digits.empty() || digits.find_first_not_of("0123456789.") != std::string::npos ||
      std::count(digits.begin(), digits.end(), '.') > 1 || digits.front() == '.' || digits.back() == '.') {
    bad = true;
    return std::nullopt;
  }
  double v = std::strtod(digits.c_str(), nullptr);
  if (!std::isfinite(v) || std::abs(v) > 1e15) {
    bad = true;
    return std::nullopt;
  }
  return negative ? -v : v;
}

std::string num(double v) {  // for SVG coordinates
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A round step for about five grid lines up to max.
double nice_step(double max) {
  if (max <= 0) return 1;
  double raw = max / 5, mag = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

}  // namespace

std::string format_number(double v) {
  char buf[64];
  double r = std::round(v * 100) / 100;
  bool whole = std::abs(r - std::round(r)) < 1e-9;
  std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.2f", std::abs(r));
  std::string s = buf, frac;
  if (auto dot = s.find('.'); dot != std::string::npos) {
    frac = "," + s.substr(dot + 1);
    while (frac.back() == '0') frac.pop_back();
    s = s.substr(0, dot);
  }
  std::string grouped;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) grouped += '.';
    grouped += s[i];
  }
  return (r < 0 ? "-" : "") + grouped + frac;
}

Result<Table> parse_table(std::string_view csv) {
  auto rows = text::parse_csv(csv, kMaxRows + 1);
  if (!rows) return rows.status();
  if (rows->size() < 2) return Status::error(Code::invalid, "bảng cần một dòng tiêu đề và ít nhất một dòng số liệu");
  const auto& head = rows->front().fields;
  if (head.size() < 2) return Status::error(Code::invalid, "bảng cần ít nhất hai cột: nhãn và một dãy số");
  if (head.size() - 1 > kMaxSeries) return Status::error(Code::invalid, "bảng có tối đa 8 dãy số");
  Table t;
  t.label_heading = head[0];
  for (std::size_t i = 1; i < head.size(); ++i) {
    if (head[i].empty()) return Status::error(Code::invalid, "cột " + std::to_string(i + 1) + " chưa có tên");
    t.series.push_back(head[i]);
  }
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const auto& f = (*rows)[r].fields;
    int line = (*rows)[r].line;
    if (f.size() > head.size()) return Status::error(Code::invalid, "dòng " + std::to_string(line) + " có nhiều ô hơn dòng tiêu đề");
    if (f[0].empty()) return Status::error(Code::invalid, "dòng " + std::to_string(line) + " chưa có nhãn");
    t.labels.push_back(f[0]);
    std::vector<std::optional<double>> values;
    for (std::size_t c = 1; c < head.size(); ++c) {
      bool bad = false;
      values.push_back(c < f.size() ? parse_number(f[c], bad) : std::nullopt);
      if (bad)
        return Status::error(Code::invalid, "dòng " + std::to_string(line) + ", cột \"" + head[c] + "\": \"" + f[c] +
                                                "\" không phải số");
    }
    t.values.push_back(std::move(values));
  }
  return t;
}

std::string table_csv(const Table& t) {
  std::vector<std::string> head{t.label_heading};
  head.insert(head.end(), t.series.begin(), t.series.end());
  std::string out = text::csv_line(head);
  for (std::size_t r = 0; r < t.labels.size(); ++r) {
    std::vector<std::string> row{t.labels[r]};
    for (const auto& v : t.values[r]) {
      if (!v) {
        row.emplace_back();
        continue;
      }
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.10g", *v);  // plain for machines; the page shows Vietnamese
      row.emplace_back(buf);
    }
    out += text::csv_line(row);
  }
  return out;
}

std::string chart_svg(const Table& t, const std::string& kind, const std::string& title, const std::string& unit,
                      std::string& summary) {
  const std::size_t n = t.labels.size(), k = t.series.size();
  double max = 0;
  for (const auto& row : t.values)
    for (const auto& v : row)
      if (v) max = std::max(max, *v);
  double step = nice_step(max), top = std::max(step, std::ceil(max / step) * step);
  // Words for every figure: the text alternative.
  summary = std::string(kind == "line" ? "Biểu đồ đường" : "Biểu đồ cột") + " “" + title + "”" +
            (unit.empty() ? "" : " (đơn vị: " + unit + ")") + ". ";
  for (std::size_t r = 0; r < n; ++r) {
    summary += t.labels[r] + ": ";
    for (std::size_t s = 0; s < k; ++s)
      summary += t.series[s] + " " + (t.values[r][s] ? format_number(*t.values[r][s]) : "không có số liệu") +
                 (s + 1 < k ? ", " : "");
    summary += r + 1 < n ? "; " : ".";
  }
  const double W = 600, left = 64, right = 16, top_pad = 20, legend_h = 24.0 * static_cast<double>((k + 1) / 2);
  const double plot_h = 260, label_h = 80;
  const double H = top_pad + plot_h + label_h + legend_h + 10;
  const double plot_w = W - left - right;
  auto y_of = [&](double v) { return top_pad + plot_h * (1 - v / top); };
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 " + num(W) + " " + num(H) +
                    "\" role=\"img\" aria-labelledby=\"bd-tieu-de bd-mo-ta\" preserveAspectRatio=\"xMidYMid meet\">";
  svg += "<title id=\"bd-tieu-de\">" + text::escape_html(title) + "</title>";
  svg += "<desc id=\"bd-mo-ta\">" + text::escape_html(summary) + "</desc>";
  for (double g = 0; g <= top + step / 2; g += step) {
    std::string y = num(y_of(g));
    svg += "<line class=\"grid\" x1=\"" + num(left) + "\" x2=\"" + num(W - right) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>";
    svg += "<text class=\"axis\" x=\"" + num(left - 8) + "\" y=\"" + num(y_of(g) + 4) + "\" text-anchor=\"end\">" +
           format_number(g) + "</text>";
  }
  const double slot = plot_w / static_cast<double>(std::max<std::size_t>(n, 1));
  for (std::size_t r = 0; r < n; ++r) {
    double cx = left + slot * (static_cast<double>(r) + 0.5);
    // Row labels under the axis, wrapped on words into at most three lines.
    std::vector<std::string> lines;
    std::string label = t.labels[r], line;
    std::size_t pos = 0;
    const std::size_t max_chars = static_cast<std::size_t>(std::max(8.0, slot / 8.5));
    while (pos < label.size()) {
      auto sp = label.find(' ', pos);
      std::string word = label.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos);
      pos = sp == std::string::npos ? label.size() : sp + 1;
      std::size_t chars = 0;
      for (unsigned char c : line + " " + word) chars += (c & 0xC0) != 0x80;
      if (!line.empty() && chars > max_chars) {
        lines.push_back(line);
        line = word;
      } else {
        line = line.empty() ? word : line + " " + word;
      }
    }
    if (!line.empty()) lines.push_back(line);
    if (lines.size() > 3) {
      lines.resize(3);
      lines[2] += "…";
    }
    for (std::size_t i = 0; i < lines.size(); ++i)
      svg += "<text class=\"axis\" x=\"" + num(cx) + "\" y=\"" + num(top_pad + plot_h + 20 + 18 * static_cast<double>(i)) +
             "\" text-anchor=\"middle\">" + text::escape_html(lines[i]) + "</text>";
  }
  if (kind == "line") {
    for (std::size_t s = 0; s < k; ++s) {
      std::string points;
      for (std::size_t r = 0; r < n; ++r)
        if (auto v = t.values[r][s]) points += num(left + slot * (static_cast<double>(r) + 0.5)) + "," + num(y_of(*v)) + " ";
      svg += "<polyline fill=\"none\" stroke=\"" + std::string(kColors[s]) + "\" stroke-width=\"3\" points=\"" + points + "\"/>";
      for (std::size_t r = 0; r < n; ++r)
        if (auto v = t.values[r][s])
          svg += "<circle cx=\"" + num(left + slot * (static_cast<double>(r) + 0.5)) + "\" cy=\"" + num(y_of(*v)) +
                 "\" r=\"4\" fill=\"" + kColors[s] + "\"/>";
    }
  } else {
    const double group = slot * 0.8, bar = group / static_cast<double>(std::max<std::size_t>(k, 1));
    for (std::size_t r = 0; r < n; ++r)
      for (std::size_t s = 0; s < k; ++s)
        if (auto v = t.values[r][s]) {
          double x = left + slot * static_cast<double>(r) + slot * 0.1 + bar * static_cast<double>(s);
          double y = y_of(std::max(0.0, *v));
          svg += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(bar - 2) + "\" height=\"" +
                 num(top_pad + plot_h - y) + "\" fill=\"" + kColors[s] + "\"/>";
          svg += "<text class=\"value\" x=\"" + num(x + (bar - 2) / 2) + "\" y=\"" + num(y - 4) +
                 "\" text-anchor=\"middle\">" + format_number(*v) + "</text>";
        }
  }
  // The legend: a swatch and the series' name.
  for (std::size_t s = 0; s < k; ++s) {
    double x = left + (s % 2) * (plot_w / 2), y = top_pad + plot_h + label_h + 24.0 * static_cast<double>(s / 2);
    svg += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"14\" height=\"14\" fill=\"" + kColors[s] + "\"/>";
    svg += "<text class=\"legend\" x=\"" + num(x + 20) + "\" y=\"" + num(y + 12) + "\">" + text::escape_html(t.series[s]) +
           "</text>";
  }
  return svg + "</svg>";
}

Result<Id> Datasets::save(const Actor& who, Id site_id, Id id, const DatasetInput& in) {
  if (auto st = check_utf8({in.title, in.description, in.source, in.source_url, in.unit, in.headline, in.table}); !st)
    return st;
  Dataset d;
  d.id = id;
  d.site_id = site_id;
  d.title = plain_text(in.title);
  d.description = plain_text(in.description);
  d.source = plain_text(in.source);
  d.source_url = plain_text(in.source_url);
  d.unit = plain_text(in.unit);
  d.chart = in.chart == "line" ? "line" : "bar";
  d.headline = plain_text(in.headline);
  d.featured = in.featured;
  d.position = std::clamp(in.position, 0, 1000);
  if (d.title.empty() || d.title.size() > 600) return Status::error(Code::invalid, "tên bộ số liệu cần có (tối đa 200 chữ)");
  if (d.description.size() > 6000 || d.source.size() > 600 || d.unit.size() > 200 || d.headline.size() > 600)
    return Status::error(Code::invalid, "một trường quá dài");
  if (!d.source_url.empty() && d.source_url.rfind("https://", 0) != 0 && d.source_url.rfind("http://", 0) != 0 &&
      d.source_url.rfind("/", 0) != 0)
    return Status::error(Code::invalid, "địa chỉ nguồn phải bắt đầu bằng http://, https:// hoặc /");
  if (d.source_url.find_first_of(" \"<>") != std::string::npos) return Status::error(Code::invalid, "địa chỉ nguồn không hợp lệ");
  if (d.featured && d.headline.empty()) return Status::error(Code::invalid, "cần con số nổi bật để hiện ở cột bên");
  auto t = parse_table(in.table);
  if (!t) return t.status();
  d.table_csv = table_csv(*t);
  std::string title = d.title;
  return announce(site_id, store_.save_dataset(std::move(d), clock_.now()), who, id ? "dataset_update" : "dataset_add", {},
                  title);
}

Status Datasets::remove(const Actor& who, Id site_id, Id id) {
  auto d = store_.dataset(site_id, id);
  if (!d) return d.status();
  return announce(site_id, store_.delete_dataset(site_id, id), who, "dataset_delete", std::to_string(id), d->title);
}

}  // namespace portico::gov
