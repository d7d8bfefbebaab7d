// Handlers of the public HTML pages: home, category, article, error pages.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "content/content_service.h"
#include "content/views.h"
#include "http/assets.h"
#include "http/message.h"
#include "http/router.h"
#include "render/templates.h"

namespace portico::content {

class Routes;

struct PageContext {
  const http::Request& request;
  std::shared_ptr<const SiteContent> site;
  DisplayPrefs display;
};

class PublicPages {
 public:
  PublicPages(ContentService& content, const render::Templates& templates, const http::Assets& assets)
      : content_(content), templates_(templates), assets_(assets) {}

  // The reader's pages: home, categories, articles, the display form, search.
  void add_routes(Routes& routes);

  http::Response home(const PageContext& c);
  http::Response category(const PageContext& c, std::string_view slug);
  http::Response article(const PageContext& c, std::string_view slug);
  // /tin-chia-se: the news shared to this site; /tin-chia-se/{slug}: one of them, in this
  // site's frame, its canonical address the original.
  http::Response shared_list(const PageContext& c);
  http::Response shared_article(const PageContext& c, std::string_view slug);
  // An article in any state, marked as a preview, never cached or indexed.
  http::Response preview(const PageContext& c, const Article& a);
  // Vietnamese error page inside the site's frame.
  http::Response error(const PageContext& c, int status, std::string message = {});
  // POST of the display form (no-script fallback of the A-/A/A+ and contrast buttons).
  http::Response set_display(const PageContext& c);
  // /tim-kiem?q=…&chuyen-muc=…&tu-ngay=…&den-ngay=…&sap-xep=moi-nhat&trang=N
  http::Response search(const PageContext& c);
  // Any other public page: a template rendered inside the site's frame.
  // noindex: forms and personal answers (a tracking-code page) stay out of search engines.
  http::Response custom(const PageContext& c, std::string title, std::string description, const std::string& tmpl,
                        render::Data body, int status = 200, std::string cache_control = {}, bool noindex = false);

  // A page of a bilingual set (the organisation's pages): lang "vi" or "en"; alternates are
  // hreflang → path. English pages have the English interface, menu and no sidebar.
  struct Localized {
    std::string lang = "vi";
    std::vector<std::pair<std::string, std::string>> alternates;  // hreflang, path
    std::string other_path;                                        // the same page in the other language
    std::string site_name_en;
  };
  http::Response localized(const PageContext& c, const Localized& l, std::string title, std::string description,
                           const std::string& tmpl, render::Data body);

  // The sidebar comes from the widgets module: HTML for a page in a category (0: none).
  using Sidebar = std::function<std::string(const PageContext&, Id category_id)>;
  void set_sidebar(Sidebar s) { sidebar_ = std::move(s); }
  // The search page also lists matches from other sections (legal documents, Q&A): a list
  // of {heading, count, all_url, items: [{title, url, meta}]} for the reader's words.
  using SearchMore = std::function<render::Data(const PageContext&, const std::string& words)>;
  void set_search_more(SearchMore f) { search_more_ = std::move(f); }

  // Page links for a list at path (which may carry a query): "?trang=N" or "&trang=N".
  static PaginationView paginate(const std::string& path, std::int64_t page, std::int64_t pages);
  // ?trang=N of a list: 1 when absent, nullopt when N is no page number (kBadPage).
  static std::optional<std::int64_t> list_page(const http::Request& r);
  static constexpr const char* kBadPage = "Số trang phải là số nguyên dương.";
  // A list's pagination and, past its first page, "Trang 2/7"; returns its title.
  static std::string paged(CategoryView& v, const std::string& path, std::int64_t page, std::int64_t pages);
  static std::string article_path(std::string_view slug) { return "/bai-viet/" + std::string(slug); }
  // News shared to a site by another (the portal above it), at its address on this site.
  static constexpr const char* kSharedPath = "/tin-chia-se";
  static std::string shared_path(std::string_view slug) { return kSharedPath + ("/" + std::string(slug)); }
  static std::string category_path(std::string_view slug) { return "/chuyen-muc/" + std::string(slug); }
  // Where a category's menu entry leads: its link when it has one, else its own page.
  static std::string category_url(const Category& c) { return c.link.empty() ? category_path(c.slug) : c.link; }
  std::string media_url(const Media& m) const { return "/media/" + http::url_encode(m.file_name); }
  // The image of a media record: src (a middle rendition when there are several) and srcset.
  ImageView image_of(const Media& m, std::string alt, std::string caption) const;

 private:
  FrameView frame(const PageContext& c, std::string title, std::string description, Id category_id = 0);
  http::Response page(const PageContext& c, FrameView frame, const std::string& tmpl, render::Data body,
                      int status = 200, std::int64_t last_modified = 0, std::string cache_control = {});
  CardView card(const SiteContent& s, const ArticleSummary& a, bool with_category = false);
  // shared_from: the article's own site, when it is shown here shared.
  http::Response render_article(const PageContext& c, const Article& a, bool preview,
                                const SiteContent* shared_from = nullptr);
  std::string shared_heading(const SiteContent& s);  // "Tin từ Tỉnh Tuyên Quang"
  CardView shared_card(const ArticleSummary& a);
  void describe_article(const SiteContent& s, const Article& a, FrameView& f) const;

  ContentService& content_;
  const render::Templates& templates_;
  const http::Assets& assets_;
  Sidebar sidebar_;
  SearchMore search_more_;
};

}  // namespace portico::content
