// HTML escaping and the allow-list sanitiser for article bodies.
#pragma once
#include <string>
#include <string_view>

#include "core/status.h"

namespace portico::text {

// Limits on markup from editors: elements inside one another, and elements in all. Real
// articles stay far below both (Word's pasted spans nest a dozen deep); past them a body
// is refused before it is parsed in full, so no parser or walk over it can exhaust the
// stack or the processor.
inline constexpr std::size_t kMaxHtmlDepth = 100;
inline constexpr std::size_t kMaxHtmlElements = 20000;

// Escapes & < > " ' for text and attribute values.
std::string escape_html(std::string_view s);
void append_escaped(std::string& out, std::string_view s);

// Keeps only allow-listed elements and attributes (paragraphs, headings, lists, links,
// images, figures, tables); drops scripts, styles, event handlers and unsafe URLs;
// unwraps unknown elements (Word's <o:p>, <span style>) keeping their text.
// The result is well-formed, NFC, and safe to embed in a page. Past the limits above: an
// invalid Status whose message says what to change.
Result<std::string> sanitize_html(std::string_view html);

// An address an editor may give a link (a menu entry, a linked website): http:// or https://
// with a host, or, when allow_local, a path on this site ("/van-ban"); at most 500 bytes,
// without spaces, quotes, angle brackets, backslashes or control characters.
bool is_link_address(std::string_view url, bool allow_local);

// Text content of an HTML fragment, whitespace collapsed (for leads and meta descriptions);
// empty past the limits.
std::string html_to_text(std::string_view html);

}  // namespace portico::text
