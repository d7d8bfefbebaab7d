// The editor-side accessibility check of an article body: what must be fixed before it
// is submitted (images without alt text) and what should be (images without captions,
// heading levels out of order).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace portico::text {

struct AccessibilityIssue {
  bool blocking = false;
  std::string message;  // Vietnamese, for the editor
};

std::vector<AccessibilityIssue> check_accessibility(std::string_view body_html);

}  // namespace portico::text
