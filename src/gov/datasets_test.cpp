// Dataset tables: numbers as Vietnamese write them, refusals that name the cell, the CSV kept,
// and the chart's text alternative.
#include "gov/datasets.h"

#include <gtest/gtest.h>

using namespace portico;
using namespace portico::gov;

TEST(DatasetTable, ReadsVietnameseAndPlainNumbers) {
  auto t = parse_table("Năm;Số đảng viên;Tỷ lệ\n2021;1.111;2,5\n2022;4.000;\n2023;12.500,75;-3.5\n");
  ASSERT_TRUE(t) << t.status().message();
  EXPECT_EQ(t->label_heading, "Năm");
  EXPECT_EQ(t->series, (std::vector<std::string>{"Số đảng viên", "Tỷ lệ"}));
  ASSERT_EQ(t->labels.size(), 3u);
  EXPECT_DOUBLE_EQ(*t->values[0][0], 1111);
  EXPECT_DOUBLE_EQ(*t->values[0][1], 2.5);
  EXPECT_FALSE(t->values[1][1]) << "an empty cell is a missing value";
  EXPECT_DOUBLE_EQ(*t->values[2][0], 12500.75);
  EXPECT_DOUBLE_EQ(*t->values[2][1], -3.5);
  EXPECT_EQ(format_number(12500.75), "12.500,75");
  EXPECT_EQ(format_number(4000), "4.000");
  EXPECT_EQ(format_number(-3.5), "-3,5");
}

TEST(DatasetTable, RefusesWhatIsNotATableOfNumbers) {
  auto bad = parse_table("Đơn vị,Kế hoạch\nHàm Yên,hai trăm\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.status().message().find("dòng 2, cột \"Kế hoạch\""), std::string::npos) << bad.status().message();
  EXPECT_FALSE(parse_table("Chỉ một cột\nA\n"));
  EXPECT_FALSE(parse_table("Đơn vị,Số\n"));
  EXPECT_FALSE(parse_table("Đơn vị,Số\n,5\n")) << "a row needs its label";
  EXPECT_FALSE(parse_table("Đơn vị,Số\nA,1,2\n")) << "more cells than headers";
  EXPECT_FALSE(parse_table("Đơn vị,Số\nA,1.2.3,\n"));
  EXPECT_FALSE(parse_table("Đơn vị,Số\nA,1e400\n"));
}

TEST(DatasetTable, KeepsAPlainCsvAndDrawsAChartWithEveryFigureInWords) {
  auto t = parse_table("Đảng bộ\tKế hoạch\tĐã kết nạp\nHàm Yên\t248\t133\nNa Hang\t300\t152\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(table_csv(*t), "Đảng bộ,Kế hoạch,Đã kết nạp\r\nHàm Yên,248,133\r\nNa Hang,300,152\r\n");
  std::string summary;
  std::string svg = chart_svg(*t, "bar", "Kết nạp <đảng viên>", "đảng viên", summary);
  EXPECT_EQ(summary, "Biểu đồ cột “Kết nạp <đảng viên>” (đơn vị: đảng viên). Hàm Yên: Kế hoạch 248, Đã kết nạp 133; "
                     "Na Hang: Kế hoạch 300, Đã kết nạp 152.");
  EXPECT_NE(svg.find("role=\"img\" aria-labelledby=\"bd-tieu-de bd-mo-ta\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"bd-tieu-de\">Kết nạp &lt;đảng viên&gt;</title>"), std::string::npos);
  EXPECT_EQ(svg.find("<đảng"), std::string::npos);
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '\n'), 0);
  std::size_t bars = 0;
  for (std::size_t at = 0; (at = svg.find("<rect x=", at)) != std::string::npos; ++at) ++bars;
  EXPECT_EQ(bars, 4u + 2u) << "four bars and two legend swatches";
  std::string line = chart_svg(*t, "line", "x", "", summary);
  EXPECT_NE(line.find("<polyline"), std::string::npos);
}
