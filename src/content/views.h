// Typed views of the public pages: what each template may show, nothing more.
// Handlers fill these; views.cpp turns them into template data.
#pragma once
#include <string>
#include <vector>

#include "render/templates.h"
#include "store/store.h"

namespace portico::content {

// The visitor's text size (0..4 → 87.5 % … 150 %) and contrast, from the "hien-thi" cookie.
struct DisplayPrefs {
  static constexpr int kSizes = 5;
  static constexpr int kDefaultSize = 1;
  int size = kDefaultSize;
  bool high_contrast = false;

  static DisplayPrefs from_cookie(std::string_view value);
  std::string cookie_value() const;  // "s2c1"
  std::string html_class() const;    // "fs-2 hc"
};

struct LinkView {
  std::string label;
  std::string url;
  bool current = false;
  std::string lang;  // set when the link leads to the other language's page
};

struct ImageView {
  std::string url, alt, caption;  // no url: no image
  int width = 0, height = 0;
  std::string srcset;  // "/media/a-320.webp 320w, …" for uploaded images
};

struct CardView {
  std::string title, url, lead, date, date_iso;
  ImageView image;       // alt stays empty: the card's title says it
  std::string category;  // shown on mixed lists
};

// A main-menu entry; its children open in a sub-list from a button beside it.
struct MenuEntry {
  LinkView link;
  std::vector<LinkView> children;
};

struct FrameView {
  std::string title;         // <title>, before " | site"
  std::string description;   // meta description
  std::string canonical;     // absolute URL
  bool noindex = false;      // previews: not for search engines
  // Open Graph and Twitter card: what a shared link shows on Facebook, Zalo and the like.
  std::string og_type = "website";  // "article" on articles
  ImageView og_image;               // absolute URL; none: a text-only card
  std::string published_iso, modified_iso, section;  // articles only
  std::string json_ld;              // schema.org NewsArticle, already safe inside <script>
  std::string today;         // "Thứ Hai, ngày 30/11/2026"
  std::string css_url, js_url, logo_url;
  std::string icon_url;       // the favicon: the theme's emblem (SVG)
  ImageView banner_image;     // a site's own masthead image (decorative); url empty: none
  std::string brand_css_url;  // a site's own colour, after the theme's stylesheet; empty: the theme's
  DisplayPrefs display;
  std::string return_to;     // this page's path, for the no-script display form
  std::string search_query;  // the header's search box keeps the reader's words
  std::string site_name, portal_title, banner, home_url;
  std::string agency, responsible, licence, address, phone, email;
  std::vector<MenuEntry> menu;
  std::string sidebar_html;  // rendered by the widgets module
  // Language: "vi", or "en" for the English pages (interface strings follow).
  std::string lang = "vi";
  std::vector<std::pair<std::string, std::string>> alternates;  // hreflang → absolute URL
  LinkView lang_switch;        // "English" → /en on Vietnamese pages, "Tiếng Việt" → / on English ones
  std::vector<LinkView> footer_links;
  std::string maintenance_notice;  // the site's notice while it is to be shown (Site::notice_shown)
  std::string monitor_script;      // the EMC monitoring script's address; empty: none
};

struct PaginationView {
  struct Item {
    std::string label, url;
    bool current = false, gap = false;
  };
  std::vector<Item> items;
  std::string prev_url, next_url;
};

struct HomeView {
  struct Section {
    LinkView category;
    std::vector<CardView> cards;
  };
  std::vector<CardView> featured;
  std::vector<Section> sections;
};

struct CategoryView {
  std::vector<LinkView> breadcrumbs;
  std::string name, description;
  std::vector<LinkView> children;
  std::vector<CardView> cards;
  PaginationView pagination;
  std::string page_label;  // "Trang 2/15" when not on the first page
};

struct ArticleView {
  std::vector<LinkView> breadcrumbs;
  std::string title, lead, body_html, date, date_iso, updated, updated_iso;
  std::string source, author, url;
  std::string source_url;  // the source's address (a copy taken from a sub-portal)
  std::string save_url;    // the printable page to save
  std::string original_url, original_name;  // a shared article: its own site's page
  ImageView image;  // the cover, when the body does not show it already
  std::vector<CardView> related;
  bool preview = false;  // an unpublished article seen through a signed link
  std::string slug;
  Id id = 0;
  bool rateable = false;  // rated here: published and this site's own
  RatingTotals rating;
  bool rating_thanks = false;  // just rated (the no-script form's answer)
};

struct SearchView {
  struct Result {
    std::string title, url, date, date_iso, category;
    std::string site;  // a sub-portal's result on its province's search: the sub-portal's name
    std::string snippet_html;  // escaped, matches in <mark>
  };
  std::string query, from, to;  // as the reader typed them, for the form
  bool newest_first = false;
  std::vector<LinkView> categories;  // the filter's options; current = chosen
  std::vector<Result> results;
  std::int64_t total = 0;
  std::string summary;   // "Tìm thấy 12 kết quả cho “đảng viên”"
  std::string message;   // a problem with the query, in Vietnamese
  bool searched = false; // a query was given
  bool truncated = false;
  PaginationView pagination;
  std::vector<CardView> suggestions;  // when nothing matched: the latest articles
  render::Data more;  // matches in other sections (legal documents, Q&A), from PublicPages::SearchMore
  // A province's search covers its sub-portals: the matches of each, each a filter (current:
  // the one chosen); "Tất cả các cổng" first.
  std::vector<LinkView> sites;
  std::string wider_url, wider_name;  // a sub-portal's search: the same words on the portal it belongs to
};

struct ErrorView {
  int status = 404;
  std::string heading, message;
};

// Parts other modules' pages reuse: breadcrumbs and menus, and the _pagination partial's data.
render::Data links_data(const std::vector<LinkView>& v);
// A category's name in a <select>, which cannot hold markup: indented by its depth in the
// tree with no-break spaces.
std::string option_label(std::string_view name, int depth);
render::Data pagination_data(const PaginationView& p);
// Plain text as paragraphs, one per non-blank line, for templates: [{text}].
render::Data paragraphs(const std::string& text);
render::Data to_data(const FrameView& v);
render::Data to_data(const HomeView& v);
render::Data to_data(const CategoryView& v);
render::Data to_data(const ArticleView& v);
render::Data to_data(const ErrorView& v);
render::Data to_data(const SearchView& v);

}  // namespace portico::content
