// View structs → template data, in one place.
#include "content/views.h"

#include "http/message.h"

namespace portico::content {

using render::Data;
using render::List;
using render::put;

DisplayPrefs DisplayPrefs::from_cookie(std::string_view v) {
  DisplayPrefs p;
  if (v.size() == 4 && v[0] == 's' && v[1] >= '0' && v[1] < '0' + kSizes && v[2] == 'c' && (v[3] == '0' || v[3] == '1')) {
    p.size = v[1] - '0';
    p.high_contrast = v[3] == '1';
  }
  return p;
}

std::string DisplayPrefs::cookie_value() const {
  return "s" + std::to_string(size) + "c" + (high_contrast ? "1" : "0");
}

std::string DisplayPrefs::html_class() const {
  return "fs-" + std::to_string(size) + (high_contrast ? " hc" : "");
}

namespace {

void put_image(Data& d, const ImageView& i) {
  if (i.url.empty()) return;
  Data img;
  put(img, "url", i.url);
  put(img, "alt", i.alt);
  put(img, "caption", i.caption);
  put(img, "srcset", i.srcset);
  put(img, "width", Data(std::to_string(i.width)));
  put(img, "height", Data(std::to_string(i.height)));
  put(d, "image", std::move(img));
}

}  // namespace

std::string option_label(std::string_view name, int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += "\u00a0\u00a0\u00a0";
  return out.append(name);
}

Data links_data(const std::vector<LinkView>& v) {
  List l;
  for (const auto& x : v) {
    Data d;
    put(d, "label", x.label);
    put(d, "url", x.url);
    put(d, "current", x.current);
    l.push_back(std::move(d));
  }
  return Data(std::move(l));
}

namespace {

Data card(const CardView& c) {
  Data d;
  put(d, "title", c.title);
  put(d, "url", c.url);
  put(d, "lead", c.lead);
  put(d, "date", c.date);
  put(d, "date_iso", c.date_iso);
  put(d, "category", c.category);
  put_image(d, c.image);
  return d;
}

Data cards(const std::vector<CardView>& v) {
  List l;
  for (const auto& c : v) l.push_back(card(c));
  return Data(std::move(l));
}

}  // namespace

namespace {

// The frame's interface strings in Vietnamese and English.
struct FrameStrings {
  const char *skip, *display, *text_size, *smaller, *default_size, *larger, *contrast, *contrast_on, *contrast_off,
      *search, *keywords, *search_placeholder, *search_button, *main_nav, *menu, *submenu, *home, *more, *agency,
      *responsible, *licence, *address, *phone, *email, *credit_before, *credit_after;
};
constexpr FrameStrings kVietnamese{
    "Bỏ qua đến nội dung chính", "Cỡ chữ và độ tương phản", "Cỡ chữ", "giảm cỡ chữ", "cỡ chữ mặc định", "tăng cỡ chữ",
    "Độ tương phản", "Tăng tương phản", "Giảm tương phản", "Tìm kiếm trên cổng", "Từ khoá tìm kiếm", "Tìm kiếm…", "Tìm",
    "Chuyên mục chính", "Danh mục", "Các mục trong", "Trang chủ", "Thông tin thêm", "Cơ quan chủ quản", "Chịu trách nhiệm chính",
    "Giấy phép", "Địa chỉ", "Điện thoại", "Thư điện tử", "Ghi rõ nguồn ", " khi phát hành lại thông tin từ cổng này."};
constexpr FrameStrings kEnglish{
    "Skip to main content", "Text size and contrast", "Text size", "smaller text", "default text size", "larger text",
    "Contrast", "Higher contrast", "Normal contrast", "Search the portal", "Search words", "Search (in Vietnamese)…",
    "Search", "Main sections", "Menu", "Sections under", "Home", "More information", "Governing body", "Responsible for content",
    "Licence", "Address", "Phone", "E-mail", "Please cite ", " when republishing information from this portal."};

Data build_frame_strings(const FrameStrings& s) {
  Data t;
  const std::pair<const char*, const char*> all[] = {
      {"skip", s.skip}, {"display", s.display}, {"text_size", s.text_size}, {"smaller", s.smaller},
      {"default_size", s.default_size}, {"larger", s.larger}, {"contrast", s.contrast}, {"contrast_on", s.contrast_on},
      {"contrast_off", s.contrast_off}, {"search", s.search}, {"keywords", s.keywords},
      {"search_placeholder", s.search_placeholder}, {"search_button", s.search_button}, {"main_nav", s.main_nav},
      {"menu", s.menu}, {"submenu", s.submenu}, {"home", s.home}, {"more", s.more}, {"agency", s.agency}, {"responsible", s.responsible},
      {"licence", s.licence}, {"address", s.address}, {"phone", s.phone}, {"email", s.email},
      {"credit_before", s.credit_before}, {"credit_after", s.credit_after}};
  for (const auto& [k, v] : all) t.set(k, std::string(v));
  return t;
}

// Built once per language; a page copies them.
const Data& frame_strings(const std::string& lang) {
  static const Data vi = build_frame_strings(kVietnamese), en = build_frame_strings(kEnglish);
  return lang == "en" ? en : vi;
}

}  // namespace

Data to_data(const FrameView& v) {
  Data d;
  put(d, "lang", v.lang);
  put(d, "maintenance_notice", v.maintenance_notice);
  put(d, "monitor_script", v.monitor_script);
  put(d, "is_en", v.lang == "en");  // Vietnamese names and addresses on English pages are marked lang="vi"
  put(d, "t", Data(frame_strings(v.lang)));
  List alternates;
  for (const auto& [lang, href] : v.alternates) {
    Data a;
    put(a, "hreflang", lang);
    put(a, "href", href);
    alternates.push_back(std::move(a));
  }
  put(d, "alternates", Data(std::move(alternates)));
  if (!v.lang_switch.url.empty()) {
    Data sw;
    put(sw, "label", v.lang_switch.label);
    put(sw, "url", v.lang_switch.url);
    put(sw, "lang", v.lang_switch.lang);
    put(d, "lang_switch", std::move(sw));
  }
  List links;
  for (std::size_t i = 0; i < v.footer_links.size(); ++i) {
    Data l;
    put(l, "label", v.footer_links[i].label);
    put(l, "url", v.footer_links[i].url);
    put(l, "first", i == 0);
    put(l, "lang", v.footer_links[i].lang);
    links.push_back(std::move(l));
  }
  put(d, "footer_links", Data(std::move(links)));
  put(d, "title", v.title);
  put(d, "description", v.description);
  put(d, "canonical", v.canonical);
  put(d, "noindex", v.noindex);
  put(d, "og_type", v.og_type);
  if (!v.og_image.url.empty()) {
    Data img;
    put(img, "url", v.og_image.url);
    put(img, "alt", v.og_image.alt);
    if (v.og_image.width > 0) {
      put(img, "width", Data(std::to_string(v.og_image.width)));
      put(img, "height", Data(std::to_string(v.og_image.height)));
    }
    put(d, "og_image", std::move(img));
  }
  put(d, "published_iso", v.published_iso);
  put(d, "modified_iso", v.modified_iso);
  put(d, "section", v.section);
  if (!v.json_ld.empty()) d.set("json_ld", v.json_ld);
  put(d, "today", v.today);
  put(d, "css_url", v.css_url);
  put(d, "brand_css_url", v.brand_css_url);
  put(d, "js_url", v.js_url);
  put(d, "logo_url", v.logo_url);
  put(d, "icon_url", v.icon_url);
  if (!v.banner_image.url.empty()) {
    Data b;
    put(b, "url", v.banner_image.url);
    put(b, "srcset", v.banner_image.srcset);
    d.set("banner_image", std::move(b));
  }
  put(d, "html_class", Data(v.display.html_class()));
  put(d, "size_min", Data(v.display.size == 0));
  put(d, "size_max", Data(v.display.size == DisplayPrefs::kSizes - 1));
  put(d, "size_default", Data(v.display.size == DisplayPrefs::kDefaultSize));
  put(d, "high_contrast", Data(v.display.high_contrast));
  put(d, "return_to", v.return_to);
  put(d, "search_query", v.search_query);
  put(d, "site_name", v.site_name);
  put(d, "portal_title", v.portal_title);
  put(d, "banner", v.banner);
  put(d, "home_url", v.home_url);
  put(d, "agency", v.agency);
  put(d, "responsible", v.responsible);
  put(d, "licence", v.licence);
  put(d, "address", v.address);
  put(d, "phone", v.phone);
  put(d, "email", v.email);
  List menu;
  for (std::size_t i = 0; i < v.menu.size(); ++i) {
    const MenuEntry& e = v.menu[i];
    Data x;
    put(x, "label", e.link.label);
    put(x, "url", e.link.url);
    put(x, "current", e.link.current);
    put(x, "lang", e.link.lang);
    put(x, "index", std::to_string(i + 1));
    bool inside = false;  // the reader is on one of its children
    for (const auto& c : e.children) inside |= c.current;
    put(x, "inside", inside);
    put(x, "has_children", !e.children.empty());
    put(x, "children", Data(links_data(e.children)));
    menu.push_back(std::move(x));
  }
  put(d, "menu", Data(std::move(menu)));
  put(d, "sidebar", v.sidebar_html);  // empty: false, so the layout drops the aside
  return d;
}

Data to_data(const HomeView& v) {
  Data d;
  put(d, "featured", Data(cards(v.featured)));
  if (!v.featured.empty()) d.set("lead_story", card(v.featured.front()));
  List rest;
  for (std::size_t i = 1; i < v.featured.size(); ++i) rest.push_back(card(v.featured[i]));
  put(d, "more_featured", Data(std::move(rest)));
  List sections;
  for (const auto& s : v.sections) {
    Data x;
    put(x, "name", Data(s.category.label));
    put(x, "url", Data(s.category.url));
    put(x, "cards", Data(cards(s.cards)));
    put(x, "empty", Data(s.cards.empty()));
    sections.push_back(std::move(x));
  }
  put(d, "sections", Data(std::move(sections)));
  return d;
}

Data paragraphs(const std::string& text) {
  List l;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) {
      Data p;
      put(p, "text", line);
      l.push_back(std::move(p));
    }
    start = end + 1;
  }
  return Data(std::move(l));
}

