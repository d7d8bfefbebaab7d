// Theme templates: mustache files loaded and parsed once at start-up. Values are
// HTML-escaped unless a template asks for raw output with {{{triple}}} braces.
#pragma once
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/status.h"

namespace portico::render {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

// Mustache treats "" as true; an empty text is stored as false so {{#x}} sections hide.
inline void put(Data& d, const std::string& key, const std::string& value) {
  if (value.empty()) d.set(key, false);
  else d.set(key, value);
}
inline void put(Data& d, const std::string& key, const char* value) { put(d, key, std::string(value)); }
inline void put(Data& d, const std::string& key, bool value) { d.set(key, value); }

class Templates {
 public:
  // Loads every *.mustache file in dir; "page.mustache" is the template "page". Files
  // whose names start with "_" are partials: {{> _card}}.
  Status load(const std::string& dir);
  // Renders a template; throws std::runtime_error for an unknown name or a template error.
  std::string render(const std::string& name, Data data) const;
  bool has(const std::string& name) const { return templates_.count(name) != 0; }

 private:
  std::map<std::string, std::string> sources_;
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> templates_;
  // kainjow's renderer keeps its error state in the template object, so renders are
  // serialised; they only happen on page-cache misses.
  mutable std::mutex render_mu_;
};

}  // namespace portico::render
