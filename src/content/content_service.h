// The rules of public content: what is published, how lists page, what is related.
// Pure logic over Store and Clock, so it is unit-tested without a socket.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace portico::content {

constexpr int kPageSize = 10;
constexpr std::int64_t kMaxPage = 1'000'000;  // larger page numbers are malformed, not just absent

// "3" → 3. Anything but a plain positive decimal up to kMaxPage is nullopt.
std::optional<std::int64_t> parse_positive(std::string_view s, std::int64_t max = kMaxPage);

struct CategoryNode {
  const Category* category;
  int depth;  // 0: top level
};

// Categories in menu order, each followed by the ones under it. Hidden ones, and what is
// under them, are left out unless with_hidden.
std::vector<CategoryNode> category_tree(const std::vector<Category>& all, bool with_hidden = false);

struct SiteContent {
  Site site;
  // Where its pages are, without a slash at the end ("http://trungson.localhost:8080"):
  // every absolute address of the site (canonical, feeds, sitemaps, the API's links) starts
  // with it (site_origin).
  std::string origin;
  // A sub-portal served under a path of its parent's host (Site::host "tuyenquang.gov.vn/xa-hung-loi"):
  // that path ("/xa-hung-loi"); empty for a site at its own host.
  std::string base;
  // Its emblem and masthead image, when it has its own (Site::logo_media_id, banner_media_id).
  std::optional<Media> logo, banner;
  std::vector<Category> categories;  // ordered; top level first
  const Category* find(Id id) const;
  const Category* find(std::string_view slug) const;
  std::vector<const Category*> top_level() const;           // shown ones, in menu order
  std::vector<const Category*> children(Id parent) const;  // shown ones, in menu order
  // The shown news categories (not links) in menu order, for lists and filters.
  std::vector<CategoryNode> news() const;
  // The category and every news category under it: what its page, feed and search filter
  // cover. With several, the store's IN (…) reads the newest-first index and filters, which
  // is quick for the first pages of a busy section; a section whose topics are rare among
  // 100,000 articles costs a scan (about 0.2 s on the benchmark machine) once per cache entry.
  std::vector<Id> with_descendants(Id id) const;
};

// The address of a site's pages: the configured base URL for the default site, otherwise
// the same scheme and port on the site's own host ("http://trungson.localhost:8080"), or
// under a path of its parent's ("http://tuyenquang.localhost:8080/xa-hung-loi").
std::string site_origin(std::string_view base_url, const Site& s);
// A site's host "tuyenquang.gov.vn/xa-hung-loi" → its path "/xa-hung-loi"; "" for a host alone.
std::string site_base(std::string_view host);
// The first path segments that are the portal's own (its routes' and files'): a sub-portal
// under a path may not take one (gov::check_site). The route table test keeps it whole.
bool reserved_segment(std::string_view segment);

// A site and every enabled site below it, the site first, then level by level.
std::vector<const SiteContent*> with_sub_portals(const std::vector<std::shared_ptr<const SiteContent>>& all,
                                                 const SiteContent& root);
// Sites in the order a portal lists its sub-portals: by kind ("Đặc khu", "Phường", "Xã"),
// then name, in Vietnamese alphabetical order.
bool listed_before(const Site& a, const Site& b);
// The sub-portals of a site (those whose parent it is), enabled ones, in order of kind then name.
std::vector<const SiteContent*> sub_portals(const std::vector<std::shared_ptr<const SiteContent>>& all, Id parent);

// The sites a search on one site covers: the site and its sub-portals (a province's search
// covers its communes'), or the one of them a reader chose.
struct SearchScope {
  std::vector<std::shared_ptr<const SiteContent>> all;  // keeps the sites below alive
  std::vector<const SiteContent*> family;               // the site first, then its sub-portals
  const SiteContent* only = nullptr;                    // the one chosen, or null: all of family
  // The ids to search: empty when the site is searched alone.
  std::vector<Id> ids() const;
  // The site of a result (the searched site for an unknown id).
  const SiteContent& site_of(Id id) const;
};

struct CategorySection {
  const Category* category;
  std::vector<ArticleSummary> articles;
};

struct HomeContent {
  std::vector<ArticleSummary> featured;
  std::vector<ArticleSummary> shared;  // the newest shared to the site (by the portal above it)
  std::vector<CategorySection> sections;
};

// An article shared to a site, with the site it belongs to.
struct SharedArticle {
  Article article;
  std::shared_ptr<const SiteContent> origin;
};

struct CategoryListing {
  const Category* category;
  std::vector<const Category*> children;
  ArticleList list;
  std::int64_t page = 1;
  std::int64_t pages = 1;
};

class ContentService {
 public:
  // base_url: the default site's address (PortalOptions::base_url); the others' follow from it.
  ContentService(Store& store, const Clock& clock, std::string base_url = "http://127.0.0.1")
      : store_(store), clock_(clock), base_url_(std::move(base_url)) {}

