// Theme templates: mustache files loaded and compiled once at start-up, partials included
// (resolved to their compiled templates, so a partial in a list of cards is not parsed per
// card). Rendering reads only const state, so any number of threads render at once.
// Values are HTML-escaped unless a template asks for raw output with {{{triple}}} braces.
//
// The data model is ours too (it was kainjow's `kainjow::mustache::data`, whose objects are
// hash maps of heap-allocated values: building and freeing them was a third of a page
// render). Output is kainjow's to the byte: a line holding only whitespace and section tags
// of a section that was drawn is dropped, newline included. Supported tags: {{name}},
// {{{name}}}, {{&name}}, {{#section}}, {{^inverted}}, {{/section}}, {{> partial}},
// {{! comment}}, dotted names and {{.}}; a set-delimiter tag is refused at load.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace portico::render {

class Data;
using List = std::vector<Data>;

// A value a template reads: an object (the default), a text, a list or a boolean. An
// object keeps its keys in insertion order in one vector and is searched linearly: a view
// has a few dozen keys at most, and a lookup compares lengths before bytes.
class Data {
 public:
  enum class Type : std::uint8_t { object, string, list, boolean };

  Data() = default;
  Data(std::string s) : type_(Type::string), text_(std::move(s)) {}
  Data(const char* s) : type_(Type::string), text_(s) {}
  Data(bool b) : type_(Type::boolean), flag_(b) {}
  Data(List l) : type_(Type::list), values_(std::move(l)) {}

  Type type() const { return type_; }
  bool is_object() const { return type_ == Type::object; }
  bool is_string() const { return type_ == Type::string; }
  bool is_list() const { return type_ == Type::list; }
  bool is_bool() const { return type_ == Type::boolean; }
  bool is_false() const { return type_ == Type::boolean && !flag_; }
  bool is_true() const { return type_ == Type::boolean && flag_; }
  bool is_empty_list() const { return type_ == Type::list && values_.empty(); }
  bool is_non_empty_list() const { return type_ == Type::list && !values_.empty(); }

  const std::string& string_value() const { return text_; }
  // A list's items, or an object's values in the order of keys().
  const List& list_value() const { return values_; }
  const std::vector<std::string>& keys() const { return keys_; }

  // Object members: set and [] replace a key that is there, else append it. On a value that
  // is not an object they do nothing (set) or make it an empty object first ([]).
  void set(std::string_view key, Data value) {
    if (is_object()) (*this)[key] = std::move(value);
  }
  Data& operator[](std::string_view key) {
    if (!is_object()) *this = Data();
    if (std::size_t i = find(key); i < keys_.size()) return values_[i];
    if (keys_.empty()) {  // most objects hold a handful of members: grow once, not four times
      keys_.reserve(8);
      values_.reserve(8);
    }
    keys_.emplace_back(key);
    return values_.emplace_back();
  }
  const Data* get(std::string_view key) const {
    std::size_t i = is_object() ? find(key) : keys_.size();
    return i < keys_.size() ? &values_[i] : nullptr;
  }
  // List items; on a value that is not a list, nothing happens.
  void push_back(Data value) {
    if (is_list()) values_.push_back(std::move(value));
  }

 private:
  std::size_t find(std::string_view key) const {  // the member's index, or keys_.size()
    std::size_t i = 0;
    while (i < keys_.size() && keys_[i] != key) ++i;
    return i;
  }

  Type type_ = Type::object;
  bool flag_ = false;
  std::string text_;
  std::vector<std::string> keys_;  // object: the member names
  List values_;                    // object: the member values; list: the items
};

// Mustache treats "" as true; an empty text is stored as false so {{#x}} sections hide.
inline void put(Data& d, std::string_view key, Data&& value) {
  if (d.is_object()) d[key] = std::move(value);
}
inline void put(Data& d, std::string_view key, const std::string& value) {
  put(d, key, value.empty() ? Data(false) : Data(value));
}
inline void put(Data& d, std::string_view key, const char* value) { put(d, key, *value ? Data(value) : Data(false)); }
inline void put(Data& d, std::string_view key, bool value) { put(d, key, Data(value)); }

class Templates {
 public:
  Templates();
  ~Templates();
  Templates(Templates&&) noexcept;
  Templates& operator=(Templates&&) noexcept;

  // Loads every *.mustache file in dir; "page.mustache" is the template "page". Files
  // whose names start with "_" are partials: {{> _card}}. A partial may include itself
  // (a tree drawn by recursion).
  Status load(const std::string& dir);
  // Compiles one template from source (tests); partials are looked up among those loaded.
  Status add(const std::string& name, const std::string& source);
  // Renders a template; throws std::runtime_error for an unknown name. Thread-safe.
  std::string render(const std::string& name, const Data& data) const;
  bool has(const std::string& name) const { return templates_.count(name) != 0; }

  struct Compiled;  // the compiled form (templates.cpp)

 private:
  Status link();  // resolves every partial tag to its template
  std::map<std::string, std::unique_ptr<Compiled>> templates_;
};

}  // namespace portico::render
