// Handlers of the newsroom's pages under /quan-tri. Every form carries a CSRF token; every
// page is private (no-store). Handlers taking a SignedIn are only reached with a live
// session: the route table (admin_routes.cpp) sends everyone else to the sign-in page.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "content/content_service.h"
#include "http/assets.h"
#include "http/message.h"
#include "newsroom/newsroom.h"
#include "newsroom/sharing.h"
#include "gov/datasets.h"
#include "gov/documents.h"
#include "gov/drafts.h"
#include "gov/organisation.h"
#include "gov/sub_portals.h"
#include "gov/schedule.h"
#include "gov/questions.h"
#include "render/templates.h"

namespace portico::widgets {
class Widgets;
}
namespace portico::content {
class PublicPages;
class Routes;
}  // namespace portico::content

namespace portico::newsroom {

class AdminPages {
 public:
  // The services the newsroom administers besides its own: given at construction, never null.
  struct Sections {
    widgets::Widgets& widgets;
    gov::Documents& documents;
    gov::Datasets& datasets;
    gov::Questions& questions;
    gov::Drafts& drafts;
    gov::Schedule& schedule;
    gov::Organisation& organisation;
    gov::SubPortals& sub_portals;
    Sharing& sharing;
  };

  AdminPages(Newsroom& newsroom, Sections sections, const render::Templates& templates, const http::Assets& assets,
             bool secure_cookies, std::size_t upload_limit)
      : newsroom_(newsroom),
        templates_(templates),
        assets_(assets),
        secure_(secure_cookies),
        upload_limit_(upload_limit),
        widgets_(&sections.widgets),
        documents_(&sections.documents),
        questions_(&sections.questions),
        datasets_(&sections.datasets),
        organisation_(&sections.organisation),
        sub_portals_(&sections.sub_portals),
        sharing_(&sections.sharing),
        drafts_(&sections.drafts),
        schedule_(&sections.schedule) {}

  // Every page under /quan-tri and the preview links (drawn by `pages`).
  void add_routes(content::Routes& routes, content::PublicPages& pages);

