// Escaping and sanitising on gumbo's HTML5 parser.
#include "text/html.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/unicode.h"

namespace portico::text {

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  append_escaped(out, s);
  return out;
}

namespace {

// Escapes like append_escaped and drops control characters (C0 but tab, newline and
// carriage return; DEL; C1), which HTML forbids and parsers treat inconsistently.
void append_clean(std::string& out, std::string_view raw) {
  std::string repaired = repair_utf8(raw);  // gumbo can decode absurd references into bad bytes
  std::string_view s = repaired;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\r') {  // parsers turn CR and CRLF into LF: do it here, so output is stable
      if (i + 1 >= s.size() || s[i + 1] != '\n') out += '\n';
      continue;
    }
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
      ++i;
      continue;
    }
    append_escaped(out, s.substr(i, 1));
  }
}

struct Rule {
  const char* tag;
  const char* rename;  // nullptr: keep the name
  std::array<const char*, 4> attrs;
  bool is_void;
};

constexpr Rule kRules[] = {
    {"p", nullptr, {}, false},          {"br", nullptr, {}, true},
    {"h1", "h2", {}, false},            {"h2", nullptr, {}, false},
    {"h3", nullptr, {}, false},         {"h4", nullptr, {}, false},
    {"h5", "h4", {}, false},            {"h6", "h4", {}, false},
    {"strong", nullptr, {}, false},     {"b", "strong", {}, false},
    {"em", nullptr, {}, false},         {"i", "em", {}, false},
    {"u", nullptr, {}, false},          {"s", nullptr, {}, false},
    {"sup", nullptr, {}, false},        {"sub", nullptr, {}, false},
    {"ul", nullptr, {}, false},         {"ol", nullptr, {}, false},
    {"li", nullptr, {}, false},         {"blockquote", nullptr, {}, false},
    {"hr", nullptr, {}, true},          {"a", nullptr, {"href", "title"}, false},
    {"img", nullptr, {"src", "alt", "width", "height"}, true},
    {"figure", nullptr, {}, false},     {"figcaption", nullptr, {}, false},
    {"table", nullptr, {}, false},      {"caption", nullptr, {}, false},
    {"thead", nullptr, {}, false},      {"tbody", nullptr, {}, false},
    {"tr", nullptr, {}, false},         {"th", nullptr, {"colspan", "rowspan", "scope"}, false},
    {"td", nullptr, {"colspan", "rowspan"}, false},
};

// Elements dropped with everything inside them.
constexpr const char* kDropped[] = {"script", "style", "iframe", "object", "embed", "noscript",
                                    "template", "svg", "math", "form", "input", "button",
                                    "select", "textarea", "title", "head", "meta", "link"};

const Rule* find_rule(std::string_view tag) {
  for (const auto& r : kRules)
    if (tag == r.tag) return &r;
  return nullptr;
}

bool is_dropped(std::string_view tag) {
  for (const char* d : kDropped)
    if (tag == d) return true;
  return false;
}

std::string_view tag_name(const GumboElement& el) {
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);
  return {piece.data, piece.length};
}

bool safe_url(std::string_view url, bool image) {
  std::string lower;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20) continue;  // browsers ignore these in schemes
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (lower.empty()) return false;
  if (lower.rfind("https://", 0) == 0 || lower.rfind("http://", 0) == 0) return true;
  if (!image && lower.rfind("mailto:", 0) == 0) return true;
  if (lower[0] == '/' && lower.rfind("//", 0) != 0) return true;  // same-site path
  if (lower[0] == '#' && !image) return true;
  return false;
}

}  // namespace

bool is_link_address(std::string_view url, bool allow_local) {
  if (url.size() > 500) return false;
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || std::string_view("\"'<>\\`").find(c) != std::string_view::npos)
      return false;
  if (allow_local && url.size() >= 1 && url[0] == '/' && url.rfind("//", 0) != 0) return true;
  for (std::string_view scheme : {"https://", "http://"})
    if (url.rfind(scheme, 0) == 0) {
      std::string_view host = url.substr(scheme.size());
      host = host.substr(0, host.find_first_of("/?#"));
      return host.size() >= 3 && host.find('.') != std::string_view::npos && host.find('@') == std::string_view::npos;
    }
  return false;
}