  // Sites and their categories are read on every request: kept in memory as one immutable
  // snapshot (a host's site is one hash look-up, no lock), made again after reload() (this
  // process wrote) or when refresh() finds that another process changed the sites.
  Result<std::shared_ptr<const SiteContent>> site_for_host(std::string_view host);
  // The path a request's site is served under: "/xa-hung-loi" when the first segment of
  // path names a sub-portal under this host; empty otherwise (the host's own site).
  std::string base_for(std::string_view host, std::string_view path);
  // The site of a host and the base base_for gave.
  Result<std::shared_ptr<const SiteContent>> site_for(std::string_view host, std::string_view base);
  // Every site, by id (disabled ones too).
  std::vector<std::shared_ptr<const SiteContent>> sites();
  // One site by id (disabled ones too); null when there is none.
  std::shared_ptr<const SiteContent> site_by_id(Id id);
  // Whether any site is disabled now: most installations have none, and then no request
  // needs to look for a notice.
  bool any_disabled() { return thread_directory().any_disabled; }
  // The same for sites in read-only mode, and for sites that load a monitoring script.
  bool any_read_only() { return thread_directory().any_read_only; }
  bool any_monitored() { return thread_directory().any_monitored; }
  void reload();
  // Reloads when the store's sites_generation moved (the command line added or changed a
  // site); called once a second by the scheduler. True when it reloaded.
  bool refresh();

  HomeContent home(const SiteContent& s);
  // not_found for an unknown slug or a page past the last one.
  Result<CategoryListing> category(const SiteContent& s, std::string_view slug, std::int64_t page);
  // not_found for unknown or unpublished, gone for taken down.
  Result<Article> article(const SiteContent& s, std::string_view slug);
  Result<Article> article_by_id(const SiteContent& s, Id id);
  // Articles another site shared to s, published, newest first (items carry their site);
  // not_found for a page past the last one.
  Result<ArticleList> shared(const SiteContent& s, std::int64_t page, int per_page = kPageSize);
  // The one with this slug: not_found / gone as article() says, or when its site is disabled.
  Result<SharedArticle> shared_article(const SiteContent& s, std::string_view slug);
  // The editor's choice (related_override) first, then the same category, then other
  // categories that share words with the title; never the article itself, never unpublished ones.
  std::vector<ArticleSummary> related(const Article& a, std::size_t n = 6);
  std::vector<ArticleSummary> latest(const SiteContent& s, int n);
  // Published articles matching a parsed search (content/search.h), 10 a page.
  // invalid only if the index refuses the expression (it is built to be always valid).
  // The scope of a search on s: with its sub-portals unless `own` (a category filter is the
  // site's own), narrowed to the one whose slug is `chosen` (not_found when it is not among them).
  Result<SearchScope> search_scope(const SiteContent& s, std::string_view chosen, bool own = false);
  // sites: several at once (a province and its sub-portals); empty: s alone. with_shared:
  // the articles shared to s as well.
  Result<SearchResults> search(const SiteContent& s, const TextQuery& text, Id category_id, std::int64_t from,
                               std::int64_t to, bool newest_first, std::int64_t page, std::vector<Id> sites = {},
                               bool with_shared = false);
  ArticleList list(const SiteContent& s, Id category_id, std::int64_t page, int per_page = kPageSize);
  Result<Media> media(Id site_id, Id id) { return store_.media(site_id, id); }

  std::int64_t now() const { return clock_.now(); }

 private:
  Result<Article> check_public(Result<Article> r);
  // The newest published articles of a category (same) or outside it, with the key words
  // of their titles: every article page of the category scores the same candidates, so
  // they are read and folded once a second, and again after any change (reload()).
  struct Candidates {
    std::vector<ArticleSummary> items;
    std::vector<std::vector<std::uint64_t>> words;  // of each item's title: hashes, sorted
    std::int64_t made_at = 0;
    std::uint64_t generation = 0;
  };
  std::shared_ptr<const Candidates> candidates(Id site_id, Id category_id, bool same);

  Store& store_;
  const Clock& clock_;
  const std::string base_url_;
  struct Directory {
    std::vector<std::shared_ptr<const SiteContent>> all;  // by id
    std::unordered_map<std::string, std::shared_ptr<const SiteContent>> by_host;
    std::shared_ptr<const SiteContent> fallback;  // answers unknown hosts: the default site
    std::unordered_set<std::string> with_paths;    // hosts with sub-portals under a path
    // The host whose sites a request's Host names: itself, or the default site's when unknown.
    std::string host_of(std::string_view host) const;
    bool any_disabled = false, any_read_only = false, any_monitored = false;
    std::int64_t generation = 0;                  // the store's sites_generation it was read at
  };
  std::shared_ptr<const Directory> directory();  // the snapshot, made if there is none
  // The snapshot as this thread last took it, taken again when generation_ moved: a
  // request reads one shared counter instead of taking the shared pointer's lock and count.
  const Directory& thread_directory();
  std::mutex mu_;                                // one snapshot made at a time
  std::atomic<std::shared_ptr<const Directory>> directory_;  // null: to be made
  std::atomic<std::uint64_t> generation_{0};  // bumped by reload()
  const std::uint64_t instance_ = next_instance();  // tells this service's snapshots from another's (thread_directory)
  static std::uint64_t next_instance();
  std::mutex candidates_mu_;                  // guards candidates_
  std::unordered_map<std::string, std::shared_ptr<const Candidates>> candidates_;
};

}  // namespace portico::content
