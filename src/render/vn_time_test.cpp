#include "render/vn_time.h"

#include <gtest/gtest.h>

using namespace portico::render;

TEST(VnTime, FormatsInHoChiMinhTime) {
  // 2023-10-12 01:15 UTC is 08:15 in Hà Nội, a Thursday.
  EXPECT_EQ(format_datetime(1697073300), "Thứ Năm, 12/10/2023 08:15");
  EXPECT_EQ(format_iso(1697073300), "2023-10-12T08:15:00+07:00");
  EXPECT_EQ(format_long_date(1796000000), "Thứ Hai, ngày 30/11/2026");
}

TEST(VnTime, DayRollsOverAtVietnameseMidnight) {
  // 2026-11-29 16:59:59 UTC = 23:59:59 in Hà Nội; one second later it is the 30th.
  std::int64_t before = 1795971599;
  EXPECT_EQ(format_date(before), "29/11/2026");
  EXPECT_EQ(format_date(before + 1), "30/11/2026");
  EXPECT_EQ(vn_day(before) + 1, vn_day(before + 1));
}

TEST(VnTime, SundayIsChuNhat) { EXPECT_EQ(format_datetime(1795921200), "Chủ Nhật, 29/11/2026 10:00"); }

TEST(LocalDateTime, ReadsHanoiTimeAndRejectsNonsense) {
  EXPECT_EQ(parse_local_datetime("2023-10-12T08:15"), 1697073300);
  EXPECT_EQ(format_local_datetime(1697073300), "2023-10-12T08:15");
  EXPECT_EQ(parse_local_datetime("2023-02-31T08:15"), -1);
  EXPECT_EQ(parse_local_datetime("2023-10-12 08:15"), -1);
  EXPECT_EQ(parse_local_datetime("2023-10-12T24:00"), -1);
  EXPECT_EQ(parse_local_datetime("2023-10-12T08:15x"), -1);
  EXPECT_EQ(parse_local_datetime(""), -1);
}

TEST(VnTime, EnglishLongDate) {
  EXPECT_EQ(format_long_date_en(parse_local_datetime("2026-11-30T00:30")), "Monday, 30 November 2026");
}

TEST(VnTime, CalendarDaysAsVietnameseWriteThem) {
  std::int64_t d = parse_day("12/10/2023");
  EXPECT_EQ(d, vn_day(parse_local_datetime("2023-10-12T08:15")));
  EXPECT_EQ(parse_day("2023-10-12"), d);
  EXPECT_EQ(parse_day("2/3/2023"), parse_day("2023-03-02"));
  EXPECT_EQ(format_day(d), "12/10/2023");
  EXPECT_EQ(format_day_iso(d), "2023-10-12");
  EXPECT_EQ(format_day(parse_day("02/09/1945")), "02/09/1945");  // before 1970 too
  for (const char* bad : {"", "31/02/2023", "12/13/2023", "2023/10/12", "12-10-2023", "+1/10/2023", " 1/10/2023",
                          "12/10/23", "2023-1-12", "12/10/2023x", "00/10/2023"})
    EXPECT_EQ(parse_day(bad), -1) << bad;
}
