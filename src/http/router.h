// Method + path pattern → handler. Patterns are "/literal/{name}" segments; a last
// segment "{*name}" takes the rest of the path. Routes are added in main, visibly.
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
  void add(Method m, std::string_view pattern, Handler h);

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
  };
  static bool match_route(const Route& r, std::string_view path, Params& out);
  std::vector<Route> routes_;
};


}  // namespace portico::http
