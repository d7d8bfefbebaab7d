// Public page handlers: fill views from the content service and render them in the frame.
#include "content/pages.h"
#include "http/rebase.h"

#include "render/colour.h"
#include "content/routes.h"

#include <boost/json.hpp>

#include "content/search.h"
#include "render/vn_time.h"
#include "text/html.h"
#include "text/unicode.h"

namespace portico::content {

using http::Response;

namespace {

struct ErrorText {
  int status;
  const char* heading;
  const char* message;
};

constexpr ErrorText kErrors[] = {
    {400, "Yêu cầu không hợp lệ", "Địa chỉ hoặc dữ liệu gửi lên không đúng định dạng. Vui lòng kiểm tra lại."},
    {403, "Không có quyền truy cập", "Liên kết không hợp lệ hoặc đã hết hạn."},
    {404, "Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã được chuyển đi."},
    {405, "Phương thức không được hỗ trợ", "Trang này không nhận loại yêu cầu này."},
    {408, "Hết thời gian chờ", "Dữ liệu gửi lên đến quá chậm nên máy chủ đã ngừng chờ. Vui lòng kiểm tra kết nối mạng và gửi lại."},
    {409, "Không thực hiện được", "Yêu cầu xung đột với dữ liệu hiện có."},
    {410, "Bài viết đã được gỡ bỏ", "Nội dung này đã được gỡ khỏi cổng thông tin và không còn được cung cấp."},
    {413, "Dữ liệu gửi lên quá lớn", "Nội dung gửi lên vượt quá giới hạn cho phép."},
    {414, "Địa chỉ quá dài", "Địa chỉ (URL) của yêu cầu dài quá giới hạn cho phép."},
    {429, "Quá nhiều yêu cầu", "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau."},
    {431, "Phần đầu yêu cầu quá lớn", "Yêu cầu có phần đầu (header) vượt quá giới hạn cho phép."},
    {500, "Lỗi máy chủ", "Đã có lỗi xảy ra. Chúng tôi đã ghi nhận và sẽ khắc phục sớm."},
    {501, "Không hỗ trợ", "Máy chủ không hỗ trợ cách gửi dữ liệu này (Transfer-Encoding)."},
    {503, "Tạm thời chưa phục vụ được", "Hệ thống đang bận. Vui lòng thử lại sau ít phút."},
};

const ErrorText& error_text(int status) {
  for (const auto& e : kErrors)
    if (e.status == status) return e;
  return error_text(status >= 500 ? 500 : 400);
}

std::string page_url(const std::string& path, std::int64_t page) {
  return page <= 1 ? path : path + (path.find('?') == std::string::npos ? "?trang=" : "&trang=") + std::to_string(page);
}


std::vector<LinkView> crumbs(const SiteContent& s, const Category* c) {
  std::vector<LinkView> chain;
  for (int depth = 0; c && depth < 8; ++depth) {
    chain.insert(chain.begin(), LinkView{c->name, PublicPages::category_url(*c), false});
    c = c->parent_id ? s.find(c->parent_id) : nullptr;
  }
  chain.insert(chain.begin(), LinkView{"Trang chủ", "/", false});
  return chain;
}

}  // namespace

std::optional<std::int64_t> PublicPages::list_page(const http::Request& r) {
  auto p = r.param("trang");
  return p ? parse_positive(*p) : std::optional<std::int64_t>(1);
}

std::string PublicPages::paged(CategoryView& v, const std::string& path, std::int64_t page, std::int64_t pages) {
  v.pagination = paginate(path, page, pages);
  if (page <= 1) return v.name;
  v.page_label = "Trang " + std::to_string(page) + "/" + std::to_string(pages);
  return v.name + " – " + v.page_label;
}

PaginationView PublicPages::paginate(const std::string& path, std::int64_t page, std::int64_t pages) {
  PaginationView p;
  if (pages <= 1) return p;
  if (page > 1) p.prev_url = page_url(path, page - 1);
  if (page < pages) p.next_url = page_url(path, page + 1);
  std::int64_t last_shown = 0;
  for (std::int64_t i = 1; i <= pages; ++i) {
    bool show = i == 1 || i == pages || (i >= page - 2 && i <= page + 2);
    if (!show) continue;
    if (last_shown && i > last_shown + 1) p.items.push_back({"…", "", false, true});
    p.items.push_back({std::to_string(i), page_url(path, i), i == page, false});
    last_shown = i;
  }
  return p;
}

ImageView PublicPages::image_of(const Media& m, std::string alt, std::string caption) const {
  ImageView v{media_url(m), std::move(alt), std::move(caption), m.width, m.height, ""};
  if (m.renditions.empty()) return v;
  std::string base = m.file_name.substr(0, m.file_name.rfind('-'));
  std::string_view widths = m.renditions;
  while (!widths.empty()) {
    auto comma = widths.find(',');
    std::string w(widths.substr(0, comma));
    widths = comma == std::string_view::npos ? std::string_view() : widths.substr(comma + 1);
    std::string url = "/media/" + http::url_encode(base + "-" + w + ".webp");
    v.srcset += (v.srcset.empty() ? "" : ", ") + url + " " + w + "w";
    if (w == "800") v.url = url;  // a sensible default for browsers without srcset
  }
  return v;
}

CardView PublicPages::card(const SiteContent& s, const ArticleSummary& a, bool with_category) {
  CardView c;
  c.title = a.title;
  c.url = article_path(a.slug);
  c.lead = a.lead;
  c.date = render::format_datetime(a.published_at);
  c.date_iso = render::format_iso(a.published_at);
  if (with_category)
    if (const Category* cat = s.find(a.category_id)) c.category = cat->name;
  if (a.cover_media_id) {
    if (auto m = content_.media(s.site.id, a.cover_media_id)) {
      c.image = image_of(*m, "", "");  // alt stays empty: the card's title says it
    }
  }
  return c;
}

FrameView PublicPages::frame(const PageContext& c, std::string title, std::string description, Id category_id) {
  const SiteContent& s = *c.site;
  FrameView f;
  f.title = std::move(title);
  f.description = std::move(description);
  // Error pages can be drawn for requests whose target was malformed: never echo that.
  bool clean = text::is_valid_utf8(c.request.target) && text::is_valid_utf8(c.request.path);
  f.canonical = s.origin + (clean ? c.request.path : "/");
  // Each page of a list is its own page for search engines, not a copy of the first.
  if (auto n = clean ? c.request.param("trang") : std::nullopt)
    if (auto page = parse_positive(*n); page && *page > 1) f.canonical += "?trang=" + std::to_string(*page);
  f.today = render::format_long_date(content_.now());
  f.css_url = assets_.url("css/site.css");
  if (auto brand = render::parse_colour(s.site.brand_color); brand && render::to_hex(*brand) != render::kDefaultBrand)
    f.brand_css_url = "/giao-dien/mau-" + render::to_hex(*brand).substr(1) + ".css";
  f.js_url = assets_.url("js/site.js");
  f.icon_url = assets_.url("img/logo.svg");
  // A site's own emblem (its smallest rendition) and masthead image, else the theme's.
  f.logo_url = f.icon_url;
  if (s.logo) {
    ImageView logo = image_of(*s.logo, "", "");
    auto first = logo.srcset.substr(0, logo.srcset.find(' '));  // "…-320.webp 320w, …"
    f.logo_url = first.empty() ? logo.url : first;
  }
  if (s.banner) f.banner_image = image_of(*s.banner, "", "");
  f.display = c.display;
  f.return_to = clean ? c.request.target : "/";
  f.site_name = s.site.name;
  f.portal_title = s.site.portal_title;
  if (s.site.notice_shown(content_.now())) f.maintenance_notice = s.site.notice;
  f.monitor_script = s.site.monitor_script;
  {
    // Upper-casing Vietnamese is not free: each thread keeps the banner of the site it drew last.
    thread_local std::string names_of, banner;
    std::string names = s.site.portal_title + " " + s.site.name;
    if (names != names_of) {
      banner = "CHÀO MỪNG ĐẾN VỚI " + text::to_upper(names);
      names_of = std::move(names);
    }
    f.banner = banner;
  }
  f.home_url = "/";
  f.agency = s.site.agency;
  f.responsible = s.site.responsible;
  f.licence = s.site.licence;
  f.address = s.site.address;
  f.phone = s.site.phone;
  f.email = s.site.email;
  std::string_view path = c.request.path;
  for (const Category* cat : s.top_level()) {
    std::string url = category_url(*cat);
    MenuEntry e{{cat->name, url, path == url}, {}};
    for (const Category* ch : s.children(cat->id)) {
      std::string child = category_url(*ch);
      e.children.push_back({ch->name, child, path == child});
    }
    f.menu.push_back(std::move(e));
  }
  if (sidebar_) f.sidebar_html = sidebar_(c, category_id);
  f.lang_switch = {"English", "/en", false, "en"};
  f.footer_links = {{"Sơ đồ cổng", "/so-do-cong"},       {"Giới thiệu", "/gioi-thieu"},
                    {"Liên hệ", "/lien-he"},             {"Văn bản", "/van-ban"},
                    {"Hỏi đáp – Góp ý", "/hoi-dap"},     {"Lấy ý kiến dự thảo", "/lay-y-kien"},
                    {"Lịch công tác", "/lich-cong-tac"}, {"Thông tin tổng hợp", "/thong-tin-tong-hop"},
                    {"Dữ liệu mở", "/du-lieu-mo"},       {"English", "/en", false, "en"},
                    {"RSS", "/rss.xml"}};
  return f;
}

Response PublicPages::page(const PageContext& c, FrameView f, const std::string& tmpl, render::Data body, int status,
                           std::int64_t last_modified, std::string cache_control) {
  render::Data d = to_data(f);
  d.set("content", templates_.render(tmpl, std::move(body)));
  d.set("is_" + tmpl, true);
  return Response::with(status, http::make_entity("text/html; charset=utf-8", templates_.render("layout", std::move(d)),
                                                  http::Compression::fast, last_modified, std::move(cache_control)));
}

Response PublicPages::home(const PageContext& c) {
  const SiteContent& s = *c.site;
  HomeContent h = content_.home(s);
  HomeView v;
  for (const auto& a : h.featured) v.featured.push_back(card(s, a, true));
  if (!h.shared.empty()) {
    HomeView::Section out{{shared_heading(s), kSharedPath, false}, {}};
    for (const auto& a : h.shared) out.cards.push_back(shared_card(a));
    v.sections.push_back(std::move(out));
  }
  for (const auto& sec : h.sections) {
    HomeView::Section out{{sec.category->name, category_path(sec.category->slug), false}, {}};
    for (const auto& a : sec.articles) out.cards.push_back(card(s, a));
    v.sections.push_back(std::move(out));
  }
  auto f = frame(c, "Trang chủ", s.site.portal_title + " " + s.site.name);
  return page(c, std::move(f), "home", to_data(v));
}

Response PublicPages::category(const PageContext& c, std::string_view slug) {
  const SiteContent& s = *c.site;
  auto page_no = list_page(c.request);
  if (!page_no) return error(c, 400, kBadPage);
  // A linked entry's page is where it links to (a section of the portal, another site).
  if (const Category* cat = s.find(slug); cat && !cat->link.empty()) return Response::redirect(cat->link, 302);
  auto listing = content_.category(s, slug, *page_no);
  if (!listing) return error(c, 404);
  CategoryView v;
  v.breadcrumbs = crumbs(s, listing->category);
  v.breadcrumbs.back().current = true;
  v.name = listing->category->name;
  v.description = listing->category->description;
  for (const Category* ch : listing->children) v.children.push_back({ch->name, category_url(*ch), false});
  // Articles from the topics under this one say which topic they are in.
  for (const auto& a : listing->list.items) v.cards.push_back(card(s, a, a.category_id != listing->category->id));
  std::string title = paged(v, category_path(listing->category->slug), *page_no, listing->pages);
  auto f = frame(c, title, v.description.empty() ? v.name + " – " + s.site.name : v.description, listing->category->id);
  return page(c, std::move(f), "category", to_data(v));
}

Response PublicPages::article(const PageContext& c, std::string_view slug) {
  auto a = content_.article(*c.site, slug);
  if (!a) return error(c, a.status().code() == Code::gone ? 410 : 404);
  return render_article(c, *a, false);
}

std::string PublicPages::shared_heading(const SiteContent& s) {
  if (s.site.parent_id)
    if (auto parent = content_.site_by_id(s.site.parent_id)) return "Tin từ " + parent->site.name;
  return "Tin chia sẻ";
}

CardView PublicPages::shared_card(const ArticleSummary& a) {
  auto origin = content_.site_by_id(a.site_id);
  CardView out = origin ? card(*origin, a) : CardView{};
  out.title = a.title;
  out.url = shared_path(a.slug);
  return out;
}

Response PublicPages::shared_list(const PageContext& c) {
  const SiteContent& s = *c.site;
  auto page_no = list_page(c.request);
  if (!page_no) return error(c, 400, kBadPage);
  auto list = content_.shared(s, *page_no);
  if (!list) return error(c, 404);
  CategoryView v;
  v.name = shared_heading(s);
  v.breadcrumbs = {{"Trang chủ", "/", false}, {v.name, kSharedPath, true}};
  v.description = "Tin bài cổng cấp trên chia sẻ tới " + s.site.portal_title + " " + s.site.name + ".";
  for (const auto& a : list->items) v.cards.push_back(shared_card(a));
  std::string title = paged(v, kSharedPath, *page_no, std::max<std::int64_t>(1, (list->total + kPageSize - 1) / kPageSize));
  return page(c, frame(c, title, v.description), "category", to_data(v));
}

Response PublicPages::shared_article(const PageContext& c, std::string_view slug) {
  auto x = content_.shared_article(*c.site, slug);
  if (!x) return error(c, x.status().code() == Code::gone ? 410 : 404);
  return render_article(c, x->article, false, x->origin.get());
}

Response PublicPages::preview(const PageContext& c, const Article& a) { return render_article(c, a, true); }

Response PublicPages::render_article(const PageContext& c, const Article& article, bool preview,
                                    const SiteContent* shared_from) {
  const SiteContent& s = *c.site;
  // A shared article is drawn in this site's frame; what belongs to the article (its
  // address, images, section, publisher) is its own site's.
  const SiteContent& o = shared_from ? *shared_from : s;
  const Article* a = &article;
  ArticleView v;
  v.preview = preview;
  if (shared_from) {
    v.breadcrumbs = {{"Trang chủ", "/", false}, {shared_heading(s), kSharedPath, false}};
    v.breadcrumbs.push_back({a->title, shared_path(a->slug), true});
    v.original_url = o.origin + article_path(a->slug);
    v.original_name = o.site.portal_title + " " + o.site.name;
  } else {
    v.breadcrumbs = crumbs(s, s.find(a->category_id));
    v.breadcrumbs.push_back({a->title, article_path(a->slug), true});
  }
  v.title = a->title;
  v.lead = a->lead;
  // A shared article's own links ("/van-ban") are its site's: written out in full here.
  v.body_html = shared_from ? http::rebase_html(a->body_html, o.origin) : a->body_html;
  v.date = a->published_at ? render::format_datetime(a->published_at) : "Chưa xuất bản";
  v.date_iso = render::format_iso(a->published_at ? a->published_at : a->updated_at);
  if (a->published_at && a->updated_at > a->published_at + 60) {
    v.updated = render::format_datetime(a->updated_at);
    v.updated_iso = render::format_iso(a->updated_at);
  }
  v.source = a->source;
  v.source_url = a->source_url;
  v.author = a->author;
  v.url = o.origin + article_path(a->slug);
  v.save_url = (shared_from ? o.origin : std::string()) + article_path(a->slug) + "/luu";
  if (a->cover_media_id)
    if (auto m = content_.media(o.site.id, a->cover_media_id);
        m && a->body_html.find(media_url(*m)) == std::string::npos) {  // not when the body shows it already
      v.image = image_of(*m, m->alt.empty() ? a->cover_caption : m->alt, a->cover_caption);
    }
  if (shared_from) {
    // Related: the other news shared here, so the reader stays on this site.
    if (auto more = content_.shared(s, 1))
      for (const auto& r : more->items)
        if (r.id != a->id && v.related.size() < 6) v.related.push_back(shared_card(r));
  } else {
    for (const auto& r : content_.related(*a)) v.related.push_back(card(s, r));
  }
  v.slug = a->slug;
  v.id = a->id;
  if (!preview && !shared_from) {  // a shared article is rated on its own site
    v.rateable = true;
    v.rating = a->rating;
    v.rating_thanks = c.request.param("danh-gia") == "cam-on";
  }
  auto f = frame(c, a->title, a->lead.empty() ? a->title : a->lead, shared_from ? 0 : a->category_id);
  f.noindex = preview;
  if (!preview) describe_article(o, *a, f);
  return page(c, std::move(f), "article", to_data(v), 200, preview ? 0 : a->updated_at, preview ? "no-store" : "");
}

// Open Graph, Twitter card and JSON-LD for a published article: the cover image (the
// original upload, which every previewer reads), the dates and the section.
void PublicPages::describe_article(const SiteContent& s, const Article& a, FrameView& f) const {
  namespace json = boost::json;
  f.canonical = s.origin + article_path(a.slug);
  f.og_type = "article";
  f.published_iso = render::format_iso(a.published_at);
  f.modified_iso = render::format_iso(a.updated_at);
  const Category* cat = s.find(a.category_id);
  if (cat) f.section = cat->name;
  if (a.cover_media_id)
    if (auto m = content_.media(s.site.id, a.cover_media_id))
      f.og_image = {s.origin + media_url(*m), m->alt.empty() ? a.cover_caption : m->alt, "", m->width, m->height, ""};
  json::object org{{"@type", "GovernmentOrganization"},
                   {"name", s.site.portal_title + " " + s.site.name},
                   {"url", s.origin + "/"},
                   {"logo", json::object{{"@type", "ImageObject"}, {"url", s.origin + f.logo_url}}}};
  json::object ld{{"@context", "https://schema.org"},
                  {"@type", "NewsArticle"},
                  {"headline", a.title},
                  {"description", f.description},
                  {"inLanguage", "vi"},
                  {"url", f.canonical},
                  {"mainEntityOfPage", f.canonical},
                  {"datePublished", f.published_iso},
                  {"dateModified", f.modified_iso},
                  {"publisher", org}};
  if (cat) ld["articleSection"] = cat->name;
  if (!f.og_image.url.empty()) ld["image"] = json::array{f.og_image.url};
  if (!a.author.empty()) ld["author"] = json::object{{"@type", "Person"}, {"name", a.author}};
  else ld["author"] = org;
  // Inside <script>, "<" may not open "</script>": JSON allows it escaped.
  std::string text = json::serialize(ld);
  std::string safe;
  safe.reserve(text.size());
  for (char ch : text) {
    if (ch == '<') safe += "\\u003c";
    else safe += ch;
  }
  f.json_ld = std::move(safe);
}

Response PublicPages::error(const PageContext& c, int status, std::string message) {
  const ErrorText& t = error_text(status);
  ErrorView v{status, t.heading, message.empty() ? t.message : std::move(message)};
  auto f = frame(c, t.heading, t.heading);
  return page(c, std::move(f), "error", to_data(v), status);
}

Response PublicPages::search(const PageContext& c) {
  const SiteContent& s = *c.site;
  const http::Request& r = c.request;
  SearchView v;
  v.query = std::string(r.param("q").value_or(""));
  v.from = std::string(r.param("tu-ngay").value_or(""));
  v.to = std::string(r.param("den-ngay").value_or(""));
  v.newest_first = r.param("sap-xep") == "moi-nhat";
  std::string category = std::string(r.param("chuyen-muc").value_or(""));
  Id category_id = 0;
  for (const auto& [cat, depth] : s.news()) {
    v.categories.push_back({option_label(cat->name, depth), cat->slug, cat->slug == category});
    if (cat->slug == category) category_id = cat->id;
  }
  int status = 200;
  auto fail = [&](std::string message) {
    v.message = std::move(message);
    status = 400;
  };
  std::int64_t page_no = 1;
  if (auto p = r.param("trang")) {
    auto n = parse_positive(*p, 1000);
    if (!n) fail(kBadPage);
    else page_no = *n;
  }
  // "2026-11-30" as a day in Hà Nội: from its first second, to the end of the day.
  auto day = [](const std::string& d) { return d.size() == 10 ? render::parse_local_datetime(d + "T00:00") : -1; };
  std::int64_t from = 0, to = 0;
  if (!v.from.empty() && (from = day(v.from)) < 0) {
    fail("Ngày bắt đầu phải có dạng năm-tháng-ngày, ví dụ 2026-11-30.");
    v.from.clear();  // a date field cannot show what is not a date
  }
  if (!v.to.empty()) {
    to = day(v.to);
    if (to < 0) {
      fail("Ngày kết thúc phải có dạng năm-tháng-ngày, ví dụ 2026-11-30.");
      v.to.clear();
    } else {
      to += 86400;
    }
  }
  if (!category.empty() && !category_id) fail("Không có chuyên mục này.");
  // A province's search covers its sub-portals (a category filter is the site's own); the
  // reader may keep to one of them (cong=SLUG).
  auto scope = content_.search_scope(s, r.param("cong").value_or(""), category_id != 0);
  if (!scope) {
    fail("Không có cổng thành phần này.");
    scope = content_.search_scope(s, "", true);
  }
  const SiteContent* only = scope->only;
  ParsedSearch q = parse_search(v.query);
  v.searched = !v.query.empty();
  v.truncated = q.truncated;
  if (v.searched && q.text.empty() && v.message.empty())
    v.message = "Từ khoá cần có ít nhất một chữ hoặc số.";
  if (v.message.empty() && !q.text.empty()) {
    // News shared to this site is found here too (not when the reader chose a sub-portal).
    bool with_shared = category_id == 0 && (!only || only == &s);
    auto found = content_.search(s, q.text, category_id, from, to, v.newest_first, page_no, scope->ids(), with_shared);
    if (!found) {
      fail("Không tìm được với từ khoá này. Hãy thử cách viết khác.");
    } else {
      std::int64_t pages = std::max<std::int64_t>(1, (found->total + kPageSize - 1) / kPageSize);
      if (page_no > pages && found->total > 0) return error(c, 404);
      v.total = found->total;
      for (const auto& hit : found->items) {
        const ArticleSummary& a = hit.article;
        // A sub-portal's article is on its own host; one shared here, at its address here.
        auto origin = hit.shared ? content_.site_by_id(hit.site_id) : nullptr;
        const SiteContent& home = origin ? *origin : scope->site_of(hit.site_id);
        const Category* cat = home.find(a.category_id);
        std::string url = hit.shared ? shared_path(a.slug) : (&home == &s ? "" : home.origin) + article_path(a.slug);
        v.results.push_back({a.title, std::move(url), render::format_datetime(a.published_at),
                             render::format_iso(a.published_at), cat ? cat->name : "",
                             &home == &s ? "" : home.site.name,
                             search_snippet(hit.text, q)});
      }
      v.summary = found->capped ? "Tìm thấy hơn " + render::group_digits(v.total) + " kết quả cho “" + v.query +
                                      "”; đây là " + render::group_digits(v.total) + " bài mới nhất trong số đó"
                                : "Tìm thấy " + render::group_digits(v.total) + " kết quả cho “" + v.query + "”";
      std::string base = "/tim-kiem?q=" + http::url_encode(v.query);
      if (category_id) base += "&chuyen-muc=" + http::url_encode(category);
      if (!v.from.empty()) base += "&tu-ngay=" + http::url_encode(v.from);
      if (!v.to.empty()) base += "&den-ngay=" + http::url_encode(v.to);
      if (v.newest_first) base += "&sap-xep=moi-nhat";
      if (!found->per_site.empty()) {
        v.sites.push_back({"Tất cả các cổng", base, !only});
        for (const auto& [id, n] : found->per_site)
          if (const SiteContent& x = scope->site_of(id); n > 0 || &x == only)
            v.sites.push_back({x.site.name + " (" + render::group_digits(n) + ")", base + "&cong=" + x.site.slug, &x == only});
      }
      if (only) base += "&cong=" + only->site.slug;
      v.pagination = paginate(base, page_no, pages);
    }
  }
  // A sub-portal's reader may look through the portal it belongs to as well.
  if (v.searched && s.site.parent_id)
    for (const auto& p : scope->all)
      if (p->site.id == s.site.parent_id && !p->site.disabled) {
        v.wider_url = p->origin + "/tim-kiem?q=" + http::url_encode(v.query);
        v.wider_name = p->site.portal_title + " " + p->site.name;
      }
  // Other sections' matches, on the first page of an unfiltered search.
  bool more = false;
  if (search_more_ && v.message.empty() && !q.text.empty() && page_no == 1 && category_id == 0) {
    v.more = search_more_(c, v.query);
    more = v.more.is_non_empty_list();
  }
  if (v.searched && v.results.empty() && !more)
    for (const auto& a : content_.latest(s, 5)) v.suggestions.push_back(card(s, a));
  std::string title = v.searched ? "Tìm kiếm: " + v.query : "Tìm kiếm";
  auto f = frame(c, title, "Tìm kiếm tin bài trên " + s.site.portal_title + " " + s.site.name, category_id);
  f.search_query = v.query;
  f.noindex = true;  // result pages are not for search engines
  return page(c, std::move(f), "search", to_data(v), status);
}

Response PublicPages::custom(const PageContext& c, std::string title, std::string description, const std::string& tmpl,
                            render::Data body, int status, std::string cache_control, bool noindex) {
  auto f = frame(c, std::move(title), std::move(description));
  f.noindex = noindex;
  return page(c, std::move(f), tmpl, std::move(body), status, 0, std::move(cache_control));
}

Response PublicPages::localized(const PageContext& c, const Localized& l, std::string title, std::string description,
                               const std::string& tmpl, render::Data body) {
  auto f = frame(c, std::move(title), std::move(description));
  for (const auto& [lang, path] : l.alternates) f.alternates.push_back({lang, c.site->origin + path});
  if (l.lang == "en") {
    f.lang = "en";
    f.sidebar_html.clear();
    f.site_name = l.site_name_en;
    f.portal_title = "Electronic Information Portal of";
    f.banner = "WELCOME TO THE ELECTRONIC INFORMATION PORTAL OF " + text::to_upper(l.site_name_en);
    f.home_url = "/en";
    f.today = render::format_long_date_en(content_.now());
    std::string_view path = c.request.path;
    f.menu = {{{"Organisation", "/en/organisation", path == "/en/organisation"}, {}},
              {{"Contact", "/en/contact", path == "/en/contact"}, {}}};
    f.lang_switch = {"Tiếng Việt", l.other_path, false, "vi"};
    f.footer_links = {{"Tiếng Việt", "/", false, "vi"}, {"Organisation", "/en/organisation"}, {"Contact", "/en/contact"}};
  } else {
    f.lang_switch = {"English", l.other_path, false, "en"};
  }
  return page(c, std::move(f), tmpl, std::move(body), 200);
}

Response PublicPages::set_display(const PageContext& c) {
  http::Fields form;
  if (!http::parse_form(c.request.body, form)) return error(c, 400, "Dữ liệu biểu mẫu không hợp lệ.");
  DisplayPrefs p = c.display;
  for (const auto& [k, v] : form) {
    if (k == "co-chu") {
      if (v == "giam") p.size = std::max(0, p.size - 1);
      else if (v == "tang") p.size = std::min(DisplayPrefs::kSizes - 1, p.size + 1);
      else if (v == "mac-dinh") p.size = DisplayPrefs::kDefaultSize;
      else return error(c, 400, "Cỡ chữ không hợp lệ.");
    } else if (k == "tuong-phan") {
      if (v == "tang") p.high_contrast = true;
      else if (v == "giam") p.high_contrast = false;
      else return error(c, 400, "Chế độ tương phản không hợp lệ.");
    }
  }
  std::string back = "/";
  for (const auto& [k, v] : form)
    if (k == "ve") back = http::same_site_path(v);
  auto r = Response::redirect(back);
  r.headers.emplace_back("Set-Cookie", "hien-thi=" + p.cookie_value() + "; Path=/; Max-Age=31536000; SameSite=Lax");
  return r;
}

void read_page(const http::Request& r, const char* name, http::Fields& out) {
  auto v = r.param(name);
  if (!v) return;
  auto n = parse_positive(*v);
  if (!n) out.emplace_back(name, "x");  // refused (400) alike, whatever was sent
  else if (*n > 1) out.emplace_back(name, std::to_string(*n));
}

void PublicPages::add_routes(Routes& routes) {
  using http::Method;
  using http::Params;
  routes.cached("/", [this](const PageContext& c, const Params&) { return home(c); });
  routes.cached("/chuyen-muc/{slug}", [this](const PageContext& c, const Params& p) { return category(c, p["slug"]); },
                {.reads = [](const PageContext& c) {
                  http::Fields f;
                  read_page(c.request, "trang", f);
                  return f;
                }});
  routes.cached("/bai-viet/{slug}", [this](const PageContext& c, const Params& p) { return article(c, p["slug"]); },
                {.personal = "danh-gia"});
  // News another site (the portal above) shared to this one.
  routes.cached(kSharedPath, [this](const PageContext& c, const Params&) { return shared_list(c); },
                {.reads = [](const PageContext& c) {
                  http::Fields f;
                  read_page(c.request, "trang", f);
                  return f;
                }});
  routes.cached("/tin-chia-se/{slug}", [this](const PageContext& c, const Params& p) { return shared_article(c, p["slug"]); });
  routes.page(Method::post, "/hien-thi", [this](const PageContext& c, const Params&) { return set_display(c); });
  // Search: not cached (every query differs), counted as a page view.
  routes.counted("/tim-kiem", [this](const PageContext& c, const Params&) { return search(c); });
}

}  // namespace portico::content
