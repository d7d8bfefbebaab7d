// Drafts open for public comment (Lấy ý kiến dự thảo): the draft with its comment deadline,
// and the comment form with the same defences and privacy as Q&A (gov::PublicForms; the
// commenter's name and contact are read only by the roles that handle questions). After the
// deadline the form is gone and a late comment is refused by the store itself (409).
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "content/pages.h"
#include "content/change_notifier.h"
#include "gov/public_forms.h"
#include "http/message.h"
#include "store/store.h"

namespace portico::gov {

struct DraftInput {
  std::string title, agency, summary, body_html;
  std::string opens, closes;  // "2026-11-30T08:00", Hà Nội time
};

class Drafts : public content::ChangeNotifier {
 public:
  static constexpr const char* kPath = "/lay-y-kien";

  Drafts(Store& store, const Clock& clock, PublicForms& forms, content::PublicPages& pages)
      : store_(store), clock_(clock), forms_(forms), pages_(pages) {}

  // /lay-y-kien: drafts and their comment form (drawn per visit: they show the time left).
  void add_routes(content::Routes& routes);

  // Public pages: the drafts (open first), one draft with its form, a comment (POST:
  // ho-ten, lien-he, noi-dung and the guard fields).
  http::Response list(const content::PageContext& c);
  http::Response one(const content::PageContext& c, std::string_view slug);
  http::Response comment(const content::PageContext& c, std::string_view slug);
  // GET /api/v1/drafts (open first, then upcoming, then closed) and /api/v1/drafts/{id}
  // (with the full text): each with its state now and the number of comments, never the
  // comments themselves.
  http::Response api_list(const content::SiteContent& s);
  http::Response api_get(const content::SiteContent& s, std::string_view id);

  // The newsroom's side.
  Result<std::vector<Draft>> all(Id site_id) { return store_.drafts(site_id); }
  Result<Draft> get(Id site_id, Id id) { return store_.draft(site_id, id); }
  Result<std::vector<DraftComment>> comments(Id site_id, Id id) { return store_.comments(site_id, id); }
  // Writes from the newsroom: `who` goes to the audit log with each change that succeeds.
  Result<Id> save(const Actor& who, Id site_id, Id id, const DraftInput& in);
  Status remove(const Actor& who, Id site_id, Id id);
  std::int64_t now() const { return clock_.now(); }

  static std::string path(std::string_view slug) { return std::string(kPath) + "/" + std::string(slug); }

 private:
  http::Response page_of(const content::PageContext& c, const Draft& d, int status, const std::string& error,
                         const std::string& name, const std::string& contact, const std::string& body, bool thanks);

  Store& store_;
  const Clock& clock_;
  PublicForms& forms_;
  content::PublicPages& pages_;
};

}  // namespace portico::gov
