// Machine-readable views of the portal: RSS 2.0 feeds (the site's and each category's),
// sitemap.xml (an index of numbered sitemaps past 50,000 addresses), robots.txt, and the
// HTML site map "Sơ đồ cổng". Links are absolute (the site's origin); dates are RFC 822 in feeds
// and W3C in sitemaps.
#pragma once
#include <string>

#include "content/pages.h"

namespace portico::content {

class Feeds {
 public:
  static constexpr int kFeedItems = 20;
  static constexpr std::int64_t kSitemapUrls = 50'000;  // the protocol's limit per file

  Feeds(ContentService& content, PublicPages& pages) : content_(content), pages_(pages) {}

  // Feeds, sitemaps and the HTML site map: cached like pages, not counted as views.
  void add_routes(Routes& routes);

  // "Cổng thành phần": the site's sub-portals by kind with their addresses, and the portal
  // it belongs to.
  http::Response directory(const PageContext& c);
  http::Response rss(const PageContext& c, std::string_view file);            // "SLUG.xml"; empty: the whole site
  http::Response sitemap(const PageContext& c);                              // /sitemap.xml
  http::Response sitemap_part(const PageContext& c, std::string_view file);  // /sitemap/N.xml
  http::Response robots(const SiteContent& s) const;
  http::Response site_map(const PageContext& c);                             // /so-do-cong
  // /du-lieu-mo: the open data for people: what the API and the feeds offer, with examples
  // at this site's address and the OpenAPI document.
  http::Response open_data(const PageContext& c);

 private:
  // The first sitemap keeps this many places for the home page, the site map and categories.
  static constexpr std::int64_t kPagesReserve = 1000;
  std::string urlset(const SiteContent& s, std::int64_t first, std::int64_t count, bool with_pages);
  std::int64_t parts(const SiteContent& s);  // 0: one sitemap is enough
  ContentService& content_;
  PublicPages& pages_;
};

}  // namespace portico::content
