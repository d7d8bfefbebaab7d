// The reader's sidebar and the visitor's own actions: article ratings, polls, visit
// statistics, video, map, weather and links; their public pages and JSON API.
//
// Rules shared by ratings and votes: a visitor is the first-party "khach" cookie (made on
// the first vote); each POST counts against a per-address limit; a request from another
// origin is refused (Origin, then Referer, then Sec-Fetch-Site); the vote is durable
// before the answer says so.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "content/change_notifier.h"
#include "content/pages.h"
#include "core/clock.h"
#include "http/assets.h"
#include "core/rate_limit.h"
#include "media/file_store.h"
#include "render/templates.h"
#include "store/store.h"
#include "widgets/visits.h"

namespace portico::widgets {

// One kind of sidebar widget. `fill` adds what the widget shows to its template data (its
// title, kind and `flag` are already set) and its list of items; an empty list shows the
// template's "nothing yet" line. Widgets owns the kinds of its own records; a module above it
// adds its kinds at start-up with Widgets::add_kind (gov adds "thong-tin-tong-hop").
struct WidgetKind {
  std::string kind;   // stored in widget_settings
  std::string title;  // the widget's heading
  std::string flag;   // the template's section for it
  std::function<void(const content::PageContext& c, Id category_id, render::Data& widget, render::List& items)> fill;
  bool only_with_items = false;  // left out of a sidebar where it has nothing (a site without sub-portals)
};

struct WidgetOptions {
  std::string map_tiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  std::string map_attribution = "© OpenStreetMap";
  // Hosts whose players may be embedded (iframe); an embed URL from anywhere else is refused.
  std::vector<std::string> video_hosts = {"www.youtube-nocookie.com", "www.youtube.com", "youtube.com", "youtu.be",
                                          "player.vimeo.com", "vimeo.com"};
  int votes_per_address = 60;  // ratings and votes per address per 10 minutes
  bool secure_cookies = false;
  std::string media_dir;  // where uploaded videos and captions go (<data>/media)
};

// The visitor cookie's value, or a new one when the request has none (fresh = true).
struct VisitorId {
  std::string id;
  bool fresh = false;
};
VisitorId visitor_of(const http::Request& r);
// A hash that tells visitors apart for "online now": the cookie, else address and browser.
std::uint64_t visitor_hash(const http::Request& r);
// Turns a YouTube or Vimeo page or embed address into its embed address; empty when the
// host is not allowed or the address is malformed.
std::string embed_url(std::string_view url, const std::vector<std::string>& allowed_hosts);
// A place on openstreetmap.org, for readers who want the full map (and for the map's
// no-script fallback and the contact page).
std::string map_link(const Place& p);
// The Content-Security-Policy that lets the map tiles and the allowed players in.
std::string content_security_policy(const WidgetOptions& o);

class Widgets : public content::ChangeNotifier {
 public:
  Widgets(Store& store, const Clock& clock, content::ContentService& content, content::PublicPages& pages,
          const render::Templates& templates, const http::Assets& assets, WidgetOptions options);

  VisitCounter& visits() { return visits_; }

  // Adds a kind of widget right after the kind named `after` in the default order (at the
  // end when that is empty or unknown). Only while wiring, before the first page is served.
  void add_kind(WidgetKind kind, std::string_view after = {});
  const std::vector<WidgetKind>& kinds() const { return kinds_; }
  const WidgetKind* kind(std::string_view name) const;  // nullptr for an unknown kind
  // The site's widgets in its order, every known kind once: those it never placed follow in
  // the default order, shown. The sidebar and the newsroom's widget page both read this.
  std::vector<WidgetSetting> order(Id site_id);
  const WidgetOptions& options() const { return options_; }

  // The sidebar of a page in the site's order; category_id 0 outside a category.
  std::string sidebar(const content::PageContext& c, Id category_id);
  // The polls open now for a page: site-wide ones and those of the category.
  std::vector<Poll> open_polls(Id site_id, Id category_id);

  // The public pages and JSON API of the widgets: ratings, polls, links, videos, visits.
  void add_routes(content::Routes& routes);

