// The public portal as one request handler over the modules (app/modules.h): the
// pipeline around every route. Built once in main; handle() is called concurrently from
// every server thread.
#pragma once
#include <chrono>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>

#include "app/modules.h"
#include "app/options.h"
#include "content/routes.h"
#include "http/assets.h"
#include "http/page_cache.h"
#include "http/rare_log.h"
#include "http/router.h"

namespace portico::app {

// The request pipeline: the site of a request, the page cache, admission and budgets, error
// pages, visits. The modules declare their routes through content::Routes, which Portal
// implements; it adds only the routes of the pipeline itself (static files, media, health).
class Portal : private content::Routes {
 public:
  Portal(Modules& modules, const Clock& clock, const http::Assets& assets, PortalOptions options);

  http::Response handle(http::Request& r);
  http::Response error_response(int status, const http::Request* r);
  // The body limit of a request whose head is read (the server's body_limit_for): on the
  // upload routes the upload limit, past the plain limit only for a live session whose CSRF
  // token the address carries (`?csrf=`); elsewhere the plain body_limit.
  std::size_t body_limit(const http::Request& head);
  // Paths whose query strings carry secrets (a tracking code, a preview signature, a CSRF
  // token): the access log writes their path alone.
  static std::vector<std::string> paths_with_secrets() {
    return {"/hoi-dap/tra-cuu", "/xem-truoc/", "/quan-tri/", "/api/v1/newsroom/"};
  }
  // The route table as the router matches it (`portico routes` prints it).
  std::vector<http::Router::Entry> routes() const { return router_.list(); }

 private:
  using PageHandler = content::PageHandler;
  using Cost = content::Cost;
  void add(content::Route route) override;
  // A public GET page served from the page cache when it can be; a miss is rendered once
  // (single flight) under the server's admission.
  http::Handler cached(PageHandler h, content::CacheRule rule = {});
  // A page drawn for each request (forms, actions, the newsroom), under admission.
  http::Handler page(PageHandler h, Cost cost = Cost::plain);
  // A public page drawn for each visit (search, filtered lists) that counts as a view.
  http::Handler counted(PageHandler h, Cost cost = Cost::expensive);
  // Past the per-address budget of expensive work: the 429 answer; otherwise null.
  std::optional<http::Response> over_budget(const http::Request& r);
  // /readyz: this node can serve (app/readiness.h), asked at most once a second.
  http::Response readiness();
  // /metrics (app/metrics.h), to the addresses in metrics_allow; 403 to others.
  http::Response metrics(const http::Request& r);
  // A 404 or 405 page: drawn under admission, within the per-address budget.
  http::Response error_page(int status, const http::Request& r);
  // 429 and 503: drawn once per site and display variant and kept, so refusing costs
  // nothing under the load that causes it.
  enum class Refusal { too_many, overloaded, database_busy };
  http::Response refusal(Refusal why, const http::Request& r);
  // An error page with a message that names nothing the visitor sent (refusals, a disabled
  // site's notice): drawn once per kind, site and display, and kept for ten seconds.
  http::Response notice_page(const http::Request& r, const std::string& kind, int status, const std::string& message);
  // The database stayed busy past its timeout: 503 with Retry-After, nothing written.
  http::Response unavailable(const http::Request& r, const Unavailable& e);
  // A disabled site's answer to everything but its newsroom and static files: a notice.
  std::optional<http::Response> disabled_notice(const http::Request& r);
  // A site in read-only mode (maintenance): 503 with a notice to every write but sign-in,
  // sign-out, the setting that ends it and the display settings.
  std::optional<http::Response> read_only_notice(const http::Request& r);
  // A site that loads an EMC monitoring script: its answers carry the server's
  // Content-Security-Policy with that script's host admitted (it replaces the server's).
  void monitored(const http::Request& r, http::Response& res);
  // That policy for one script's address; empty for an address check_site would refuse.
  std::string monitored_policy(const std::string& script) const;
  static constexpr std::string_view kBusyMessage =
      "Cơ sở dữ liệu đang bận nên yêu cầu của bạn chưa được thực hiện; không có gì bị ghi dở. "
      "Vui lòng thử lại sau ít giây.";
  content::PageContext context(const http::Request& r);
  // The open API's rules around every public read: CORS, the per-address budget, preflight.
  bool is_open_api(const http::Request& r) const;
  http::Response route(http::Request& r);
  http::Response open_api(http::Request& r);
  // A public page view, for the visit statistics (not bots, not errors).
  void count_view(const http::Request& r, Id site, const http::Response& res);

  PortalOptions options_;
  std::string content_security_policy_;  // the server's (widgets::content_security_policy)
  const Clock& clock_;
  Modules& modules_;
  http::Router uploads_;  // the upload routes' patterns, for body_limit()
  const http::Assets& assets_;
  http::PageCache cache_;
  RateLimit api_limit_;
  RateLimit expensive_limit_;
  // Expensive work (searches, deep pages) runs at most one per core at once, whatever the
  // number of work threads: with a database server there are two per core, to wait on its
  // answers, and heavy searches four at a time on two cores drew a long tail (search p95 at
  // four at once 28 ms against 17 ms).
  std::counting_semaphore<1024> expensive_gate_;
  std::mutex ready_mu_;  // guards the two below
  std::optional<http::Response> ready_answer_;
  std::chrono::steady_clock::time_point ready_at_;
  struct ExpensiveTurn {
    explicit ExpensiveTurn(std::counting_semaphore<1024>* g) : gate(g) {
      if (gate) gate->acquire();
    }
    ~ExpensiveTurn() {
      if (gate) gate->release();
    }
    ExpensiveTurn(const ExpensiveTurn&) = delete;
    ExpensiveTurn& operator=(const ExpensiveTurn&) = delete;
    std::counting_semaphore<1024>* gate;
  };
  http::RareLog busy_log_;
  http::Router router_;
};

}  // namespace portico::app
