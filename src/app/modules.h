// Every module of the portal, built once in the order they depend on each other, with the
// hooks between them. main builds the modules, then the Portal (the request pipeline) over
// them; a new section is one member here, its construction and one add_routes line.
#pragma once
#include <functional>
#include <string>

#include "app/node_link.h"
#include "app/options.h"
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
#include "gov/sub_portals.h"
#include "gov/public_forms.h"
#include "gov/question_pages.h"
#include "gov/questions.h"
#include "gov/schedule.h"
#include "http/assets.h"
#include "newsroom/admin_pages.h"
#include "newsroom/newsroom.h"
#include "newsroom/newsroom_api.h"
#include "render/templates.h"
#include "widgets/widgets.h"

namespace portico::app {

class Modules {
 public:
  Modules(Store& store, const Clock& clock, const render::Templates& templates, const http::Assets& assets,
          const PortalOptions& options);

  // Every module's routes.
  void add_routes(content::Routes& routes);
  // What readers see has changed: the whole site (path empty) or one page. Every module
  // reports its changes here; the pipeline drops the cached pages.
  void on_change(std::function<void(Id site, const std::string& path)> f) { changed_ = std::move(f); }
  // The other nodes on the same database: they hear of every change here (pages and the
  // sites kept in memory), and what they change is applied here. Before serving.
  void link(NodeLink& link);
  // Once a second, from the scheduler thread: sites another process changed (their pages
  // go), maintenance notices and scheduled articles whose time has come, and the visit counters.
  void tick() {
    if (content_.refresh() && changed_)  // every node sees it by itself: nothing to tell the others
      for (const auto& s : content_.sites()) changed_(s->site.id, {});
    notices();
    newsroom_.tick();
    widgets_.visits().flush();
  }
  // After the server has stopped: nothing counted is lost.
  void shutdown() { widgets_.visits().flush(); }

  // What the pipeline itself needs: sites, error pages, visits, sessions, the documents it
  // serves outside the modules' routes.
  content::ContentService& content() { return content_; }
  content::PublicPages& pages() { return pages_; }
  widgets::Widgets& widgets() { return widgets_; }
  newsroom::Newsroom& newsroom() { return newsroom_; }
  const content::ArticleApi& api() const { return api_; }
  const content::Feeds& feeds() const { return feeds_; }

 private:
  void changed(Id site, const std::string& path = {}) {
    if (changed_) changed_(site, path);
    if (link_) link_->changed(site, path);
  }
  // The sites and their categories read again from the store, here and on the other nodes.
  void reload() {
    content_.reload();
    if (link_) link_->sites_read_again();
  }
  // What another node changed.
  void apply(const std::vector<NodeLink::Change>& changes);
  // A site whose maintenance notice begins or ends in (notices_seen_, now]: its pages change
  // (on every node, each by its own clock).
  void notices();
  std::int64_t notices_seen_ = 0;

  content::ContentService content_;
  content::PublicPages pages_;
  content::ArticleApi api_;
  content::Feeds feeds_;
  newsroom::Newsroom newsroom_;
  newsroom::Sharing sharing_;
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
  gov::SubPortals sub_portals_;
  std::function<void(Id, const std::string&)> changed_;
  NodeLink* link_ = nullptr;
};

}  // namespace portico::app