namespace {

bool numeric(std::string_view v) {
  if (v.empty() || v.size() > 5) return false;
  for (char c : v)
    if (c < '0' || c > '9') return false;
  return true;
}

void sanitize_node(const GumboNode* node, std::string& out);

void sanitize_children(const GumboVector& children, std::string& out) {
  for (unsigned i = 0; i < children.length; ++i)
    sanitize_node(static_cast<const GumboNode*>(children.data[i]), out);
}

void sanitize_node(const GumboNode* node, std::string& out) {
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      append_clean(out, node->v.text.text);
      return;
    case GUMBO_NODE_COMMENT:
    case GUMBO_NODE_DOCUMENT:
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      break;
  }
  const GumboElement& el = node->v.element;
  if (el.tag_namespace != GUMBO_NAMESPACE_HTML) return;
  std::string_view name = tag_name(el);
  if (is_dropped(name)) return;
  const Rule* rule = find_rule(name);
  if (!rule) {  // unknown or unwanted wrapper: keep the text inside
    sanitize_children(el.children, out);
    return;
  }
  std::string_view out_name = rule->rename ? rule->rename : rule->tag;
  bool is_img = out_name == "img";
  bool is_link = out_name == "a";
  std::string attrs;
  bool has_src = false;
  for (unsigned i = 0; i < el.attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
    std::string_view an = a->name;
    bool allowed = false;
    for (const char* ok : rule->attrs)
      if (ok && an == ok) allowed = true;
    if (!allowed) continue;
    std::string_view v = a->value;
    if ((an == "href" || an == "src") && !safe_url(v, is_img)) continue;
    if ((an == "width" || an == "height" || an == "colspan" || an == "rowspan") && !numeric(v)) continue;
    if (an == "scope" && v != "col" && v != "row") continue;
    if (an == "src") has_src = true;
    attrs += ' ';
    attrs += an;
    attrs += "=\"";
    append_clean(attrs, v);
    attrs += '"';
  }
  if (is_img) {
    if (!has_src) return;
    if (attrs.find(" alt=") == std::string::npos) attrs += " alt=\"\"";
    attrs += " loading=\"lazy\" decoding=\"async\"";
  }
  if (is_link && attrs.find(" href=\"http") != std::string::npos) attrs += " rel=\"noopener noreferrer\"";
  out += '<';
  out += out_name;
  out += attrs;
  out += '>';
  if (rule->is_void) return;
  sanitize_children(el.children, out);
  out += "</";
  out += out_name;
  out += '>';
}

const GumboNode* find_body(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (node->v.element.tag == GUMBO_TAG_BODY) return node;
  const GumboVector& ch = node->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i)
    if (auto* b = find_body(static_cast<const GumboNode*>(ch.data[i]))) return b;
  return nullptr;
}

// Phrasing elements: their text runs on into what follows ("<em>mới</em>." reads "mới.");
// any other element's end separates words.
bool runs_on(std::string_view tag) {
  static constexpr std::string_view kPhrasing[] = {"a",   "abbr", "b",      "bdi",    "bdo",  "cite", "code", "data",
                                                   "del", "dfn",  "em",     "font",   "i",    "ins",  "kbd",  "mark",
                                                   "q",   "s",    "samp",   "small",  "span", "strike", "strong", "sub",
                                                   "sup", "time", "tt",     "u",      "var"};
  for (auto t : kPhrasing)
    if (tag == t) return true;
  return false;
}

void collect_text(const GumboNode* node, std::string& out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  std::string_view tag = tag_name(node->v.element);
  if (is_dropped(tag)) return;
  const GumboVector& ch = node->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i) {
    collect_text(static_cast<const GumboNode*>(ch.data[i]), out);
  }
  if (!runs_on(tag)) out += ' ';
}

// Start tags in the text: an upper bound on the elements gumbo will build from them (it
// adds a few of its own: html, head, body, tbody), and an estimate of how deep they nest
// (start tags less the end tags of the same name, for every element that can hold others
// and whose end tag HTML does not let one leave out). Counted before parsing, so that no
// parser or walk over the tree ever meets more than kMaxHtmlElements, and gumbo never
// meets thousands of open elements: it looks through all of them for each new tag, so ten
// thousand unclosed <span> took seconds of work before the depth limit could refuse them.
// Mis-nested end tags can make the estimate too high, never too low.
struct TagCount {
  std::size_t tags = 0;
  std::size_t depth = 0;  // the most elements open at once, as estimated
};
TagCount count_tags(std::string_view s) {
  // Void elements, and those that a following sibling closes (so they do not nest by being
  // left open): never counted as open.
  static constexpr std::string_view kNeverOpen[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
      "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
      "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body"};
  TagCount out;
  std::unordered_map<std::string, std::size_t> open;
  std::size_t depth = 0;
  auto letter = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (std::size_t i = s.find('<'); i != std::string_view::npos && i + 1 < s.size(); i = s.find('<', i + 1)) {
    bool end = s[i + 1] == '/';
    std::size_t from = i + 1 + end;
    if (from >= s.size() || !letter(static_cast<unsigned char>(s[from]))) continue;
    out.tags += !end;
    std::size_t to = from;
    while (to < s.size() && to - from <= 10 &&
           (letter(static_cast<unsigned char>(s[to])) || std::isdigit(static_cast<unsigned char>(s[to]))))
      ++to;
    std::string name(s.substr(from, to - from));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(std::begin(kNeverOpen), std::end(kNeverOpen), name) != std::end(kNeverOpen)) continue;
    auto close = s.find('>', to);
    if (!end && close != std::string_view::npos && close > to && s[close - 1] == '/') continue;  // <x/>
    if (end) {
      if (auto it = open.find(name); it != open.end() && it->second > 0) --it->second, --depth;
    } else {
      ++open[name];
      out.depth = std::max(out.depth, ++depth);
    }
  }
  return out;
}

