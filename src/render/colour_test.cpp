#include "render/colour.h"

#include <gtest/gtest.h>

using namespace portico::render;

TEST(Colour, ParsesHexAndWritesItBack) {
  auto c = parse_colour("#A50E0e");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->r, 0xa5);
  EXPECT_EQ(c->g, 0x0e);
  EXPECT_EQ(c->b, 0x0e);
  EXPECT_EQ(to_hex(*c), "#a50e0e");
  for (const char* bad : {"", "a50e0e", "#a50e0", "#a50e0e0", "#g50e0e", "red", "#a50e0e;}"}) EXPECT_FALSE(parse_colour(bad)) << bad;
}

TEST(Colour, ContrastFollowsWcag) {
  const Rgb white{255, 255, 255}, black{0, 0, 0};
  EXPECT_NEAR(contrast_ratio(white, black), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio(white, white), 1.0, 1e-9);
  // The portal's red is 7.87:1; the well-known pair at the threshold: #767676 4.54:1, #777777 4.48:1.
  EXPECT_NEAR(contrast_ratio(*parse_colour("#a50e0e"), white), 7.87, 0.01);
  EXPECT_GE(contrast_ratio(*parse_colour("#767676"), white), 4.5);
  EXPECT_LT(contrast_ratio(*parse_colour("#777777"), white), 4.5);
  EXPECT_EQ(contrast_ratio(*parse_colour("#123456"), white), contrast_ratio(white, *parse_colour("#123456")));
}

TEST(Colour, DarkensEachChannel) {
  EXPECT_EQ(to_hex(darken(*parse_colour("#a50e0e"), 0.75)), "#7c0b0b");
  EXPECT_EQ(to_hex(darken(*parse_colour("#ffffff"), 0)), "#000000");
}