  http::Response login_form(const http::Request& r, const content::SiteContent& s);
  http::Response login(const http::Request& r, const content::SiteContent& s);
  http::Response logout(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response dashboard(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response audit(const http::Request& r, const content::SiteContent& s, const SignedIn& who);

  // Articles: list by state, editor form, workflow actions, revisions.
  http::Response articles(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response new_article(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response create_article(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response edit_article(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);
  http::Response save_article(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);
  // action: gui-duyet, xuat-ban, tra-lai, go-bai, khoi-phuc
  http::Response article_action(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id,
                                std::string_view action);
  http::Response revisions(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);

  // The image library: upload (multipart), list with snippets to paste into bodies.
  http::Response media(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response upload(const http::Request& r, const content::SiteContent& s, const SignedIn& who);

  // Royalties: the monthly report (HTML and CSV) and the coefficients form.
  http::Response royalties(const http::Request& r, const content::SiteContent& s, const SignedIn& who, bool csv);
  http::Response royalty_rates(const http::Request& r, const content::SiteContent& s, const SignedIn& who);

  // Categories and the menu: list with edit forms, add, update, move up or down.
  http::Response categories(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  // id empty: add; action empty: update; "len" / "xuong": move.
  http::Response category_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id,
                               std::string_view action);

  // The sidebar (admin_widgets.cpp). Widget order and visibility, links and places on one
  // page; polls and videos on their own; visit statistics for every newsroom role.
  http::Response widget_settings(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  // what: "thu-tu" (order), "lien-ket" (links), "dia-diem" (places); id empty: add.
  http::Response widget_order_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  // id empty: add; with "xoa=1": delete.
  http::Response link_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);
  http::Response place_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);
  http::Response polls(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response poll_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);
  http::Response videos(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response video_upload(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response video_delete(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);
  http::Response visit_stats(const http::Request& r, const content::SiteContent& s, const SignedIn& who);

  // The legal-document register (admin_documents.cpp): list, form ("moi" or an id), the
  // multipart save (id empty: create), the CSV import and its template.
  http::Response documents(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response document_form(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                               std::string_view id);
  http::Response document_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                               std::string_view id);
  http::Response document_import(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response document_template(const http::Request& r, const content::SiteContent& s, const SignedIn& who);

  // Datasets (admin_datasets.cpp): list, form ("moi" or an id), multipart save.
  http::Response datasets(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response dataset_form(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                              std::string_view id);
  http::Response dataset_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                              std::string_view id);

  // Drafts for comment and the work schedule (admin_participation.cpp).
  http::Response drafts(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response draft_form(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);
  http::Response draft_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);
  http::Response schedule(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response schedule_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                               std::string_view id);

  // The site's sub-portals (admin_sites.cpp): add one, change or disable each (id empty: add).
  http::Response sub_portals(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  // The site's emblem and masthead image, from its media library (admin_sites.cpp).
  http::Response appearance(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response appearance_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  // /quan-tri/van-hanh: the maintenance notice, read-only mode and EMC monitoring script.
  http::Response operations(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response operations_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response sub_portal_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                 std::string_view id);
  // News across sites (admin_sharing.cpp): an article shared down to chosen sub-portals
  // ("cong" ids, or "tat-ca"), proposed up to the portal above; "Tin từ cơ sở", what the
  // sub-portals propose, taken ("nhan", into a category) or declined ("tu-choi", a reason).
  http::Response article_share(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                               std::string_view id);
  http::Response article_propose(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                 std::string_view id);
  http::Response proposals(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response proposal_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                               std::string_view id, std::string_view action);
  // The organisation's pages (admin_organisation.cpp): texts in Vietnamese and English, and
  // the units of the organisation chart. what: "noi-dung" (texts), "don-vi" (a unit; id empty: add).
  http::Response organisation(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response organisation_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                   std::string_view what, std::string_view id);

  // Q&A moderation (admin_questions.cpp): the queue by status, one question with the
  // sender's personal data, its attachment, and the steps (action: "chuyen" assign,
  // "tra-loi" answer, "cong-khai" publish, "an" unpublish, "tu-choi" reject).
  http::Response questions(const http::Request& r, const content::SiteContent& s, const SignedIn& who);
  http::Response question(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id);
  http::Response question_file(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                               std::string_view id);
  http::Response question_action(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                 std::string_view id, std::string_view action);

  static constexpr const char* kSessionCookie = "phien";
  static constexpr const char* kLoginCsrfCookie = "csrf-dn";

 private:
  http::Response page(int status, const std::string& title, const std::string& tmpl, render::Data body,
                      const content::SiteContent& s, const SignedIn* who, const std::string& current = {});
  http::Response error(int status, const content::SiteContent& s, const SignedIn* who, std::string message = {});
  http::Response login_page(const http::Request& r, int status, const content::SiteContent& s, const std::string& csrf,
                            const std::string& name, const std::string& error);
  // The editor form, filled from an article or from what the user just sent.
  http::Response article_form(int status, const content::SiteContent& s, const SignedIn& who, const Article* a,
                              const ArticleDraft& d, const std::string& error, const std::string& saved);
  // Maps a workflow failure to its page: 403, 404, 409 (someone saved first) or 422.
  http::Response failure(const content::SiteContent& s, const SignedIn& who, const Status& st, Id id);
  http::Response media_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                             bool uploaded);
  http::Response categories_page(int status, const content::SiteContent& s, const SignedIn& who,
                                 const std::string& error, bool saved);
  // Cookies are Secure when the portal's address is https or the request came over HTTPS.
  std::string cookie(const http::Request& r, const std::string& name, const std::string& value, std::int64_t max_age,
                     bool strict) const;

  Newsroom& newsroom_;
  const render::Templates& templates_;
  const http::Assets& assets_;
  // A posted form, parsed (the route table has checked its CSRF token and the permission);
  // the error page to answer with otherwise.
  std::optional<http::Response> check_form(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                           http::Fields& form);
  // A link or a place of the sidebar: its form checked, its id read, then deleted ("xoa=1")
  // or saved (id 0: a new one).
  struct RecordWrites {
    std::function<Status(Id)> remove;
    std::function<Status(const http::Fields&, Id)> save;
  };
  http::Response widget_record_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                    std::string_view id_text, const RecordWrites& writes);
  http::Response widget_saved(const content::SiteContent& s, const SignedIn& who, const Status& st);
  http::Response widgets_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                              bool saved);
  http::Response polls_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                            bool saved);
  http::Response videos_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                             bool saved);

  bool secure_;
  std::size_t upload_limit_;
  widgets::Widgets* const widgets_;
  http::Response documents_page(int status, const content::SiteContent& s, const SignedIn& who, const http::Request& r,
                                const std::string& error, bool saved, const gov::ImportReport& report);
  http::Response document_page(int status, const content::SiteContent& s, const SignedIn& who, const Document* d,
                               const gov::DocumentInput& in, const std::string& error, bool saved);
  gov::Documents* const documents_;
  http::Response question_page(int status, const content::SiteContent& s, const SignedIn& who, const Question& q,
                               const std::string& error, bool saved);
  gov::Questions* const questions_;
  http::Response dataset_page(int status, const content::SiteContent& s, const SignedIn& who, Id id,
                              const gov::DatasetInput& in, const std::string& slug, const std::string& error, bool saved);
  gov::Datasets* const datasets_;
  http::Response draft_page(int status, const content::SiteContent& s, const SignedIn& who, Id id,
                            const gov::DraftInput& in, const std::string& error, bool saved);
  http::Response schedule_page(int status, const content::SiteContent& s, const SignedIn& who, const http::Request& r,
                               const gov::ScheduleInput& in, const std::string& error, bool saved);
  http::Response organisation_page(int status, const content::SiteContent& s, const SignedIn& who,
                                   const std::string& error, bool saved);
  gov::Organisation* const organisation_;
  http::Response sub_portals_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                                  bool saved, const Site* entered = nullptr);
  gov::SubPortals* const sub_portals_;
  http::Response appearance_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                                 bool saved, Id logo, Id banner);
  http::Response operations_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                                 bool saved, const gov::SubPortals::Operations& o);
  // The article page's panels of sharing down and proposing up (false when neither applies).
  render::Data sharing_panels(const content::SiteContent& s, const SignedIn& who, const Article& a);
  // A POST under an article (/quan-tri/bai-viet/{id}/…): the article the account may see and
  // the parsed form, or the page that refuses the request.
  std::optional<http::Response> article_form_post(const http::Request& r, const content::SiteContent& s,
                                                  const SignedIn& who, std::string_view id, Article& a,
                                                  http::Fields& form);
  http::Response proposals_page(int status, const content::SiteContent& s, const SignedIn& who,
                                const std::string& error, bool saved);
  Sharing* const sharing_;
  gov::Drafts* const drafts_;
  gov::Schedule* const schedule_;
};

}  // namespace portico::newsroom
