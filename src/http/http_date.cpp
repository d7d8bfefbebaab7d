#include "http/http_date.h"

#include <cstdio>
#include <cstring>

#include "core/calendar.h"

namespace portico::http {
namespace {
constexpr const char* kDayAbbr[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonAbbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}  // namespace

std::string format_http_date(std::int64_t t) {
  core::CivilTime c = core::civil_time(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDayAbbr[c.weekday], c.day,
                kMonAbbr[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf;
}

std::int64_t parse_http_date(const std::string& s) {
  char wd[4] = {}, mon[4] = {}, gmt[4] = {};
  int d, y, h, mi, se;
  if (std::sscanf(s.c_str(), "%3s, %d %3s %d %d:%d:%d %3s", wd, &d, mon, &y, &h, &mi, &se, gmt) != 8) return -1;
  int m = 0;
  for (int i = 0; i < 12; ++i)
    if (std::strcmp(mon, kMonAbbr[i]) == 0) m = i + 1;
  if (m == 0 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60 || y < 1970 || y > 9999) return -1;
  return core::days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + se;
}

}  // namespace portico::http
