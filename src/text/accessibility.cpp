// Walks the body's tree with gumbo: images, their figures and captions, heading levels.
#include "text/accessibility.h"

#include <gumbo.h>

namespace portico::text {

namespace {

struct Walk {
  std::vector<AccessibilityIssue> issues;
  int images = 0;
  int last_heading = 1;  // the article's title is the h1

  static bool has_caption(const GumboNode* figure) {
    const GumboVector& ch = figure->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i) {
      auto* c = static_cast<const GumboNode*>(ch.data[i]);
      if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_FIGCAPTION && c->v.element.children.length > 0)
        return true;
    }
    return false;
  }

  void visit(const GumboNode* n, const GumboNode* figure) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_FIGURE) figure = n;
    if (e.tag == GUMBO_TAG_IMG) {
      ++images;
      const GumboAttribute* alt = gumbo_get_attribute(&e.attributes, "alt");
      std::string which = "Ảnh thứ " + std::to_string(images);
      bool empty = !alt || std::string_view(alt->value).find_first_not_of(" \t\r\n") == std::string_view::npos;
      if (empty) issues.push_back({true, which + " chưa có mô tả cho người khiếm thị (alt)."});
      if (!figure || !has_caption(figure)) issues.push_back({false, which + " chưa có chú thích (figcaption)."});
    }
    int level = e.tag == GUMBO_TAG_H2 ? 2 : e.tag == GUMBO_TAG_H3 ? 3 : e.tag == GUMBO_TAG_H4 ? 4 : 0;
    if (level) {
      if (level > last_heading + 1)
        issues.push_back({false, "Tiêu đề cấp " + std::to_string(level) + " đứng sau cấp " + std::to_string(last_heading) +
                                     ": nên dùng cấp " + std::to_string(last_heading + 1) + "."});
      last_heading = level;
    }
    for (unsigned i = 0; i < e.children.length; ++i) visit(static_cast<const GumboNode*>(e.children.data[i]), figure);
  }
};

}  // namespace

std::vector<AccessibilityIssue> check_accessibility(std::string_view body_html) {
  GumboOutput* doc = gumbo_parse_with_options(&kGumboDefaultOptions, body_html.data(), body_html.size());
  Walk w;
  w.visit(doc->root, nullptr);
  gumbo_destroy_output(&kGumboDefaultOptions, doc);
  return w.issues;
}

}  // namespace portico::text