Data pagination_data(const PaginationView& p) {
  Data d;
  List items;
  for (const auto& i : p.items) {
    Data x;
    put(x, "label", i.label);
    put(x, "url", i.url);
    put(x, "current", i.current);
    put(x, "gap", i.gap);
    items.push_back(std::move(x));
  }
  put(d, "items", Data(std::move(items)));
  put(d, "prev_url", p.prev_url);
  put(d, "next_url", p.next_url);
  put(d, "show", Data(p.items.size() > 1));
  return d;
}

Data to_data(const CategoryView& v) {
  Data d;
  put(d, "breadcrumbs", Data(links_data(v.breadcrumbs)));
  put(d, "name", v.name);
  put(d, "description", v.description);
  put(d, "children", Data(links_data(v.children)));
  put(d, "has_children", Data(!v.children.empty()));
  put(d, "cards", Data(cards(v.cards)));
  put(d, "empty", Data(v.cards.empty()));
  put(d, "pagination", Data(pagination_data(v.pagination)));
  put(d, "page_label", v.page_label);
  return d;
}

Data to_data(const ArticleView& v) {
  Data d;
  put(d, "breadcrumbs", Data(links_data(v.breadcrumbs)));
  put(d, "title", v.title);
  put(d, "lead", v.lead);
  put(d, "body_html", v.body_html);
  put(d, "date", v.date);
  put(d, "date_iso", v.date_iso);
  put(d, "updated", v.updated);
  put(d, "updated_iso", v.updated_iso);
  put(d, "source", v.source);
  put(d, "source_url", v.source_url);
  put(d, "original_url", v.original_url);
  put(d, "original_name", v.original_name);
  put(d, "author", v.author);
  put(d, "url", v.url);
  put_image(d, v.image);
  put(d, "related", Data(cards(v.related)));
  put(d, "has_related", Data(!v.related.empty()));
  put(d, "preview", v.preview);
  // Rating and sharing: not on previews (nothing to rate or share yet).
  if (!v.preview) {
    Data tools;
    put(tools, "slug", v.slug);
    put(tools, "id", std::to_string(v.id));
    put(tools, "points", Data(std::to_string(v.rating.points)));
    put(tools, "count", Data(std::to_string(v.rating.count)));
    put(tools, "thanks", v.rating_thanks);
    put(tools, "rateable", v.rateable);
    put(tools, "save_url", v.save_url);
    render::List stars;
    for (int n = 1; n <= 5; ++n) {
      Data star;
      put(star, "n", Data(std::to_string(n)));
      stars.push_back(std::move(star));
    }
    put(tools, "stars", Data(std::move(stars)));
    put(tools, "facebook", "https://www.facebook.com/sharer/sharer.php?u=" + http::url_encode(v.url));
    put(tools, "zalo", "https://sp.zalo.me/plugins/share?href=" + http::url_encode(v.url));
    put(d, "published", std::move(tools));
  }
  return d;
}