  // Public pages.
  http::Response rate_form(const content::PageContext& c, std::string_view slug);  // POST /bai-viet/{slug}/danh-gia
  http::Response vote_form(const content::PageContext& c, std::string_view id);    // POST /binh-chon/{id}
  http::Response poll_page(const content::PageContext& c, std::string_view id);    // GET /binh-chon/{id}
  http::Response link(const content::PageContext& c, std::string_view id);        // GET /lien-ket/{id}
  http::Response video_page(const content::PageContext& c, std::string_view id);  // GET /video/{id}
  http::Response save_article(const content::PageContext& c, std::string_view slug);  // GET /bai-viet/{slug}/luu

  // JSON API.
  http::Response api_rate(const content::PageContext& c, std::string_view id);
  http::Response api_polls(const content::PageContext& c);
  http::Response api_vote(const content::PageContext& c, std::string_view id);
  http::Response api_visits(const content::PageContext& c);

  // Administration: the rules of each record (the admin pages add permissions). Every change
  // that succeeds drops the site's cached pages (on_change) and is written to the audit log
  // here, not in the handlers.
  // invalid with a Vietnamese reason, unsupported for a file that is not video or WebVTT.
  // `who` is written to the audit log with every change that succeeds.
  Result<Id> save_poll(Poll p, const Actor& who);
  Result<Id> save_link(Link l, const Actor& who);
  Result<Id> save_place(Place p, const Actor& who);
  // The sidebar's order: every kind's position (1–100; equal ones keep the default order)
  // and whether it is shown, stored renumbered 0, 1, 2…
  Status save_order(Id site_id, std::vector<WidgetSetting> settings, const Actor& who);
  Status delete_poll(Id site_id, Id id, const Actor& who);
  Status delete_link(Id site_id, Id id, const Actor& who);
  Status delete_place(Id site_id, Id id, const Actor& who);
  Result<Id> add_video(Id site_id, std::string title, std::string_view video, std::string_view captions,
                       std::string_view embed, const Actor& who);
  Status delete_video(Id site_id, Id id, const Actor& who);  // and its files

  // A province's sub-portals with their visit figures (its dashboard), in directory order.
  struct SiteVisits {
    std::string name, url;
    VisitStats stats;
  };
  std::vector<SiteVisits> sub_portal_visits(Id site_id);

  Store& store() { return store_; }
  std::int64_t now() const { return clock_.now(); }
  // Written since start (for /metrics).
  std::uint64_t ratings_written() const { return ratings_written_.load(std::memory_order_relaxed); }
  std::uint64_t votes_written() const { return votes_written_.load(std::memory_order_relaxed); }

 private:
  struct Outcome {  // of a rating or a vote, for both the form and the API
    int status = 0;   // 0: done
    std::string code, message;
  };
  // The routes check the origin and spend the per-address budget (votes_limit_) first.
  Outcome rate(const content::SiteContent& s, const Article& a, const VisitorId& v, int stars, RatingTotals& totals);
  Outcome vote(const content::SiteContent& s, Id poll_id, const VisitorId& v, const std::vector<Id>& options,
               Poll& result);
  http::Response form_failure(const content::PageContext& c, const Outcome& o);
  http::Response api_failure(const Outcome& o);
  void add_visitor_cookie(http::Response& res, const VisitorId& v, const http::Request& r) const;
  render::Data poll_data(const Poll& p, bool with_form) const;
  void add_own_kinds();  // the kinds of the records this module keeps
  // A write's result, after dropping the site's cached pages when it succeeded.

  Store& store_;
  const Clock& clock_;
  content::ContentService& content_;
  content::PublicPages& pages_;
  const render::Templates& templates_;
  const http::Assets& assets_;
  WidgetOptions options_;
  VisitCounter visits_;
  RateLimit votes_limit_;  // ratings and votes per address
  std::atomic<std::uint64_t> ratings_written_{0}, votes_written_{0};
  std::vector<WidgetKind> kinds_;
  media::FileStore files_;  // the public media: uploaded videos and captions
};

}  // namespace portico::widgets
