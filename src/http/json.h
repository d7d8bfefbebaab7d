// JSON answers of the open API: one content type, one serialiser, one error shape
// ({"error":{"code","message"}}) and one page envelope, for every module.
#pragma once
#include <boost/json/value.hpp>
#include <boost/json/array.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/message.h"

namespace portico::http {

// JSON text of v as the API writes numbers: integers as integers, a double in the fewest
// digits that read back as it, never with an exponent (248, 2.5, 0.1; not 2.48E2); a
// non-finite one as null.
std::string to_json(const boost::json::value& v);

// cache_control empty: revalidate with the ETag ("no-cache"); "no-store" for personal answers.
Response json_response(int status, const boost::json::value& v, std::string cache_control = {});

// {"error":{"code","message"}} with `status`; the message is Vietnamese, the code English.
Response json_error(int status, std::string_view code, std::string_view message);

// RFC 8288 Link header of page `page` of `pages`: first, prev, next, last. `prefix` is the
// absolute address up to and including "page=".
std::string page_links(const std::string& prefix, std::int64_t page, std::int64_t pages);

// One page of a list: {"data": items, "meta": {page, per_page, total, total_pages, …more}}
// with its Link header, or 404 page_out_of_range past the last page. `more`: what a list adds
// to its meta (a search: capped, and the hits per site).
Response page_response(boost::json::array items, std::int64_t page, int per_page, std::int64_t total,
                       const std::string& prefix, boost::json::object more = {});

}  // namespace portico::http
