// Vietnamese dates and names over the calendar arithmetic of core/calendar.
#include "render/vn_time.h"

#include <cstdio>
#include <cstring>

#include "core/calendar.h"

namespace portico::render {
namespace {

using core::civil_time;
using core::days_from_civil;
using core::floor_div;
using Civil = core::CivilTime;

constexpr const char* kWeekdays[] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                     "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};

}  // namespace

std::int64_t vn_day(std::int64_t t) { return floor_div(t + kVietnamOffset, 86400); }

std::string group_digits(std::int64_t n) {
  std::string s = std::to_string(n), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0 && s[i - 1] != '-') out += '.';
    out += s[i];
  }
  return out;
}

std::int64_t vn_month_start(std::int64_t d) { return d - (civil_time(d * 86400).day - 1); }

std::string format_day_month(std::int64_t d) {
  Civil c = civil_time(d * 86400);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d", c.day, c.month);
  return buf;
}

std::string format_datetime(std::int64_t t) {
  Civil c = civil_time(t + kVietnamOffset);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d/%02d/%04d %02d:%02d", kWeekdays[c.weekday], c.day, c.month,
                c.year, c.hour, c.minute);
  return buf;
}

std::string format_long_date(std::int64_t t) {
  Civil c = civil_time(t + kVietnamOffset);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, ngày %02d/%02d/%04d", kWeekdays[c.weekday], c.day, c.month, c.year);
  return buf;
}

std::string format_date(std::int64_t t) {
  Civil c = civil_time(t + kVietnamOffset);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", c.day, c.month, c.year);
  return buf;
}

std::string format_long_date_en(std::int64_t t) {
  static constexpr const char* kDaysEn[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  static constexpr const char* kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};
  Civil c = civil_time(t + kVietnamOffset);
  return std::string(kDaysEn[c.weekday]) + ", " + std::to_string(c.day) + " " + kMonthsEn[c.month - 1] + " " +
         std::to_string(c.year);
}

std::string format_iso(std::int64_t t) {
  Civil c = civil_time(t + kVietnamOffset);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

std::int64_t parse_local_datetime(const std::string& s) {
  int y, mo, d, h, mi;
  char tail;
  if (s.size() != 16 || std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5) return -1;
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || h < 0 || mi < 0) return -1;
  std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  std::int64_t t = days * 86400 + h * 3600 + mi * 60 - kVietnamOffset;
  if (civil_time(t + kVietnamOffset).day != d) return -1;  // 31/02 and the like
  return t;
}

std::int64_t parse_day(const std::string& s) {
  int y = 0, mo = 0, d = 0, used = 0;
  if (s.find_first_not_of("0123456789/-") != std::string::npos) return -1;
  if (s.size() == 10 && s[4] == '-' && std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) == 3 && used == 10) {
  } else if (s.size() >= 8 && s.size() <= 10 && std::sscanf(s.c_str(), "%2d/%2d/%4d%n", &d, &mo, &y, &used) == 3 &&
             used == static_cast<int>(s.size()) && s[s.size() - 5] == '/') {
  } else {
    return -1;
  }
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
  std::int64_t day = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  if (civil_time(day * 86400).day != d) return -1;  // 31/02 and the like
  return day;
}

std::string format_day(std::int64_t day) {
  Civil c = civil_time(day * 86400);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", c.day, c.month, c.year);
  return buf;
}

std::string format_day_iso(std::int64_t day) {
  Civil c = civil_time(day * 86400);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string format_local_datetime(std::int64_t t) {
  Civil c = civil_time(t + kVietnamOffset);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
  return buf;
}

}  // namespace portico::render
