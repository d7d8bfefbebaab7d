// A site served under a path of another's host ("/xa-hung-loi/…") answers from the same
// handlers as a site at its own host: the server strips the path before routing, and
// rebase() puts it back into what the answer names — every root-relative address in an
// HTML body (href, src, action, data-…), a redirect's Location and the newsroom cookies'
// Path. Shared files (/static/, /media/, /giao-dien/) keep their one address.
#pragma once
#include <string>
#include <string_view>

#include "http/message.h"

namespace portico::http {

// "/xa-hung-loi/bai-viet/x" with base "/xa-hung-loi" → "/bai-viet/x" ("/" for the base itself);
// false when path is not under base.
bool strip_base(std::string_view base, std::string& path);
// Every attribute value of html that starts with a single "/" (not "//", not a shared file),
// prefixed with base.
std::string rebase_html(std::string_view html, std::string_view base);
// The same for a response: its HTML entity (made again, same caching and compression), a
// root-relative Location, and "Path=/quan-tri" in Set-Cookie. Nothing when base is empty.
void rebase(Response& res, std::string_view base);

}  // namespace portico::http