Data to_data(const ErrorView& v) {
  Data d;
  put(d, "status", Data(std::to_string(v.status)));
  put(d, "heading", v.heading);
  put(d, "message", v.message);
  return d;
}

Data to_data(const SearchView& v) {
  Data d;
  put(d, "query", v.query);
  put(d, "from", v.from);
  put(d, "to", v.to);
  put(d, "newest_first", v.newest_first);
  put(d, "categories", Data(links_data(v.categories)));
  render::List results;
  for (const auto& r : v.results) {
    Data x;
    put(x, "title", r.title);
    put(x, "url", r.url);
    put(x, "date", r.date);
    put(x, "date_iso", r.date_iso);
    put(x, "category", r.category);
    put(x, "site", r.site);
    put(x, "snippet", r.snippet_html);
    results.push_back(std::move(x));
  }
  put(d, "results", Data(std::move(results)));
  put(d, "has_results", !v.results.empty());
  put(d, "summary", v.summary);
  put(d, "sites", Data(links_data(v.sites)));
  put(d, "has_sites", !v.sites.empty());
  put(d, "wider_url", v.wider_url);
  put(d, "wider_name", v.wider_name);
  put(d, "message", v.message);
  put(d, "searched", v.searched);
  put(d, "truncated", v.truncated);
  put(d, "no_results", v.searched && v.results.empty() && v.message.empty() && !v.more.is_non_empty_list());
  put(d, "pagination", Data(pagination_data(v.pagination)));
  put(d, "suggestions", Data(cards(v.suggestions)));
  if (v.more.is_non_empty_list()) {
    put(d, "more", Data(v.more));
    put(d, "more_heading", Data(true));  // articles get a heading of their own beside the other sections
  }
  return d;
}

}  // namespace portico::content
