#include "text/csv.h"

#include <gtest/gtest.h>

namespace portico::text {
namespace {

TEST(Csv, ReadsWhatSpreadsheetsWrite) {
  auto rows = parse_csv("\xEF\xBB\xBFSố,Trích yếu\r\n03-ĐA/TU,\"Đề án \"\"phát triển\"\", 2023\"\r\n\r\n  12/QĐ , \"hai\ndòng\"\n");
  ASSERT_TRUE(rows) << rows.status().message();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"Số", "Trích yếu"}));
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"03-ĐA/TU", "Đề án \"phát triển\", 2023"}));
  EXPECT_EQ((*rows)[1].line, 2);
  EXPECT_EQ((*rows)[2].fields, (std::vector<std::string>{"12/QĐ", "hai\ndòng"}));
  EXPECT_EQ((*rows)[2].line, 4);
}

TEST(Csv, SemicolonsWhenTheHeaderUsesThem) {
  auto rows = parse_csv("Năm;Số lượng\n2021;1,5\n");
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"2021", "1,5"}));
}

TEST(Csv, TabsWhenPastedFromASpreadsheet) {
  auto rows = parse_csv("Đơn vị\tKế hoạch\tĐã kết nạp\nHàm Yên\t248\t133\n");
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"Hàm Yên", "248", "133"}));
}

TEST(Csv, DecomposedTextIsStoredComposed) {
  auto rows = parse_csv("Đa\xCC\x89ng vie\xCC\x82n\n");  // NFD
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)[0].fields[0], "Đảng viên");
}

TEST(Csv, RefusesBrokenInputWithTheLine) {
  EXPECT_FALSE(parse_csv("a,b\n\"open"));
  EXPECT_NE(parse_csv("a,b\nx\"y\",z\n").status().message().find("dòng 2"), std::string::npos);
  EXPECT_FALSE(parse_csv("a,\"b\"c\n"));
  EXPECT_FALSE(parse_csv("\xff\xfe a,b"));
  std::string many;
  for (int i = 0; i < 11; ++i) many += "x\n";
  EXPECT_FALSE(parse_csv(many, 10));
  EXPECT_TRUE(parse_csv(many, 11));
  EXPECT_TRUE(parse_csv("")->empty());
}

TEST(Csv, WritesFieldsSpreadsheetsReadBackAndDefusesFormulas) {
  EXPECT_EQ(csv_line({"a", "b,c", "say \"hi\"", "-12.5", "=SUM(A1)", "@x"}), "a,\"b,c\",\"say \"\"hi\"\"\",-12.5,'=SUM(A1),'@x\r\n");
  // Spaces around a value are kept (quoted: unquoted fields are read trimmed), and so is a tab.
  std::vector<std::string> fields{"Hàm Yên", "dòng 1\ndòng 2", "x;y", "Về việc ", " lề", "a\tb"};
  auto back = parse_csv(csv_line(fields));
  ASSERT_TRUE(back);
  EXPECT_EQ((*back)[0].fields, fields);
}

}  // namespace
}  // namespace portico::text
