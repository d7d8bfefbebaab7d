// The public portal as one request handler: routes, page cache, error pages.
// Built once in main; handle() is called concurrently from every server thread.
#pragma once
#include <optional>
#include <string>

#include "content/api.h"
#include "content/content_service.h"
#include "content/feeds.h"
#include "content/pages.h"
#include "content/routes.h"
#include "gov/dataset_pages.h"
#include "gov/datasets.h"
#include "gov/document_pages.h"
#include "gov/documents.h"
#include "gov/drafts.h"
#include "gov/organisation.h"
#include "gov/schedule.h"
#include "gov/question_pages.h"
#include "gov/questions.h"
#include "http/assets.h"
#include "http/page_cache.h"
#include "http/rare_log.h"
#include "http/router.h"
#include "newsroom/admin_pages.h"
#include "newsroom/newsroom.h"
#include "newsroom/newsroom_api.h"
#include "render/templates.h"
#include "widgets/widgets.h"

namespace portico::app {

struct PortalOptions {
  std::string base_url;   // "http://127.0.0.1:8080"
  std::string media_dir;  // <data>/media
  std::string signing_key;  // 32 bytes from <data>/secret.key: signs preview links
  std::size_t body_limit = 1024 * 1024;  // see Config
  std::size_t upload_limit = 10 * 1024 * 1024;
  std::vector<std::string> trusted_proxies;  // see Config::trust_proxy
  int api_requests_per_minute = 600;         // see Config
  int questions_per_address = 5;             // see Config
  std::string private_dir;                   // <data>/private: personal data (Q&A attachments)
  widgets::WidgetOptions widgets;
  std::size_t page_cache_bytes = 256u << 20;  // see Config::page_cache_mb
  int expensive_requests_per_minute = 300;    // see Config
};

// The request pipeline: the site of a request, the page cache, admission and budgets, error
// pages, visits. The modules declare their routes through content::Routes, which Portal
// implements; it adds only the routes of the pipeline itself (static files, media, health).
class Portal : private content::Routes {
 public:
  Portal(Store& store, const Clock& clock, const render::Templates& templates, const http::Assets& assets,
         PortalOptions options);

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
  // Once a second, from the scheduler thread: scheduled articles whose time has come, and
  // the visit counters.
  void tick() {
    newsroom_.tick();
    widgets_.visits().flush();
  }
  // After the server has stopped: nothing counted is lost.
  void shutdown() { widgets_.visits().flush(); }
  widgets::Widgets& widgets() { return widgets_; }
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
  // A 404 or 405 page: drawn under admission, within the per-address budget.
  http::Response error_page(int status, const http::Request& r);
  // 429 and 503: drawn once per site and display variant and kept, so refusing costs
  // nothing under the load that causes it.
  enum class Refusal { too_many, overloaded, database_busy };
  http::Response refusal(Refusal why, const http::Request& r);
  // The database stayed busy past its timeout: 503 with Retry-After, nothing written.
  http::Response unavailable(const http::Request& r, const Unavailable& e);
  static constexpr std::string_view kBusyMessage =
      "Cơ sở dữ liệu đang bận nên yêu cầu của bạn chưa được thực hiện; không có gì bị ghi dở. "
      "Vui lòng thử lại sau ít giây.";
  content::PageContext context(const http::Request& r);
  http::Response media(std::string_view file);
  // The open API's rules around every public read: CORS, the per-address budget, preflight.
  bool is_open_api(const http::Request& r) const;
  http::Response route(http::Request& r);
  http::Response open_api(http::Request& r);
  // A public page view, for the visit statistics (not bots, not errors).
  void count_view(const http::Request& r, Id site, const http::Response& res);

  PortalOptions options_;
  const Clock& clock_;
  http::Router uploads_;  // the upload routes' patterns, for body_limit()
  content::ContentService content_;
  content::PublicPages pages_;
  content::ArticleApi api_;
  content::Feeds feeds_;
  newsroom::Newsroom newsroom_;
  newsroom::AdminPages admin_;
  newsroom::NewsroomApi newsroom_api_;
  widgets::Widgets widgets_;
  gov::Documents documents_;
  gov::DocumentPages document_pages_;
  gov::PublicForms forms_;
  gov::Questions questions_;
  gov::QuestionPages question_pages_;
  gov::Datasets datasets_;
  gov::DatasetPages dataset_pages_;
  gov::Drafts drafts_;
  gov::Schedule schedule_;
  gov::Organisation organisation_;
  const http::Assets& assets_;
  http::PageCache cache_;
  RateLimit api_limit_;
  RateLimit expensive_limit_;
  http::RareLog busy_log_;
  http::Router router_;
};

}  // namespace portico::app
