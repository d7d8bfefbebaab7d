// HTML escaping and the allow-list sanitiser for article bodies.
#pragma once
#include <string>
#include <string_view>

namespace portico::text {

// Escapes & < > " ' for text and attribute values.
std::string escape_html(std::string_view s);
void append_escaped(std::string& out, std::string_view s);

// Keeps only allow-listed elements and attributes (paragraphs, headings, lists, links,
// images, figures, tables); drops scripts, styles, event handlers and unsafe URLs;
// unwraps unknown elements (Word's <o:p>, <span style>) keeping their text.
// The result is well-formed, NFC, and safe to embed in a page.
std::string sanitize_html(std::string_view html);

// An address an editor may give a link (a menu entry, a linked website): http:// or https://
// with a host, or, when allow_local, a path on this site ("/van-ban"); at most 500 bytes,
// without spaces, quotes, angle brackets, backslashes or control characters.
bool is_link_address(std::string_view url, bool allow_local);

// Text content of an HTML fragment, whitespace collapsed (for leads and meta descriptions).
std::string html_to_text(std::string_view html);

}  // namespace portico::text
