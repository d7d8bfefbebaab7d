// Method + path pattern → handler. Patterns are "/literal/{name}" segments; a last
// segment "{*name}" takes the rest of the path. Each module adds its own routes (see
// content/routes.h); `portico routes` prints the table.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace portico::http {

struct Params {
  std::vector<std::pair<std::string, std::string>> values;
  std::string_view operator[](std::string_view name) const {
    for (const auto& [k, v] : values)
      if (k == name) return v;
    return {};
  }
};

using Handler = std::function<Response(const Request&, const Params&)>;

class Router {
 public:
  // `about`: how the route is served and guarded, for the route list ("cached", "page session").
  void add(Method m, std::string_view pattern, Handler h, std::string about = {});

  struct Entry {
    Method method;
    std::string pattern;
    std::string about;
  };
  // Every route in the order added, as the router matches them.
  std::vector<Entry> list() const;

  enum class Outcome { matched, not_found, method_not_allowed };
  struct Match {
    Outcome outcome = Outcome::not_found;
    const Handler* handler = nullptr;
    Params params;
    std::string allow;  // for 405: "GET, HEAD"
  };
  // HEAD matches GET routes.
  Match match(Method m, std::string_view path) const;

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;
    Handler handler;
    std::string pattern, about;
  };
  static bool match_route(const Route& r, std::string_view path, Params& out);
  std::vector<Route> routes_;
};


}  // namespace portico::http
