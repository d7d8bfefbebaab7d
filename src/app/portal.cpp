// The request pipeline around every route: site, page cache, admission, budgets, errors, visits.
#include "app/portal.h"

#include "gov/sections.h"

#include <algorithm>
#include <thread>
#include <limits>

#include <spdlog/spdlog.h>

#include "http/json.h"
#include "http/rebase.h"
#include "render/colour.h"
#include "render/vn_time.h"

namespace portico::app {

namespace {
constexpr std::chrono::milliseconds kLiveTtl{1000};
// A live page past its second is redrawn by one request (which gets the old page if the
// queue refuses it) while the others are served the old one (X-Cache: STALE). While
// uncached work queues, the old page is served for kRedrawWhenBusy before one request
// queues for the redraw, and for kStaleWhenBusy at most.
constexpr std::chrono::milliseconds kStaleWhenBusy{30000};
constexpr std::chrono::milliseconds kRedrawWhenBusy{5000};
constexpr std::chrono::milliseconds kRedrawClaim{5000};  // a redraw queued longer may be claimed again
}

using http::Method;
using http::Params;
using http::Request;
using http::Response;

Portal::Portal(Modules& modules, const Clock& clock, const http::Assets& assets, PortalOptions options)
    : options_(std::move(options)),
      content_security_policy_(widgets::content_security_policy(options_.widgets)),
      clock_(clock),
      modules_(modules),
      assets_(assets),
      cache_(options_.page_cache_bytes, kStaleWhenBusy),
      api_limit_(clock, options_.api_requests_per_minute, 60),
      expensive_limit_(clock, options_.expensive_requests_per_minute, 60),
      expensive_gate_(std::clamp(static_cast<std::ptrdiff_t>(std::thread::hardware_concurrency()), std::ptrdiff_t{1},
                                 std::ptrdiff_t{1024})) {
  using content::PageContext;
  // The sidebar is the same on every page of a category (its polls) for a second (its live
  // numbers): drawn once and kept as a fragment in the page cache, dropped with the site's pages.
  modules_.pages().set_sidebar([this](const PageContext& c, Id category) {
    bool in_list = c.request.path.rfind("/chuyen-muc/", 0) == 0;  // marks the current category
    std::string key = "sidebar|" + std::to_string(c.site->site.id) + '|' + std::to_string(category) + '|' +
                      (in_list ? c.request.path : std::string());
    if (auto hit = cache_.get(key)) return hit->entity->identity;
    std::string html = modules_.widgets().sidebar(c, category);
    cache_.put(key, {"site:" + std::to_string(c.site->site.id)},
               http::make_entity("text/html; charset=utf-8", html, http::Compression::none), kLiveTtl);
    return html;
  });
  // What readers see changed: drop the site's cached pages, or one page's.
  modules_.on_change([this](Id site, const std::string& path) {
    cache_.invalidate(path.empty() ? "site:" + std::to_string(site) : "path:" + path);
  });
  // What each module serves, declared by the module itself.
  modules_.add_routes(*this);
  // The pipeline's own routes: answered at once, without a site, admission or budget.
  router_.add(Method::get, "/api/v1/openapi.json", [this](const Request&, const Params&) { return modules_.api().openapi(); }, "direct");
  router_.add(Method::get, "/healthz", [](const Request&, const Params&) {
    static const auto ok = http::make_entity("application/json; charset=utf-8", "{\"status\":\"ok\"}\n",
                                             http::Compression::none, 0, "no-store");
    return Response::with(200, ok);
  }, "direct");
  router_.add(Method::get, "/readyz", [this](const Request&, const Params&) { return readiness(); }, "direct");
  router_.add(Method::get, "/metrics", [this](const Request& r, const Params&) { return metrics(r); }, "direct");
  router_.add(Method::get, "/static/{*path}", [this](const Request& r, const Params& p) {
    if (auto e = assets_.find(std::string(p["path"]))) return Response::with(200, e);
    return error_page(404, r);
  }, "direct");
  router_.add(Method::get, "/media/{file}", [this](const Request& r, const Params& p) {
    auto res = http::media_file(options_.media_dir, p["file"]);
    return res.entity ? res : error_page(404, r);
  }, "direct");
  // A site's own colour (FrameView::brand_css_url): the address names the colour, so it
  // never changes.
  router_.add(Method::get, "/giao-dien/{file}", [this](const Request& r, const Params& p) {
    std::string_view file = p["file"];  // "mau-0b5394.css"
    std::string hex = file.size() == 14 && file.starts_with("mau-") && file.ends_with(".css")
                          ? "#" + std::string(file.substr(4, 6)) : std::string();
    auto colour = render::parse_colour(hex);
    if (!colour || render::to_hex(*colour) != hex) return error_page(404, r);
    return Response::with(200, http::make_entity("text/css; charset=utf-8", render::brand_css(*colour), http::Compression::none,
                                                 0, "public, max-age=31536000, immutable"));
  }, "direct");
  router_.add(Method::get, "/robots.txt", [this](const Request& r, const Params&) {
    return modules_.feeds().robots(*context(r).site);  // names the sitemap of the host asked
  }, "direct");
}

void Portal::add(content::Route route) {
  using Kind = content::Route::Kind;
  std::string about = route.kind == Kind::cached ? "cached" : route.kind == Kind::page ? "page"
                      : route.kind == Kind::counted ? "counted" : "upload";
  if (route.cost == Cost::expensive || route.cache.expensive) about += " expensive";
  if (!route.guard.empty()) about += " " + route.guard;
  if (route.budget.limit) {
    about += " budget";
    route.handler = [this, h = std::move(route.handler), budget = std::move(route.budget)](const content::PageContext& c,
                                                                                          const Params& p) {
      auto wait = budget.limit->take_address(c.request.remote);  // the address is not stored
      if (!wait) return h(c, p);
      std::string message = budget.refused + " Vui lòng thử lại sau " +
                            (wait < 60 ? std::to_string(wait) + " giây." : std::to_string((wait + 59) / 60) + " phút.");
      Response res = c.request.path.rfind("/api/", 0) == 0 ? http::json_error(429, "too_many_requests", message)
                                                           : modules_.pages().error(c, 429, message);
      res.headers.emplace_back("Retry-After", std::to_string(wait));
      return res;
    };
  }
  // Checked before the budget: a request from another site spends nothing.
  if (route.same_origin) {
    about += " same-origin";
    route.handler = [this, h = std::move(route.handler)](const content::PageContext& c, const Params& p) {
      static constexpr const char* kRefused = "Yêu cầu gửi từ trang khác bị từ chối.";
      if (http::same_origin(c.request)) return h(c, p);
      return c.request.path.rfind("/api/", 0) == 0 ? http::json_error(403, "cross_origin", kRefused)
                                                   : modules_.pages().error(c, 403, kRefused);
    };
  }
  // A sub-portal under a path: every address its answer names gets that path (outermost, so
  // the budget's and the same-origin rule's answers too; before the page cache keeps it).
  route.handler = [h = std::move(route.handler)](const content::PageContext& c, const Params& p) {
    Response res = h(c, p);
    http::rebase(res, c.site->base);
    return res;
  };
  switch (route.kind) {
    case Kind::cached:
      router_.add(route.method, route.pattern, cached(std::move(route.handler), std::move(route.cache)), about);
      break;
    case Kind::page: router_.add(route.method, route.pattern, page(std::move(route.handler), route.cost), about); break;
    case Kind::counted: router_.add(route.method, route.pattern, counted(std::move(route.handler), route.cost), about); break;
    case Kind::upload:
      uploads_.add(Method::post, route.pattern, nullptr);
      router_.add(Method::post, route.pattern, page(std::move(route.handler)), about);
      break;
  }
}

content::PageContext Portal::context(const Request& r) {
  auto site = modules_.content().site_for(r.host(), r.base);
  if (!site) throw std::runtime_error("no site: " + site.status().message());
  return content::PageContext{r, *site, content::DisplayPrefs::from_cookie(r.cookie("hien-thi"))};
}

http::Handler Portal::page(PageHandler h, Cost cost) {
  return [this, h = std::move(h), cost](const Request& r, const Params& p) {
    if (cost == Cost::expensive)
      if (auto refused = over_budget(r)) return std::move(*refused);
    // The request and its parameters outlive the work: the server awaits it.
    return Response::deferred([this, h, &r, p, cost] {
      ExpensiveTurn turn(cost == Cost::expensive ? &expensive_gate_ : nullptr);
      return h(context(r), p);
    });
  };
}

http::Handler Portal::counted(PageHandler h, Cost cost) {
  return page([this, h = std::move(h)](const content::PageContext& c, const Params& p) {
    Response res = h(c, p);
    count_view(c.request, c.site->site.id, res);
    return res;
  }, cost);
}

namespace {
// Deeper pages of a list are rarely asked for and each costs a query with an offset.
constexpr std::int64_t kDeepPage = 5;

bool deep_page(const http::Fields& reads) {
  for (const auto& [k, v] : reads)
    if ((k == "trang" || k == "page") && (v == "x" || std::stoll(v) > kDeepPage)) return true;
  return false;
}
}  // namespace

http::Handler Portal::cached(PageHandler h, content::CacheRule rule) {
  return [this, h = std::move(h), rule = std::move(rule)](const Request& r, const Params& p) -> Response {
    auto c = context(r);
    Id site = c.site->site.id;
    // The answer to a visitor's own rating or vote carries a thank-you: never shared.
    if (rule.personal && r.param(rule.personal)) {
      return Response::deferred([this, h, c, p, counted = rule.counted] {
        Response res = h(c, p);
        if (counted == content::Counted::page) count_view(c.request, c.site->site.id, res);
        return res;
      });
    }
    // The key: site, display, day (the top bar shows today's date), path and the values the
    // route reads, normalised. Nothing else a visitor sends makes a new entry.
    http::Fields reads = rule.reads ? rule.reads(c) : http::Fields{};
    std::string key = std::to_string(site) + '|' + c.display.cookie_value() + '|' +
                      std::to_string(render::vn_day(clock_.now())) + '|' + r.path;
    for (const auto& [k, v] : reads) key += '|' + k + '=' + v;
    std::chrono::milliseconds late{};
    auto hit = cache_.get(key, kStaleWhenBusy, &late);
    bool stale = late.count() > 0;
    if (hit) hit->headers.emplace_back("X-Cache", stale ? "STALE" : "HIT");
    if (hit && (!stale || (r.busy && late < kRedrawWhenBusy) || !cache_.claim_redraw(key, kRedrawClaim))) {
      if (rule.counted == content::Counted::page) count_view(r, site, *hit);
      return std::move(*hit);
    }
    const bool expensive = rule.expensive || deep_page(reads);
    if (expensive)
      if (auto refused = over_budget(r)) return std::move(*refused);
    // Concurrent first visitors to a page: one claims its draw, the others join it.
    bool joins = cache_.in_flight(key) || (!hit && !cache_.claim_redraw(key, kRedrawClaim));
    // While the database is away, the page it last drew is answered rather than a 503.
    std::optional<Response> last;
    if (hit) last = *hit;
    Response deferred = Response::deferred([this, h, &r, p, c, key = std::move(key), reads = std::move(reads),
                               counted = rule.counted, expensive, last = std::move(last)] {
      // The handler sees the request as the key has it: the path and the values read.
      Request normal;
      normal.method = r.method;
      normal.path = r.path;
      normal.target = r.path;
      for (std::size_t i = 0; i < reads.size(); ++i)
        normal.target += (i ? '&' : '?') + reads[i].first + '=' + http::url_encode(reads[i].second);
      normal.query = reads;
      normal.headers = r.headers;
      normal.remote = r.remote;
      normal.base = r.base;
      normal.secure = r.secure;
      content::PageContext nc{normal, c.site, c.display};
      Id site = c.site->site.id;
      bool hit = false;
      Response res;
      try {
        res = cache_.get_or_make(key, [&] {
          http::PageCache::Made made;
          {
            // Only the one drawing the page takes a turn: those who join it wait for it holding none.
            ExpensiveTurn turn(expensive ? &expensive_gate_ : nullptr);
            made.response = h(nc, p);
          }
          // Pages carry live numbers (visits, ratings, polls): kept for a second at most. Of the
          // extra headers only an API page's Link describes the entity; others (cookies) are personal.
          const auto& hs = made.response.headers;
          made.keep = made.response.status == 200 && made.response.entity &&
                      std::all_of(hs.begin(), hs.end(), [](const auto& f) { return f.first == "Link"; });
          made.tags = {"site:" + std::to_string(site), "path:" + r.path};
          made.ttl = kLiveTtl;
          return made;
        }, hit);
      } catch (const Unavailable&) {
        if (!last) throw;
        Response old = *last;  // X-Cache: STALE, from the hit
        if (counted == content::Counted::page) count_view(r, site, old);
        return old;
      }
      if (counted == content::Counted::page) count_view(r, site, res);
      if (res.status == 200 && res.entity) res.headers.emplace_back("X-Cache", hit ? "HIT" : "MISS");
      return res;
    });
    deferred.later_joins = joins;
    if (hit)
      deferred.if_refused = [this, &r, site, counted = rule.counted, old = std::move(*hit)] {
        if (counted == content::Counted::page) count_view(r, site, old);
        return old;
      };
    return deferred;
  };
}

Response Portal::readiness() {
  // Load balancers ask often, and anyone may: the database is asked at most once a second.
  std::lock_guard lock(ready_mu_);
  auto now = std::chrono::steady_clock::now();
  if (!ready_answer_ || now - ready_at_ >= std::chrono::seconds(1)) {
    Readiness r = options_.readiness ? options_.readiness() : Readiness{.ready = true};
    boost::json::object checks{{"database", r.database}, {"schema", r.schema}, {"known_schema", r.known_schema},
                               {"free_disk_mb", r.free_mb}};
    boost::json::object body;
    if (r.ready) {
      body = {{"status", "ready"}, {"checks", checks}};
    } else {
      body = {{"error", {{"code", "not_ready"}, {"message", "Máy chủ này chưa sẵn sàng: " + r.reason + "."}}},
              {"checks", checks}};
    }
    ready_answer_ = http::json_response(r.ready ? 200 : 503, body, "no-store");
    if (!r.ready) ready_answer_->headers.emplace_back("Retry-After", "5");
    ready_at_ = now;
  }
  return *ready_answer_;
}

std::optional<Response> Portal::over_budget(const Request& r) {
  auto wait = expensive_limit_.take_address(r.remote);
  if (!wait) return std::nullopt;
  Response res = refusal(Refusal::too_many, r);
  res.headers.emplace_back("Retry-After", std::to_string(wait));
  return res;
}

Response Portal::refusal(Refusal why, const Request& r) {
  int status = why == Refusal::too_many ? 429 : 503;
  if (r.path.rfind("/api/", 0) == 0) {
    switch (why) {
      case Refusal::too_many:
        return http::json_error(429, "too_many_requests",
                          "Địa chỉ của bạn đã gửi quá nhiều yêu cầu tìm kiếm hoặc tra cứu trong một phút. "
                          "Vui lòng thử lại sau ít phút.");
      case Refusal::overloaded:
        return http::json_error(503, "overloaded", "Máy chủ đang bận. Vui lòng thử lại sau ít giây.");
      case Refusal::database_busy:
        return http::json_error(503, "database_busy", std::string(kBusyMessage));
    }
  }
  return notice_page(r, "!" + std::to_string(static_cast<int>(why)), status,
                     why == Refusal::too_many ? "Bạn đã gửi quá nhiều yêu cầu tìm kiếm hoặc tra cứu trong thời gian ngắn. "
                                                "Vui lòng thử lại sau ít phút."
                     : why == Refusal::overloaded
                         ? "Cổng thông tin đang có quá nhiều người truy cập cùng lúc. Vui lòng thử lại sau ít giây."
                         : std::string(kBusyMessage));
}

Response Portal::notice_page(const Request& r, const std::string& kind, int status, const std::string& message) {
  auto c = context(r);
  std::string key = kind + '|' + std::to_string(c.site->site.id) + '|' + c.display.cookie_value() + '|' +
                    std::to_string(render::vn_day(clock_.now()));
  if (auto hit = cache_.get(key)) return Response{status, hit->entity, {}};
  // Drawn from a neutral request: the page names no address the visitor sent.
  Request neutral;
  neutral.path = neutral.target = "/";
  neutral.headers = r.headers;
  Response res = modules_.pages().error(content::PageContext{neutral, c.site, c.display}, status, message);
  http::rebase(res, c.site->base);
  if (res.entity) cache_.put(key, {"site:" + std::to_string(c.site->site.id)}, res.entity, std::chrono::seconds(10));
  res.headers.clear();
  return res;
}

void Portal::count_view(const Request& r, Id site, const Response& res) {
  if (res.status == 200 && r.method == Method::get && !widgets::is_bot(r.header("user-agent"))) {
    modules_.widgets().visits().view(site, widgets::visitor_hash(r));
    if (options_.metrics) options_.metrics->page_view();
  }
}

Response Portal::metrics(const Request& r) {
  if (!options_.metrics || !address_listed(options_.metrics_allow, r.remote))
    return http::json_error(403, "forbidden", "Số liệu vận hành chỉ dành cho địa chỉ được phép (metrics_allow).");
  Gauges g;
  if (options_.server_stats) {
    auto s = options_.server_stats();
    g.connections = s.connections;
    g.work_threads = s.work_threads;
    g.work_admitted = s.work_admitted;
    g.work_refused = s.work_refused;
    g.connections_refused = s.connections_refused;
  }
  g.cache_hits = cache_.hits();
  g.cache_misses = cache_.misses();
  g.cache_evictions = cache_.evictions();
  g.cache_entries = cache_.size();
  g.cache_bytes = cache_.bytes();
  g.cache_budget = cache_.budget();
  g.ratings = modules_.widgets().ratings_written();
  g.votes = modules_.widgets().votes_written();
  return Response::with(200, http::make_entity("text/plain; version=0.0.4; charset=utf-8", options_.metrics->text(g),
                                               http::Compression::none, 0, "no-store"));
}

std::size_t Portal::body_limit(const Request& head) {
  std::size_t plain = options_.body_limit;
  if (head.method != Method::post) return plain;
  // (A sub-portal under a path of this host: its upload routes are under that path.)
  std::string path = head.path, base = modules_.content().base_for(head.host(), head.path);
  http::strip_base(base, path);
  if (uploads_.match(Method::post, path).outcome != http::Router::Outcome::matched) return plain;
  // An upload route never takes more than the upload limit; more than the plain limit only
  // from a live session whose form token rides in the address (the body is not read yet).
  std::size_t small = std::min(plain, options_.upload_limit);
  auto length = content::parse_positive(head.header("content-length"), std::numeric_limits<std::int64_t>::max());
  if ((length && static_cast<std::uint64_t>(*length) <= small) || head.header("content-length") == "0") return small;
  try {
    auto site = modules_.content().site_for(head.host(), base);
    if (!site) return small;
    auto who = modules_.newsroom().authenticate((*site)->site.id, head.cookie(newsroom::AdminPages::kSessionCookie));
    auto token = head.param("csrf");
    if (!who || !token || !same_secret(*token, who->session.csrf)) return small;
    return options_.upload_limit;
  } catch (const Unavailable&) {
    return small;  // no session can be proved while the database is away
  }
}

Response Portal::handle(Request& r) {
  if (std::find(options_.trusted_proxies.begin(), options_.trusted_proxies.end(), r.remote) !=
      options_.trusted_proxies.end()) {
    // The proxy appends the address it saw: the last entry is the one it vouches for.
    std::string_view xff = r.header("x-forwarded-for");
    if (!xff.empty()) {
      auto comma = xff.rfind(',');
      std::string_view last = comma == std::string_view::npos ? xff : xff.substr(comma + 1);
      while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
      if (!last.empty() && last.size() <= 45 && last.find_first_not_of("0123456789abcdefABCDEF.:") == std::string_view::npos)
        r.remote = std::string(last);
    }
    r.secure = r.header("x-forwarded-proto") == "https";
  }
  // A sub-portal under a path of this host: routed as at its own host, its path put back
  // into what it answers (rebase, in add()).
  if (r.base = modules_.content().base_for(r.host(), r.path); !r.base.empty()) {
    http::strip_base(r.base, r.path);
    std::string_view rest = std::string_view(r.target).substr(std::min(r.base.size(), r.target.size()));
    r.target = rest.empty() || rest.front() == '?' ? "/" + std::string(rest) : std::string(rest);
  }
  // A database busy past its timeout (another process writing) throws: nothing was
  // written, and the visitor is told so with a 503, now or from the deferred work.
  try {
    Response res = is_open_api(r) ? open_api(r) : route(r);
    if (!res.later) {
      monitored(r, res);
      return res;
    }
    res.later = [this, &r, work = std::move(res.later)] {
      try {
        Response out = work();
        monitored(r, out);
        return out;
      } catch (const Unavailable& e) {
        return unavailable(r, e);
      }
    };
    return res;
  } catch (const Unavailable& e) {
    return unavailable(r, e);
  }
}

void Portal::monitored(const Request& r, Response& res) {
  if (!modules_.content().any_monitored()) return;
  auto site = modules_.content().site_for(r.host(), r.base);
  if (!site || (*site)->site.monitor_script.empty()) return;
  // Each thread keeps the policy of the script it answered for last: made once, not per request.
  thread_local std::string script, policy;
  if (script != (*site)->site.monitor_script) {
    script = (*site)->site.monitor_script;
    policy = monitored_policy(script);
  }
  if (!policy.empty()) res.headers.emplace_back("Content-Security-Policy", policy);
}

std::string Portal::monitored_policy(const std::string& script) const {
  auto origin = gov::monitor_origin(script);
  if (!origin) return {};
  // The server's policy with the monitoring script's host admitted for what such a script
  // does: load itself, report (fetch, beacons, a pixel). Nothing else changes.
  std::string policy = content_security_policy_;
  auto admit = [&](std::string_view directive) {
    std::string key = std::string(directive) + " ";
    auto at = policy.find(key);
    if (at == std::string::npos) {
      policy += "; " + key + "'self' " + *origin;
      return;
    }
    auto end = policy.find(';', at);
    policy.insert(end == std::string::npos ? policy.size() : end, " " + *origin);
  };
  admit("script-src");
  admit("connect-src");
  admit("img-src");
  return policy;
}

Response Portal::unavailable(const Request& r, const Unavailable& e) {
  if (options_.metrics) options_.metrics->database_unavailable();
  busy_log_.warn(spdlog::default_logger_raw(), "503: {} ({} {})", e.what(), http::method_name(r.method), r.path);
  Response res;
  try {
    res = refusal(Refusal::database_busy, r);
  } catch (const Unavailable&) {
    // The page around the message needs the database too (a PostgreSQL server that is gone):
    // the message alone, on a page of its own, with the site's stylesheet.
    res = Response::with(503, http::make_entity("text/html; charset=utf-8",
                                                "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                                "<title>Cổng thông tin tạm gián đoạn</title>"
                                                "<link rel=\"stylesheet\" href=\"" + assets_.url("css/site.css") + "\"></head>"
                                                "<body><main class=\"wrap\"><h1>Cổng thông tin tạm gián đoạn</h1><p>" +
                                                    std::string(kBusyMessage) + "</p></main></body></html>\n"));
  }
  res.headers.emplace_back("Retry-After", "2");
  return res;
}

bool Portal::is_open_api(const Request& r) const {
  return (r.method == Method::get || r.method == Method::head || r.method == Method::options) &&
         r.path.rfind("/api/v1/", 0) == 0 && r.path.rfind("/api/v1/newsroom/", 0) != 0;
}

Response Portal::open_api(Request& r) {
  Response res;
  if (r.method == Method::options) {  // a browser's preflight for a read from another site
    res.status = 204;
    res.headers = {{"Access-Control-Allow-Methods", "GET, HEAD"},
                   {"Access-Control-Allow-Headers", "Accept, If-None-Match, If-Modified-Since"},
                   {"Access-Control-Max-Age", "86400"}};
  } else if (auto wait = api_limit_.take_address(r.remote)) {
    // The address meters the budget in memory only; it is not stored.
    res = http::json_error(429, "too_many_requests",
                     "Địa chỉ của bạn đã gửi quá " + std::to_string(api_limit_.limit()) +
                         " yêu cầu trong một phút. Vui lòng thử lại sau " + std::to_string(wait) + " giây.");
    res.headers.emplace_back("Retry-After", std::to_string(wait));
  } else {
    res = route(r);
  }
  // Open data: any site may read it from a browser (no cookies are involved).
  res.headers.emplace_back("Access-Control-Allow-Origin", "*");
  res.headers.emplace_back("Access-Control-Expose-Headers", "ETag, Link, Retry-After");
  return res;
}

std::optional<Response> Portal::disabled_notice(const Request& r) {
  if (!modules_.content().any_disabled()) return std::nullopt;
  for (std::string_view open : {"/static/", "/giao-dien/", "/healthz", "/readyz", "/metrics", "/quan-tri", "/api/v1/newsroom/"})
    if (r.path.rfind(open, 0) == 0) return std::nullopt;
  auto site = modules_.content().site_for(r.host(), r.base);
  if (!site || !(*site)->site.disabled) return std::nullopt;
  std::string message = "Cổng thông tin " + (*site)->site.name + " đang tạm ngừng hoạt động. Mời bạn quay lại sau.";
  if (r.path.rfind("/api/", 0) == 0) return http::json_error(503, "site_disabled", message);
  return notice_page(r, "!disabled", 503, message);
}

std::optional<Response> Portal::read_only_notice(const Request& r) {
  if (!modules_.content().any_read_only() || r.method == Method::get || r.method == Method::head ||
      r.method == Method::options)
    return std::nullopt;
  // What an administrator needs to end it, and the display settings (a cookie, nothing stored).
  for (std::string_view open : {"/quan-tri/dang-nhap", "/quan-tri/dang-xuat", "/quan-tri/van-hanh", "/hien-thi"})
    if (r.path == open) return std::nullopt;
  auto site = modules_.content().site_for(r.host(), r.base);
  if (!site || !(*site)->site.read_only) return std::nullopt;
  std::string message = "Cổng thông tin " + (*site)->site.name +
                        " đang bảo trì: tạm thời chỉ xem được, chưa gửi hay lưu được gì. Mời bạn thử lại sau.";
  Response res = r.path.rfind("/api/", 0) == 0 ? http::json_error(503, "read_only", message)
                                               : notice_page(r, "!read-only", 503, message);
  res.headers.emplace_back("Retry-After", "600");
  return res;
}

Response Portal::route(Request& r) {
  if (auto notice = disabled_notice(r)) return std::move(*notice);
  if (auto notice = read_only_notice(r)) return std::move(*notice);
  auto m = router_.match(r.method, r.path);
  switch (m.outcome) {
    case http::Router::Outcome::matched:
      return (*m.handler)(r, m.params);
    case http::Router::Outcome::method_not_allowed:
    case http::Router::Outcome::not_found:
      break;
  }
  if (m.outcome == http::Router::Outcome::not_found) return error_page(404, r);
  auto res = error_page(405, r);
  res.headers.emplace_back("Allow", m.allow);
  return res;
}

Response Portal::error_page(int status, const Request& r) {
  // Error pages are drawn per request (they name what was asked for): expensive work.
  if (auto refused = over_budget(r)) return std::move(*refused);
  return Response::deferred([this, &r, status] { return error_response(status, &r); });
}

Response Portal::error_response(int status, const Request* r) {
  if (r && (status == 429 || status == 503)) return refusal(status == 429 ? Refusal::too_many : Refusal::overloaded, *r);
  if (r && r->path.rfind("/api/", 0) == 0) {
    switch (status) {
      case 400: return http::json_error(400, "bad_request", "Yêu cầu không hợp lệ.");
      case 404: return http::json_error(404, "not_found", "Không tìm thấy tài nguyên này.");
      case 405: return http::json_error(405, "method_not_allowed", "Phương thức không được hỗ trợ.");
      case 408: return http::json_error(408, "request_timeout", "Dữ liệu của yêu cầu đến quá chậm nên máy chủ đã ngừng chờ; vui lòng gửi lại.");
      case 413: return http::json_error(413, "payload_too_large", "Dữ liệu gửi lên quá lớn.");
      case 414: return http::json_error(414, "uri_too_long", "Địa chỉ yêu cầu quá dài.");
      case 431: return http::json_error(431, "headers_too_large", "Phần đầu (header) của yêu cầu quá lớn.");
      case 501: return http::json_error(501, "not_implemented", "Máy chủ không hỗ trợ cách mã hoá nội dung này (Transfer-Encoding).");
      default: return http::json_error(status, "error", status >= 500 ? "Lỗi máy chủ." : "Yêu cầu không được chấp nhận.");
    }
  }
  // Without a parsed request, the error page is drawn in the default site's frame.
  static const Request fallback{.target = "/", .path = "/"};
  const Request& req = r ? *r : fallback;
  try {
    auto c = context(req);
    Response res = modules_.pages().error(c, status);
    http::rebase(res, c.site->base);
    return res;
  } catch (const Unavailable& e) {
    return unavailable(req, e);  // the frame needs the database
  }
}

}  // namespace portico::app