// The depth of the tree in elements, walked with a stack of its own (never recursion): the walk stops
// as soon as it passes `limit`.
std::size_t depth_past(const GumboNode* root, std::size_t limit) {
  std::vector<std::pair<const GumboNode*, std::size_t>> stack{{root, 1}};
  std::size_t deepest = 0;
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;  // text: a leaf
    deepest = std::max(deepest, depth);
    if (deepest > limit) return deepest;
    const GumboVector& ch = node->v.element.children;
    for (unsigned i = 0; i < ch.length; ++i) stack.emplace_back(static_cast<const GumboNode*>(ch.data[i]), depth + 1);
  }
  return deepest;
}

std::string thousands(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ".");
  return s;
}

// Parses the body of an HTML fragment within the limits and hands it to f. Past a limit,
// f is not called and the reason (Vietnamese, saying what to change) is returned.
template <class F>
std::string with_body(std::string_view html, F&& f) {
  std::string input = is_valid_utf8(html) ? to_nfc(html) : std::string();
  // NUL and other control bytes are parse errors that parsers resolve differently by
  // context: remove them before parsing, so output is stable under re-sanitising.
  std::erase_if(input, [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
  });
  const std::string too_deep = "nội dung có các thẻ HTML lồng nhau quá " + std::to_string(kMaxHtmlDepth) +
                               " cấp; hãy bỏ bớt các thẻ bao ngoài (div, span), thường do dán từ Word hoặc từ trang web khác";
  TagCount count = count_tags(input);
  if (count.tags > kMaxHtmlElements)
    return "nội dung có " + thousands(count.tags) + " thẻ HTML, quá giới hạn " + thousands(kMaxHtmlElements) +
           "; hãy chia thành nhiều bài hoặc dán lại dưới dạng văn bản thường";
  if (count.depth > kMaxHtmlDepth) return too_deep;
  GumboOutput* doc = gumbo_parse_with_options(&kGumboDefaultOptions, input.data(), input.size());
  std::string problem;
  // html, body and the fragment's own elements: the walks below recurse at most this deep.
  if (std::size_t depth = depth_past(doc->root, kMaxHtmlDepth + 2); depth > kMaxHtmlDepth + 2)
    problem = too_deep;
  else if (const GumboNode* body = find_body(doc->root))
    f(body);
  gumbo_destroy_output(&kGumboDefaultOptions, doc);
  return problem;
}

}  // namespace

namespace {
// One pass; false (and `problem` set) past the limits.
bool sanitize_once(std::string_view html, std::string& out, std::string& problem) {
  std::string raw;
  problem = with_body(html, [&](const GumboNode* body) { sanitize_children(body->v.element.children, raw); });
  if (!problem.empty()) return false;
  // Leading white space is dropped by a parser anyway; trailing is meaningless.
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  std::size_t b = 0, e = raw.size();
  while (b < e && is_space(raw[b])) ++b;
  while (e > b && is_space(raw[e - 1])) --e;
  // Character references are decoded after the input was normalised: normalise again.
  out = to_nfc(std::string_view(raw).substr(b, e - b));
  return true;
}
}  // namespace

Result<std::string> sanitize_html(std::string_view html) {
  // Broken nesting (a table inside a paragraph, stray cells) serialises to markup that a
  // browser would build into a different tree. Sanitising again until nothing changes
  // makes what is stored exactly what readers' browsers will parse (no mutation XSS).
  std::string out, problem;
  if (!sanitize_once(html, out, problem)) return Status::error(Code::invalid, problem);
  for (int pass = 0; pass < 4; ++pass) {
    std::string again;
    if (!sanitize_once(out, again, problem)) return Status::error(Code::invalid, problem);
    if (again == out) break;
    out = std::move(again);
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string raw;  // empty past the limits (a body stored before they were checked)
  if (!with_body(html, [&](const GumboNode* body) { collect_text(body, raw); }).empty()) return {};
  std::string out;
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace portico::text
