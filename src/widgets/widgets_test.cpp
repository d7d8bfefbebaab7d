// The widgets' pure rules: embeds, origins, the CSP, the weather answer, video sniffing.
#include "widgets/widgets.h"

#include <gtest/gtest.h>

#include "media/images.h"
#include "widgets/weather.h"

using namespace portico;
using namespace portico::widgets;

TEST(Embeds, OnlyAllowedHostsBecomeEmbedAddresses) {
  WidgetOptions o;
  EXPECT_EQ(embed_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1", o.video_hosts),
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
  EXPECT_EQ(embed_url("https://youtu.be/dQw4w9WgXcQ", o.video_hosts), "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
  EXPECT_EQ(embed_url("https://vimeo.com/76979871", o.video_hosts), "https://player.vimeo.com/video/76979871");
  EXPECT_EQ(embed_url("http://www.youtube.com/watch?v=dQw4w9WgXcQ", o.video_hosts), "");  // not https
  EXPECT_EQ(embed_url("https://evil.example/embed/x", o.video_hosts), "");
  EXPECT_EQ(embed_url("https://www.youtube.com/watch?v=a\"onload=x", o.video_hosts), "");
  EXPECT_EQ(embed_url("https://www.youtube.com.evil.example/watch?v=abc", o.video_hosts), "");
  EXPECT_EQ(embed_url("https://vimeo.com/abc", o.video_hosts), "");
}

TEST(Csp, LetsInTheTilesAndThePlayersOnly) {
  WidgetOptions o;
  std::string csp = content_security_policy(o);
  EXPECT_NE(csp.find("img-src 'self' data: https://tile.openstreetmap.org;"), std::string::npos) << csp;
  EXPECT_NE(csp.find("https://www.youtube-nocookie.com"), std::string::npos);
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos);
  o.map_tiles = "https://{s}.tile.example.vn/{z}/{x}/{y}.png";
  o.video_hosts.clear();
  csp = content_security_policy(o);
  EXPECT_NE(csp.find("https://*.tile.example.vn"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-src 'none'"), std::string::npos);
}

TEST(Weather, ReadsOpenMeteoCurrentBlock) {
  auto r = parse_open_meteo(
      R"({"latitude":21.8,"current_units":{"temperature_2m":"°C"},"current":{"time":"2026-11-29T20:00",)"
      R"("temperature_2m":22.4,"relative_humidity_2m":81,"weather_code":3,"wind_speed_10m":4.7}})",
      7, 1000);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->place_id, 7);
  EXPECT_DOUBLE_EQ(r->temperature, 22.4);
  EXPECT_DOUBLE_EQ(r->humidity, 81);
  EXPECT_EQ(r->code, 3);
  EXPECT_FALSE(parse_open_meteo("<html>", 7, 1000));
  EXPECT_FALSE(parse_open_meteo(R"({"current":{"temperature_2m":"hot"}})", 7, 1000));
  EXPECT_FALSE(parse_open_meteo(R"({"current":{"temperature_2m":900,"relative_humidity_2m":1,"weather_code":1,"wind_speed_10m":1}})", 7, 1));
}

TEST(Video, TypeComesFromTheBytes) {
  std::string mp4("\0\0\0\x18" "ftypisom\0\0\0\0", 16);
  EXPECT_STREQ(media::sniff_video(mp4)->mime, "video/mp4");
  std::string webm("\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84webm", 16);
  EXPECT_STREQ(media::sniff_video(webm)->mime, "video/webm");
  EXPECT_FALSE(media::sniff_video("<script>alert(1)</script>"));
  EXPECT_TRUE(media::is_webvtt("WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào"));
  EXPECT_TRUE(media::is_webvtt("\xEF\xBB\xBFWEBVTT"));
  EXPECT_FALSE(media::is_webvtt("WEBVTTX"));
}
