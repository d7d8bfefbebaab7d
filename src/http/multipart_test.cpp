#include "http/multipart.h"

#include <gtest/gtest.h>

using namespace portico::http;

TEST(Multipart, BoundaryFromContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc123"), "abc123");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
  EXPECT_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

TEST(Multipart, FieldsAndFiles) {
  using namespace std::string_literals;
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"ảnh.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
      "\xff\xd8\r\n\x00"s "binary\r\n--XyZ--\r\n";
  auto parts = parse_multipart(body, "XyZ");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "csrf");
  EXPECT_EQ((*parts)[0].data, "token");
  EXPECT_EQ((*parts)[1].filename, "ảnh.jpg");
  EXPECT_EQ((*parts)[1].content_type, "image/jpeg");
  EXPECT_EQ((*parts)[1].data, std::string("\xff\xd8\r\n\x00" "binary", 11));
}

TEST(Multipart, MalformedBodiesAreRejected) {
  EXPECT_FALSE(parse_multipart("", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nNo-Colon\r\n\r\nx\r\n--b--", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nx\r\n--b--", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=\"x\r\n\r\nx\r\n--b--", "b"));
  EXPECT_TRUE(parse_multipart("--b--", "b"));
}
