// Theme templates: mustache files loaded and compiled once at start-up, partials included
// (resolved to their compiled templates, so a partial in a list of cards is not parsed per
// card). Rendering reads only const state, so any number of threads render at once.
// Values are HTML-escaped unless a template asks for raw output with {{{triple}}} braces.
//
// The data model is kainjow's (`kainjow::mustache::data`); the renderer is ours. It keeps
// kainjow's output to the byte: a line holding only whitespace and section tags of a
// section that was drawn is dropped, newline included. Supported tags: {{name}},
// {{{name}}}, {{&name}}, {{#section}}, {{^inverted}}, {{/section}}, {{> partial}},
// {{! comment}}, dotted names and {{.}}; a set-delimiter tag is refused at load.
#pragma once
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <string>

#include "core/status.h"

namespace portico::render {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

// Mustache treats "" as true; an empty text is stored as false so {{#x}} sections hide.
// The value is moved in place (Data::set would copy it once more).
inline void put(Data& d, const std::string& key, Data&& value) {
  if (d.is_object()) d[key] = std::move(value);
}
inline void put(Data& d, const std::string& key, const std::string& value) {
  put(d, key, value.empty() ? Data(false) : Data(value));
}
inline void put(Data& d, const std::string& key, const char* value) { put(d, key, *value ? Data(value) : Data(false)); }
inline void put(Data& d, const std::string& key, bool value) { put(d, key, Data(value)); }

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
