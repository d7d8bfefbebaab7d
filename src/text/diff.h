// Line diffs for revision history: what was added and removed between two texts.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace portico::text {

struct DiffLine {
  enum class Kind { same, added, removed } kind;
  std::string text;
};

// Longest-common-subsequence diff of two sequences of lines, in order.
std::vector<DiffLine> diff_lines(const std::vector<std::string>& before, const std::vector<std::string>& after);

// The readable text of each block (paragraph, heading, list item, caption, cell) of an
// HTML fragment, one line each, empty blocks dropped.
std::vector<std::string> html_blocks(std::string_view html);

}  // namespace portico::text
