// Proleptic Gregorian calendar arithmetic on Unix seconds (Howard Hinnant's algorithms),
// shared by the Vietnamese dates (render/vn_time) and the HTTP dates (http/http_date).
#pragma once
#include <cstdint>

namespace portico::core {

struct CivilTime {
  int year, month, day, hour, minute, second, weekday;  // month 1–12, weekday 0 = Sunday
};

// Floor division: -1 / 86400 is -1, so times before 1970 fall on the right day.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) { return (a >= 0 ? a : a - b + 1) / b; }

// The calendar fields of `unix_seconds` read in UTC (add an offset first for a zone).
CivilTime civil_time(std::int64_t unix_seconds);
// Days since 1970-01-01 of a calendar date (the month and day are not checked).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

}  // namespace portico::core
