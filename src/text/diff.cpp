// LCS line diff (inputs are a few hundred blocks at most) and HTML block splitting.
#include "text/diff.h"

#include "text/html.h"

namespace portico::text {

std::vector<DiffLine> diff_lines(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<DiffLine> out;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out.push_back({DiffLine::Kind::same, a[i]});
      ++i, ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push_back({DiffLine::Kind::added, b[j++]});
    } else {
      out.push_back({DiffLine::Kind::removed, a[i++]});
    }
  }
  return out;
}

std::vector<std::string> html_blocks(std::string_view html) {
  static constexpr std::string_view kEnds[] = {"</p>", "</h2>", "</h3>", "</h4>", "</li>", "</figcaption>",
                                               "</td>", "</th>", "</blockquote>"};
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < html.size()) {
    std::size_t best = std::string_view::npos, len = 0;
    for (auto e : kEnds) {
      auto p = html.find(e, start);
      if (p < best) best = p, len = e.size();
    }
    std::size_t end = best == std::string_view::npos ? html.size() : best + len;
    std::string t = html_to_text(html.substr(start, end - start));
    if (!t.empty()) out.push_back(std::move(t));
    start = end;
  }
  return out;
}

}  // namespace portico::text
