// How a module declares its routes. Each module adds its own in one function
// (`add_routes(Routes&)`) and states with each route what the pipeline must do around it:
// cached or drawn per request, counted as a page view or not, under the per-address budget
// of expensive work, an upload. app::Portal implements Routes: it finds the site, applies
// the page cache, admission and budgets, and counts views, for every route alike.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "content/pages.h"
#include "core/rate_limit.h"
#include "http/message.h"
#include "http/router.h"

namespace portico::content {

using PageHandler = std::function<http::Response(const PageContext&, const http::Params&)>;

// Pages count as visits; API answers, feeds and downloads do not.
enum class Counted { page, api };

// How a cached route is keyed.
struct CacheRule {
  // The query parameters the route reads, parsed and normalised (empty: it reads none).
  // The key holds exactly these, and the handler is given a request whose query is
  // exactly these, so two requests the route answers alike share one entry whatever
  // else their address carries. Values the route refuses map to one marker.
  std::function<http::Fields(const PageContext&)> reads;
  // A parameter that makes the answer the visitor's own (a thank-you after rating): such
  // requests bypass the cache.
  const char* personal = nullptr;
  Counted counted = Counted::page;
  bool expensive = false;  // a miss counts against the per-address budget (sitemap parts)
};

// How much uncached work a route costs: expensive ones (search, filtered lists, deep pages,
// sitemap parts, error pages) also count against a per-address budget.
enum class Cost { plain, expensive };

// A per-address budget a route spends: the module owns the RateLimit and says what the
// visitor did too often; the pipeline takes from it before the handler runs (every attempt
// counts, accepted or not) and past it answers 429 with Retry-After and that sentence
// followed by when to try again, as a page or as the API's JSON error.
struct Budget {
  RateLimit* limit = nullptr;
  std::string refused;  // "Bạn đã gửi nhiều câu hỏi trong một giờ."
};

struct Route {
  enum class Kind {
    cached,   // a public GET page from the page cache; a miss is drawn once (single flight)
    page,     // drawn for each request (forms, actions, the newsroom), under admission
    counted,  // a public GET page drawn for each visit (search, filtered lists), a page view
    upload,   // a POST whose body may pass the plain body limit, up to the upload limit
  };
  Kind kind = Kind::page;
  http::Method method = http::Method::get;
  std::string pattern;
  PageHandler handler;
  CacheRule cache;           // cached
  Cost cost = Cost::plain;   // page, counted
  std::string guard;         // who may call it, checked by the module's wrapper: "session", "api token"
  // A public write (a form or a JSON POST): the pipeline refuses it with 403 when the
  // request names another origin (http::same_origin), before the handler runs.
  bool same_origin = false;
  Budget budget;  // spent by every request, when it names a limit
};

class Routes {
 public:
  virtual ~Routes() = default;
  virtual void add(Route route) = 0;

  void cached(std::string pattern, PageHandler h, CacheRule rule = {}) {
    add({Route::Kind::cached, http::Method::get, std::move(pattern), std::move(h), std::move(rule)});
  }
  void page(http::Method m, std::string pattern, PageHandler h, Cost cost = Cost::plain, std::string guard = {}) {
    add({Route::Kind::page, m, std::move(pattern), std::move(h), {}, cost, std::move(guard)});
  }
  // A visitor's write: a page drawn per request behind the same-origin check and, when one
  // is named, a per-address budget.
  void write(http::Method m, std::string pattern, PageHandler h, Budget budget = {}) {
    Route r{Route::Kind::page, m, std::move(pattern), std::move(h)};
    r.same_origin = true;
    r.budget = std::move(budget);
    add(std::move(r));
  }
  // A page drawn per request that spends a per-address budget (a look-up a guesser repeats).
  void metered(http::Method m, std::string pattern, PageHandler h, Budget budget) {
    Route r{Route::Kind::page, m, std::move(pattern), std::move(h)};
    r.budget = std::move(budget);
    add(std::move(r));
  }
  void counted(std::string pattern, PageHandler h, Cost cost = Cost::expensive) {
    add({Route::Kind::counted, http::Method::get, std::move(pattern), std::move(h), {}, cost});
  }
  void upload(std::string pattern, PageHandler h, std::string guard = {}) {
    add({Route::Kind::upload, http::Method::post, std::move(pattern), std::move(h), {}, Cost::plain, std::move(guard)});
  }
};

// A page number as routes read it (the first `name`: "trang" or "page"): 1 and none are one
// page, anything that is not a positive number one marker.
void read_page(const http::Request& r, const char* name, http::Fields& out);

}  // namespace portico::content
