#include "render/templates.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace portico::render;

namespace {
std::string temp_dir() {
  auto d = std::filesystem::temp_directory_path() / ("portico-tpl-" + std::to_string(::getpid()));
  std::filesystem::create_directories(d);
  return d.string();
}
void write(const std::string& path, const std::string& s) { std::ofstream(path) << s; }
}  // namespace

TEST(Templates, EscapesByDefaultAndUsesPartials) {
  auto dir = temp_dir();
  write(dir + "/page.mustache", "<p>{{name}}</p>{{{raw}}}{{> _part}}");
  write(dir + "/_part.mustache", "[{{name}}]");
  Templates t;
  ASSERT_TRUE(t.load(dir).is_ok());
  Data d;
  d.set("name", "<b>Yên Sơn</b>");
  d.set("raw", "<i>ok</i>");
  EXPECT_EQ(t.render("page", d), "<p>&lt;b&gt;Yên Sơn&lt;/b&gt;</p><i>ok</i>[&lt;b&gt;Yên Sơn&lt;/b&gt;]");
  std::filesystem::remove_all(dir);
}

TEST(Templates, ThemeTemplatesParse) {
  Templates t;
  ASSERT_TRUE(t.load(std::string(PORTICO_SOURCE_DIR) + "/themes/default/templates").is_ok());
  EXPECT_TRUE(t.has("layout"));
  EXPECT_TRUE(t.has("article"));
  EXPECT_THROW(t.render("missing", Data()), std::runtime_error);
}
