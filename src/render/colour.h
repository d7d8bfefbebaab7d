// Colours as a site's administrators choose them ("#a50e0e"), and the contrast WCAG 2.1
// asks of text on them (relative luminance, §1.4.3: 4.5:1 for normal text).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace portico::render {

struct Rgb {
  int r = 0, g = 0, b = 0;  // 0..255
};

// "#rrggbb" (either case); anything else is nullopt.
std::optional<Rgb> parse_colour(std::string_view hex);
std::string to_hex(Rgb c);  // "#rrggbb", lower case
// 1 (the same) to 21 (black on white).
double contrast_ratio(Rgb a, Rgb b);
// The colour with each channel scaled by `factor` (0..1): the darker shade beside a brand colour.
Rgb darken(Rgb c, double factor);
// A site's own colours over the theme's (`--brand`, and `--brand-dark` for the banner):
// a stylesheet of its own, so pages keep a Content-Security-Policy without inline styles.
std::string brand_css(Rgb brand);
inline constexpr const char* kDefaultBrand = "#a50e0e";  // the theme's own (site.css)

}  // namespace portico::render
