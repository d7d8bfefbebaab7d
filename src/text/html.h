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

// Text content of an HTML fragment, whitespace collapsed (for leads and meta descriptions).
std::string html_to_text(std::string_view html);

}  // namespace portico::text
