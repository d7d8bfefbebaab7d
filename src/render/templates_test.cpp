#include "render/templates.h"

#include <gtest/gtest.h>
#include <kainjow/mustache.hpp>

#include <filesystem>
#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

using namespace portico::render;

namespace {
std::string temp_dir() {
  auto d = std::filesystem::temp_directory_path() / ("portico-tpl-" + std::to_string(::getpid()));
  std::filesystem::create_directories(d);
  return d.string();
}
void write(const std::string& path, const std::string& s) { std::ofstream(path) << s; }

// The same value in kainjow's data model, whose renderer ours must match to the byte.
kainjow::mustache::data to_kainjow(const Data& d) {
  switch (d.type()) {
    case Data::Type::string: return kainjow::mustache::data(d.string_value());
    case Data::Type::boolean: return kainjow::mustache::data(d.is_true());
    case Data::Type::list: {
      kainjow::mustache::list l;
      for (const Data& item : d.list_value()) l.push_back(to_kainjow(item));
      return kainjow::mustache::data(l);
    }
    case Data::Type::object: break;
  }
  kainjow::mustache::data o;
  for (std::size_t i = 0; i < d.keys().size(); ++i) o.set(d.keys()[i], to_kainjow(d.list_value()[i]));
  return o;
}
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

TEST(Templates, WritesWhatKainjowWrites) {
  // Lines of drawn section tags and blanks go, newline and all; the rest stays as written.
  const std::string list = "<ul>\n  {{#items}}\n  {{> _item}}\n  {{/items}}\n</ul>\n{{^items}}none{{/items}}\n";
  const std::string item = "<li>{{name}}</li>\n";
  Templates t;
  ASSERT_TRUE(t.add("_item", item).is_ok());
  ASSERT_TRUE(t.add("list", list).is_ok());
  auto kainjow = [&](const Data& d) {
    kainjow::mustache::mustache k(list);
    auto kd = to_kainjow(d);
    kd.set("_item", kainjow::mustache::data(kainjow::mustache::partial([&] { return item; })));
    return k.render(kd);
  };
  Data d;
  List items;
  for (const char* n : {"A", "<B>"}) {
    Data x;
    x.set("name", n);
    items.push_back(x);
  }
  d.set("items", items);
  EXPECT_EQ(t.render("list", d), "<ul>\n  <li>A</li>\n\n  <li>&lt;B&gt;</li>\n\n</ul>\n\n");
  EXPECT_EQ(t.render("list", d), kainjow(d));
  Data empty;
  empty.set("items", List());
  EXPECT_EQ(t.render("list", empty), "<ul>\n  \n</ul>\nnone\n");
  EXPECT_EQ(t.render("list", empty), kainjow(empty));
}

TEST(Templates, DottedNamesInvertedSectionsAndRecursivePartials) {
  Templates t;
  ASSERT_TRUE(t.add("_node", "({{name}}{{#children}}{{> _node}}{{/children}})").is_ok());
  ASSERT_TRUE(t.add("tree", "{{t.title}}|{{#root}}{{> _node}}{{/root}}|{{^missing}}no{{/missing}}|{{#flag}}{{.}}{{/flag}}").is_ok());
  Data leaf;
  leaf.set("name", "c");
  leaf.set("children", List());  // else {{#children}} finds the parent's (mustache looks up the stack)
  Data mid;
  mid.set("name", "b");
  mid.set("children", List{leaf});
  Data root;
  root.set("name", "a");
  root.set("children", List{mid});
  Data strings;
  strings.set("title", "T&C");
  Data d;
  d.set("t", strings);
  d.set("root", root);
  d.set("flag", false);
  EXPECT_EQ(t.render("tree", d), "T&amp;C|(a(b(c)))|no|");
  EXPECT_FALSE(t.add("bad", "{{#open}}never closed").is_ok());
  EXPECT_FALSE(t.add("bad", "{{#a}}{{/b}}").is_ok());
  EXPECT_FALSE(t.add("bad", "{{unclosed").is_ok());
}

TEST(Templates, ManyThreadsRenderAtOnce) {
  Templates t;
  ASSERT_TRUE(t.load(std::string(PORTICO_SOURCE_DIR) + "/themes/default/templates").is_ok());
  Data d;
  d.set("title", "Yên Sơn");
  std::string one = t.render("layout", d);
  std::vector<std::thread> threads;
  std::atomic<int> same{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < 200; ++k) same += t.render("layout", d) == one ? 1 : 0;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(same, 800);
}

TEST(Templates, ThemeTemplatesParse) {
  Templates t;
  ASSERT_TRUE(t.load(std::string(PORTICO_SOURCE_DIR) + "/themes/default/templates").is_ok());
  EXPECT_TRUE(t.has("layout"));
  EXPECT_TRUE(t.has("article"));
  EXPECT_THROW(t.render("missing", Data()), std::runtime_error);
}

TEST(Templates, DataKeepsOneValuePerKeyInInsertionOrder) {
  Data d;
  d.set("b", "1");
  d.set("a", true);
  d.set("b", "2");  // replaced in place
  ASSERT_EQ(d.keys(), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(d.get("b")->string_value(), "2");
  EXPECT_TRUE(d.get("a")->is_true());
  EXPECT_EQ(d.get("missing"), nullptr);
  Data text("x");
  text.set("k", "v");  // not an object: nothing happens
  EXPECT_TRUE(text.is_string());
  EXPECT_EQ(text.get("k"), nullptr);
  text.push_back("y");  // not a list either
  EXPECT_EQ(text.string_value(), "x");
  Data list(List{});
  EXPECT_TRUE(list.is_empty_list());
  list.push_back(Data("z"));
  EXPECT_TRUE(list.is_non_empty_list());
  put(d, "empty", "");  // an empty text is false, so {{#empty}} hides
  EXPECT_TRUE(d.get("empty")->is_false());
}
