// HTTP dates (RFC 9110 IMF-fixdate, which RSS's RFC 822 dates also accept).
#pragma once
#include <cstdint>
#include <string>

namespace portico::http {

// "Thu, 12 Oct 2023 01:15:00 GMT"
std::string format_http_date(std::int64_t unix_seconds);
// The inverse; -1 when malformed.
std::int64_t parse_http_date(const std::string& s);

}  // namespace portico::http
