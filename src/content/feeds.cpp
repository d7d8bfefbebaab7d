// RSS, sitemaps, robots.txt and the HTML site map.
#include "content/feeds.h"

#include "text/unicode.h"
#include "content/routes.h"

#include <algorithm>
#include <functional>

#include "http/http_date.h"
#include "render/vn_time.h"
#include "text/html.h"

namespace portico::content {

using http::Response;

namespace {

std::string xml(std::string_view s) { return text::escape_html(s); }

Response xml_response(std::string body, const char* type) {
  return Response::with(200, http::make_entity(std::string(type) + "; charset=utf-8", std::move(body),
                                               http::Compression::fast, 0, "public, max-age=300"));
}

}  // namespace

Response Feeds::rss(const PageContext& c, std::string_view file) {
  const SiteContent& s = *c.site;
  std::string_view slug = file;
  if (!file.empty()) {
    if (file.size() <= 4 || file.substr(file.size() - 4) != ".xml") return pages_.error(c, 404);
    slug = file.substr(0, file.size() - 4);
  }
  const Category* cat = nullptr;
  if (!slug.empty()) {
    cat = s.find(slug);
    if (!cat || cat->hidden || !cat->link.empty()) return pages_.error(c, 404);
  }
  ArticleList list = content_.list(s, cat ? cat->id : 0, 1, kFeedItems);
  std::string site_title = s.site.portal_title + " " + s.site.name;
  std::string title = cat ? cat->name + " – " + site_title : site_title;
  std::string link = s.origin + (cat ? PublicPages::category_path(cat->slug) : "/");
  std::string self = s.origin + (cat ? "/rss/" + cat->slug + ".xml" : "/rss.xml");
  std::int64_t newest = list.items.empty() ? 0 : list.items.front().published_at;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n"
      "<title>" + xml(title) + "</title>\n<link>" + xml(link) + "</link>\n"
      "<description>" + xml(cat && !cat->description.empty() ? cat->description : "Tin bài mới nhất của " + site_title) +
      "</description>\n<language>vi</language>\n"
      "<atom:link href=\"" + xml(self) + "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  if (newest) out += "<lastBuildDate>" + http::format_http_date(newest) + "</lastBuildDate>\n";
  for (const auto& a : list.items) {
    std::string url = s.origin + PublicPages::article_path(a.slug);
    out += "<item>\n<title>" + xml(a.title) + "</title>\n<link>" + xml(url) + "</link>\n<guid isPermaLink=\"true\">" +
           xml(url) + "</guid>\n<pubDate>" + http::format_http_date(a.published_at) + "</pubDate>\n";
    if (const Category* ac = s.find(a.category_id)) out += "<category>" + xml(ac->name) + "</category>\n";
    if (!a.lead.empty()) out += "<description>" + xml(a.lead) + "</description>\n";
    out += "</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return xml_response(std::move(out), "application/rss+xml");
}

// A urlset: the site's pages when with_pages, then `count` articles from `first` (newest first).
std::string Feeds::urlset(const SiteContent& s, std::int64_t first, std::int64_t count, bool with_pages) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  if (with_pages) {
    out += "<url><loc>" + xml(s.origin + "/") + "</loc></url>\n";
    out += "<url><loc>" + xml(s.origin + "/so-do-cong") + "</loc></url>\n";
    for (const auto& [cat, depth] : s.news())
      out += "<url><loc>" + xml(s.origin + PublicPages::category_path(cat->slug)) + "</loc></url>\n";
  }
  constexpr std::int64_t per_page = kPagesReserve;  // `first` is always a multiple of it
  for (std::int64_t offset = first; offset < first + count; offset += per_page) {
    ArticleList l = content_.list(s, 0, offset / per_page + 1, static_cast<int>(per_page));
    for (const auto& a : l.items)
      out += "<url><loc>" + xml(s.origin + PublicPages::article_path(a.slug)) + "</loc><lastmod>" +
             render::format_iso(a.updated_at > a.published_at ? a.updated_at : a.published_at) + "</lastmod></url>\n";
    if (static_cast<std::int64_t>(l.items.size()) < per_page) break;
  }
  return out + "</urlset>\n";
}

std::int64_t Feeds::parts(const SiteContent& s) {
  std::int64_t total = content_.list(s, 0, 1, 1).total;
  return total + kPagesReserve <= kSitemapUrls ? 0 : (total + kPagesReserve + kSitemapUrls - 1) / kSitemapUrls;
}

Response Feeds::sitemap(const PageContext& c) {
  const SiteContent& s = *c.site;
  std::int64_t n = parts(s);
  if (n == 0) return xml_response(urlset(s, 0, kSitemapUrls - kPagesReserve, true), "application/xml");
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (std::int64_t i = 1; i <= n; ++i)
    out += "<sitemap><loc>" + xml(s.origin + "/sitemap/" + std::to_string(i) + ".xml") + "</loc></sitemap>\n";
  return xml_response(out + "</sitemapindex>\n", "application/xml");
}

Response Feeds::sitemap_part(const PageContext& c, std::string_view file) {
  const SiteContent& s = *c.site;
  std::optional<std::int64_t> n;
  if (file.size() > 4 && file.substr(file.size() - 4) == ".xml") n = parse_positive(file.substr(0, file.size() - 4), 10'000);
  if (!n || *n > parts(s)) return pages_.error(c, 404);
  // Part 1: the pages and the newest articles; part k: the articles from (k-1)·50,000 − reserve.
  if (*n == 1) return xml_response(urlset(s, 0, kSitemapUrls - kPagesReserve, true), "application/xml");
  return xml_response(urlset(s, (*n - 1) * kSitemapUrls - kPagesReserve, kSitemapUrls, false), "application/xml");
}

Response Feeds::robots(const SiteContent& s) const {
  // The host's site, and the sub-portals served under its paths: robots.txt is the host's.
  std::string rules = "User-agent: *\n", maps;
  std::string host = s.site.host + "/";
  for (const auto& x : content_.sites())
    if (x.get() == &s || x->site.id == s.site.id || x->site.host.starts_with(host)) {
      for (std::string_view p : {"/api/", "/quan-tri", "/tim-kiem", "/xem-truoc/"}) rules += "Disallow: " + x->base + std::string(p) + "\n";
      maps += "Sitemap: " + x->origin + "/sitemap.xml\n";
    }
  return Response::with(200, http::make_entity("text/plain; charset=utf-8", rules + "\n" + maps, http::Compression::none, 0,
                                               "public, max-age=86400"));
}

Response Feeds::site_map(const PageContext& c) {
  const SiteContent& s = *c.site;
  // The menu's tree, then the portal's own sections that the menu does not already lead to.
  std::vector<std::string_view> linked;
  std::function<render::List(Id, int)> entries = [&](Id parent, int depth) {
    render::List out;
    for (const Category* cat : s.children(parent)) {
      if (!cat->link.empty()) linked.push_back(cat->link);
      render::Data d;
      render::put(d, "name", cat->name);
      render::put(d, "url", PublicPages::category_url(*cat));
      // Set even when empty: a nested entry would otherwise show its parent's feed.
      render::put(d, "rss", cat->link.empty() ? "/rss/" + cat->slug + ".xml" : "");
      render::List children = depth < 8 ? entries(cat->id, depth + 1) : render::List{};
      render::put(d, "has_children", !children.empty());
      d.set("children", children);
      out.push_back(d);
    }
    return out;
  };
  render::List sections = entries(0, 0);
  render::List more;
  for (auto [name, url] : {std::pair{"Giới thiệu", "/gioi-thieu"}, {"Cơ cấu tổ chức", "/gioi-thieu/co-cau-to-chuc"},
                           {"Liên hệ", "/lien-he"}, {"Văn bản", "/van-ban"}, {"Hỏi đáp – Góp ý", "/hoi-dap"},
                           {"Gửi câu hỏi, góp ý", "/hoi-dap/gui"}, {"Tra cứu câu hỏi đã gửi", "/hoi-dap/tra-cuu"},
                           {"Lấy ý kiến dự thảo", "/lay-y-kien"}, {"Lịch công tác", "/lich-cong-tac"},
                           {"Thông tin tổng hợp", "/thong-tin-tong-hop"}, {"Cổng thành phần", "/cong-thanh-phan"},
                           {"Tìm kiếm", "/tim-kiem"}, {"Dữ liệu mở", "/du-lieu-mo"},
                           {"Tin mới (RSS)", "/rss.xml"}}) {
    if (std::find(linked.begin(), linked.end(), url) != linked.end()) continue;
    render::Data d;
    render::put(d, "name", name);
    render::put(d, "url", url);
    more.push_back(d);
  }
  render::Data d;
  d.set("sections", sections);
  d.set("more", more);
  return pages_.custom(c, "Sơ đồ cổng", "Sơ đồ cổng thông tin: các chuyên mục, trang và nguồn tin RSS", "site_map",
                       std::move(d));
}

Response Feeds::open_data(const PageContext& c) {
  render::Data d;
  render::put(d, "origin", c.site->origin);
  return pages_.custom(c, "Dữ liệu mở", "Dữ liệu mở của " + c.site->site.portal_title + " " + c.site->site.name +
                       ": tin bài, văn bản, hỏi đáp, số liệu qua API và nguồn tin RSS", "open_data", std::move(d));
}

Response Feeds::directory(const PageContext& c) {
  const Site& here = c.site->site;
  auto all = content_.sites();
  render::Data d;
  // Grouped by kind ("Xã", "Phường", "Sở"…), in the order sub_portals gives.
  render::List groups;
  std::string kind_of_group;
  render::List members;
  auto close_group = [&] {
    if (members.empty()) return;
    render::Data g;
    std::string kind = kind_of_group.empty() ? std::string("Cổng thành phần") : kind_of_group;
    render::put(g, "anchor", "ctp-" + text::slugify(kind));
    render::put(g, "kind", kind);
    g.set("sites", members);
    groups.push_back(g);
    members = render::List{};
  };
  for (const SiteContent* s : sub_portals(all, here.id)) {
    if (s->site.kind != kind_of_group) {
      close_group();
      kind_of_group = s->site.kind;
    }
    render::Data x;
    render::put(x, "name", s->site.name);
    const std::string& url = s->origin;
    render::put(x, "url", url + "/");
    render::put(x, "shown", url.substr(url.find("://") + 3));
    members.push_back(x);
  }
  close_group();
  render::put(d, "empty", groups.empty());
  d.set("groups", groups);
  for (const auto& s : all)
    if (s->site.id == here.parent_id && !s->site.disabled) {
      render::put(d, "parent_name", s->site.portal_title + " " + s->site.name);
      render::put(d, "parent_url", s->origin + "/");
    }
  return pages_.custom(c, "Cổng thành phần", "Các cổng thông tin thành phần của " + here.name + " và địa chỉ của chúng",
                       "directory", std::move(d));
}

void Feeds::add_routes(Routes& routes) {
  using http::Params;
  routes.cached("/rss.xml", [this](const PageContext& c, const Params&) { return rss(c, ""); }, {.counted = Counted::api});
  routes.cached("/rss/{file}", [this](const PageContext& c, const Params& p) { return rss(c, p["file"]); },
                {.counted = Counted::api});
  routes.cached("/sitemap.xml", [this](const PageContext& c, const Params&) { return sitemap(c); }, {.counted = Counted::api});
  routes.cached("/sitemap/{file}", [this](const PageContext& c, const Params& p) { return sitemap_part(c, p["file"]); },
                {.counted = Counted::api, .expensive = true});
  routes.cached("/so-do-cong", [this](const PageContext& c, const Params&) { return site_map(c); });
  routes.cached("/du-lieu-mo", [this](const PageContext& c, const Params&) { return open_data(c); });
  routes.cached("/cong-thanh-phan", [this](const PageContext& c, const Params&) { return directory(c); });
}

}  // namespace portico::content
