#include "app/modules.h"

#include <algorithm>

#include "store/audit.h"

namespace portico::app {

namespace {
widgets::WidgetOptions widget_options(const PortalOptions& o) {
  auto w = o.widgets;
  w.media_dir = o.media_dir;
  return w;
}
// "http://127.0.0.1:8080/" → "127.0.0.1".
std::string url_host(std::string_view url) {
  if (auto at = url.find("://"); at != std::string_view::npos) url.remove_prefix(at + 3);
  url = url.substr(0, url.find('/'));
  if (!url.empty() && url.front() == '[') return std::string(url.substr(0, url.find(']') + 1));
  return std::string(url.substr(0, url.find(':')));
}
}  // namespace

Modules::Modules(Store& store, const Clock& clock, const render::Templates& templates, const http::Assets& assets,
                 const PortalOptions& options)
    : content_(store, clock, options.base_url),
      pages_(content_, templates, assets),
      api_(content_),
      feeds_(content_, pages_),
      newsroom_(store, clock, options.signing_key, options.media_dir),
      sharing_(store, clock, content_),
      admin_(newsroom_,
             {widgets_, documents_, datasets_, questions_, drafts_, schedule_, organisation_, sub_portals_, sharing_},
             templates, assets,
             options.base_url.rfind("https://", 0) == 0, options.upload_limit),
      newsroom_api_(newsroom_),
      widgets_(store, clock, content_, pages_, templates, assets, widget_options(options)),
      documents_(store, clock, options.media_dir),
      document_pages_(documents_, pages_),
      forms_(clock, options.signing_key, options.questions_per_address),
      questions_(store, clock, options.private_dir),
      question_pages_(questions_, forms_, pages_),
      datasets_(store, clock),
      dataset_pages_(datasets_, pages_),
      drafts_(store, clock, forms_, pages_),
      schedule_(store, clock, pages_),
      organisation_(store, pages_),
      sub_portals_(store, {url_host(options.base_url)}) {
  // gov adds its widget to the sidebar, and its sections to the search page.
  widgets_.add_kind(dataset_pages_.sidebar_widget(), "chuyen-muc");
  pages_.set_search_more([this](const content::PageContext& c, const std::string& words) {
    render::List sections;
    for (render::Data d : {document_pages_.search_section(c, words), question_pages_.search_section(c, words)})
      if (!d.is_false()) sections.push_back(std::move(d));
    return render::Data(std::move(sections));
  });
  // Every module says when what readers see has changed, and writes what an account changed
  // to the audit log, through one mechanism (content::ChangeNotifier, store/audit.h).
  for (content::ChangeNotifier* module : std::initializer_list<content::ChangeNotifier*>{
           &widgets_, &documents_, &questions_, &datasets_, &drafts_, &schedule_, &organisation_, &sub_portals_, &sharing_}) {
    module->on_change([this](Id site, const std::string& path) { changed(site, path); });
    module->on_audit([&store, &clock](Id site, const Actor& who, std::string_view action, const std::string& target,
                                      std::string_view detail) {
      record_audit(store, clock.now(), site, who, action, target, detail);
    });
  }
  // A sub-portal added or changed from the newsroom: the sites are read again and every
  // site's pages go (directories, sidebars, the sub-portal's own).
  sub_portals_.on_change([this](Id, const std::string&) {
    reload();
    for (const auto& s : content_.sites()) changed(s->site.id);
  });
  newsroom_.on_public_change([this](Id site) {
    reload();  // categories and menus are kept in memory
    changed(site);
    // Where its articles are shared: edits and take-down follow. Unknown (a failed read):
    // every site's pages go rather than keep a page that should have gone.
    auto targets = sharing_.targets(site);
    if (!targets) {
      for (const auto& s : content_.sites()) changed(s->site.id);
      return;
    }
    for (Id t : *targets) changed(t);
  });
}

void Modules::link(NodeLink& link) {
  link_ = &link;
  if (!link.alone()) widgets_.visits().share_with_other_nodes();
  link.on_heard([this](const std::vector<NodeLink::Change>& changes) { apply(changes); });
}

void Modules::apply(const std::vector<NodeLink::Change>& changes) {
  using Change = NodeLink::Change;
  bool everything = std::any_of(changes.begin(), changes.end(), [](const Change& c) { return c.kind == Change::everything; });
  if (everything || std::any_of(changes.begin(), changes.end(), [](const Change& c) { return c.kind == Change::sites; }))
    content_.reload();
  if (!changed_) return;
  if (everything) {  // what was missed cannot be known: nothing kept is proved fresh
    for (const auto& s : content_.sites()) changed_(s->site.id, {});
    return;
  }
  for (const auto& c : changes)
    if (c.kind == Change::pages) changed_(c.site, c.path);
}

void Modules::add_routes(content::Routes& routes) {
  pages_.add_routes(routes);
  api_.add_routes(routes);
  feeds_.add_routes(routes);
  widgets_.add_routes(routes);
  document_pages_.add_routes(routes);
  question_pages_.add_routes(routes);
  dataset_pages_.add_routes(routes);
  drafts_.add_routes(routes);
  schedule_.add_routes(routes);
  organisation_.add_routes(routes);
  admin_.add_routes(routes, pages_);
  newsroom_api_.add_routes(routes);
}

void Modules::notices() {
  std::int64_t now = content_.now();
  if (notices_seen_ && changed_)
    for (const auto& s : content_.sites())
      for (std::int64_t at : {s->site.notice_from, s->site.notice_until})
        if (!s->site.notice.empty() && at > notices_seen_ && at <= now) changed_(s->site.id, {});
  notices_seen_ = now;
}

}  // namespace portico::app
