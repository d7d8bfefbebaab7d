// WCAG 2.1 contrast: relative luminance of sRGB colours.
#include "render/colour.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text/ascii.h"

namespace portico::render {

namespace {
using text::hex_digit;

double channel(int v) {
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }
}  // namespace

std::optional<Rgb> parse_colour(std::string_view hex) {
  if (hex.size() != 7 || hex[0] != '#') return std::nullopt;
  int v[6];
  for (int i = 0; i < 6; ++i)
    if ((v[i] = hex_digit(hex[static_cast<std::size_t>(i) + 1])) < 0) return std::nullopt;
  return Rgb{v[0] * 16 + v[1], v[2] * 16 + v[3], v[4] * 16 + v[5]};
}

std::string to_hex(Rgb c) {
  char out[8];
  std::snprintf(out, sizeof out, "#%02x%02x%02x", c.r & 0xff, c.g & 0xff, c.b & 0xff);
  return out;
}

double contrast_ratio(Rgb a, Rgb b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgb darken(Rgb c, double factor) {
  auto scale = [factor](int v) { return std::clamp(static_cast<int>(std::lround(v * factor)), 0, 255); };
  return {scale(c.r), scale(c.g), scale(c.b)};
}

std::string brand_css(Rgb brand) {
  // The theme's dark shade is about three quarters of its brand colour (#7a0a0a, #a50e0e).
  return ":root{--brand:" + to_hex(brand) + ";--brand-dark:" + to_hex(darken(brand, 0.74)) + "}\n";
}

}  // namespace portico::render
