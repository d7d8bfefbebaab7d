// Civil-date arithmetic (Howard Hinnant's algorithms) and Vietnamese names.
#include "render/vn_time.h"

#include <cstdio>
#include <cstring>

namespace portico::render {
namespace {

struct Civil {
  int year, month, day, hour, minute, second, weekday;  // weekday 0 = Sunday
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return (a >= 0 ? a : a - b + 1) / b; }

Civil civil(std::int64_t t) {
  std::int64_t days = floor_div(t, 86400);
  std::int64_t secs = t - days * 86400;
  Civil c{};
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs % 3600 / 60);
  c.second = static_cast<int>(secs % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  std::int64_t z = days + 719468;
  std::int64_t era = floor_div(z, 146097);
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2));
  return c;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  std::int64_t era = floor_div(y, 400);
  std::int64_t yoe = y - era * 400;
  std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr const char* kWeekdays[] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                     "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};
constexpr const char* kDayAbbr[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonAbbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

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

std::int64_t vn_month_start(std::int64_t d) { return d - (civil(d * 86400).day - 1); }

std::string format_day_month(std::int64_t d) {
  Civil c = civil(d * 86400);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d", c.day, c.month);
  return buf;
}

std::string format_datetime(std::int64_t t) {
  Civil c = civil(t + kVietnamOffset);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d/%02d/%04d %02d:%02d", kWeekdays[c.weekday], c.day, c.month,
                c.year, c.hour, c.minute);
  return buf;
}

std::string format_long_date(std::int64_t t) {
  Civil c = civil(t + kVietnamOffset);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, ngày %02d/%02d/%04d", kWeekdays[c.weekday], c.day, c.month, c.year);
  return buf;
}

std::string format_date(std::int64_t t) {
  Civil c = civil(t + kVietnamOffset);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", c.day, c.month, c.year);
  return buf;
}

std::string format_long_date_en(std::int64_t t) {
  static constexpr const char* kDaysEn[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  static constexpr const char* kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};
  Civil c = civil(t + kVietnamOffset);
  return std::string(kDaysEn[c.weekday]) + ", " + std::to_string(c.day) + " " + kMonthsEn[c.month - 1] + " " +
         std::to_string(c.year);
}

std::string format_iso(std::int64_t t) {
  Civil c = civil(t + kVietnamOffset);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

std::string format_http_date(std::int64_t t) {
  Civil c = civil(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDayAbbr[c.weekday], c.day,
                kMonAbbr[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf;
}

std::int64_t parse_local_datetime(const std::string& s) {
  int y, mo, d, h, mi;
  char tail;
  if (s.size() != 16 || std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5) return -1;
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || h < 0 || mi < 0) return -1;
  std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  std::int64_t t = days * 86400 + h * 3600 + mi * 60 - kVietnamOffset;
  if (civil(t + kVietnamOffset).day != d) return -1;  // 31/02 and the like
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
  if (civil(day * 86400).day != d) return -1;  // 31/02 and the like
  return day;
}

std::string format_day(std::int64_t day) {
  Civil c = civil(day * 86400);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", c.day, c.month, c.year);
  return buf;
}

std::string format_day_iso(std::int64_t day) {
  Civil c = civil(day * 86400);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string format_local_datetime(std::int64_t t) {
  Civil c = civil(t + kVietnamOffset);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
  return buf;
}

std::int64_t parse_http_date(const std::string& s) {
  char wd[4] = {}, mon[4] = {}, gmt[4] = {};
  int d, y, h, mi, se;
  if (std::sscanf(s.c_str(), "%3s, %d %3s %d %d:%d:%d %3s", wd, &d, mon, &y, &h, &mi, &se, gmt) != 8)
    return -1;
  int m = 0;
  for (int i = 0; i < 12; ++i)
    if (std::strcmp(mon, kMonAbbr[i]) == 0) m = i + 1;
  if (m == 0 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60 || y < 1970 || y > 9999) return -1;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + se;
}

}  // namespace portico::render
