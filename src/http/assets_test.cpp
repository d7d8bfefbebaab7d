#include "http/assets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace portico::http;

TEST(Assets, HashesNamesAndRewritesCssReferences) {
  auto dir = std::filesystem::temp_directory_path() / ("portico-assets-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "css");
  std::filesystem::create_directories(dir / "fonts");
  std::ofstream(dir / "fonts/a.woff2") << "font";
  std::ofstream(dir / "css/site.css") << "@font-face{src:url(\"/static/fonts/a.woff2\")}";
  Assets assets;
  ASSERT_TRUE(assets.load({dir.string()}).is_ok());
  std::string font = assets.url("fonts/a.woff2");
  EXPECT_NE(font, "/static/fonts/a.woff2");
  EXPECT_TRUE(font.ends_with(".woff2"));
  std::string css_url = assets.url("css/site.css");
  auto css = assets.find(css_url.substr(8));
  ASSERT_NE(css, nullptr);
  EXPECT_NE(css->identity.find(font), std::string::npos);
  EXPECT_EQ(css->cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(assets.find("css/site.css")->cache_control, "public, max-age=300");
  // The copy's header lines say its own Cache-Control, not the original's.
  EXPECT_NE(assets.find("css/site.css")->fixed_head(Coding::br).find("Cache-Control: public, max-age=300\r\n"),
            std::string::npos);
  EXPECT_EQ(assets.find("css/site.css")->fixed_head(Coding::br).find("immutable"), std::string::npos);
  EXPECT_EQ(assets.find("css/none.css"), nullptr);
  std::filesystem::remove_all(dir);
}
