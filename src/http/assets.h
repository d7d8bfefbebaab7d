// Static assets (CSS, JS, fonts, images): loaded, content-hashed and precompressed at
// start-up, then served from memory. Hashed names are cached for a year by browsers;
// CSS references to other assets are rewritten to their hashed names.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/message.h"

namespace portico::http {

class Assets {
 public:
  // Each root directory's files are published under their relative path ("css/site.css").
  // Later roots do not replace files of earlier ones.
  Status load(const std::vector<std::string>& roots);
  // "/static/css/site.1a2b3c4d5e.css" for "css/site.css"; the plain path if unknown.
  std::string url(const std::string& logical) const;
  // The entity for a path below /static/: a hashed name (long-lived) or a plain one (revalidated).
  std::shared_ptr<const Entity> find(const std::string& path) const;
  std::size_t count() const { return by_logical_.size(); }

 private:
  struct Item {
    std::string hashed;  // path below /static/
    std::shared_ptr<const Entity> immutable, revalidated;
  };
  std::map<std::string, Item> by_logical_;
  std::map<std::string, std::shared_ptr<const Entity>> by_hashed_;
};

// "text/css; charset=utf-8" for "site.css"; application/octet-stream when unknown.
std::string content_type_for(const std::string& path);

// An uploaded file of `dir` for GET /media/{file}, sent from disk in chunks (nothing is read
// here), cached by browsers for a day; office files are downloads, never opened in the
// portal's origin. No entity when the name is not a plain file name (no '/', no leading '.')
// or there is no such file.
Response media_file(const std::string& dir, std::string_view file);

}  // namespace portico::http
