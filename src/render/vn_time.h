// Vietnamese date formatting in Asia/Ho_Chi_Minh.
// Vietnam has kept UTC+7 without daylight saving since 1975, so the zone is a fixed offset
// for every date the portal stores; no tz database is needed.
#pragma once
#include <cstdint>
#include <string>

namespace portico::render {

constexpr std::int64_t kVietnamOffset = 7 * 3600;

// Days since 1970-01-01 in Vietnam: the day rolls over at midnight in Hà Nội, not UTC.
std::int64_t vn_day(std::int64_t unix_seconds);
// The first vn_day of the month that contains vn_day d.
std::int64_t vn_month_start(std::int64_t d);
// "29/11" for a vn_day (chart labels).
std::string format_day_month(std::int64_t d);

// 1250000 → "1.250.000": Vietnamese group thousands with dots.
std::string group_digits(std::int64_t n);

// "Thứ Năm, 12/10/2023 08:15"
std::string format_datetime(std::int64_t unix_seconds);
// "Thứ Hai, ngày 30/11/2026"
std::string format_long_date(std::int64_t unix_seconds);
// "12/10/2023"
std::string format_date(std::int64_t unix_seconds);
// "Monday, 30 November 2026" (Hà Nội's day), for the English pages.
std::string format_long_date_en(std::int64_t unix_seconds);
// "2023-10-12T08:15:00+07:00" for <time datetime> and the API.
std::string format_iso(std::int64_t unix_seconds);
// "2026-11-30T08:15" (an <input type="datetime-local"> value) read as Hà Nội time; -1 when malformed.
std::int64_t parse_local_datetime(const std::string& s);
// A calendar day as a vn_day: "12/10/2023", "2/3/2023" (as Vietnamese write it) or
// "2023-10-12" (an <input type="date">); -1 when malformed or not a real date.
std::int64_t parse_day(const std::string& s);
// "12/10/2023" and "2023-10-12" for a vn_day.
std::string format_day(std::int64_t d);
std::string format_day_iso(std::int64_t d);
// The inverse, for filling such an input.
std::string format_local_datetime(std::int64_t unix_seconds);

}  // namespace portico::render
