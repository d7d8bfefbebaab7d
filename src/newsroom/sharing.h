// News across the tree of sites. Down: a site's approvers share an article to chosen
// sub-portals (or all of them); it appears in their lists and search as the same record, so
// edits and take-down follow at once. Up: a sub-portal's approvers propose a published
// article to the site above ("Tin từ cơ sở"), whose approvers take it (a copy, published,
// naming and linking its source) or decline it with a reason.
#pragma once
#include <string>
#include <vector>

#include "content/change_notifier.h"
#include "content/content_service.h"
#include "store/store.h"

namespace portico::newsroom {

class Sharing : public content::ChangeNotifier {
 public:
  Sharing(Store& store, const Clock& clock, content::ContentService& content)
      : store_(store), clock_(clock), content_(content) {}

  // The sites directly below site_id that an article may be shared to: enabled sub-portals.
  std::vector<std::shared_ptr<const content::SiteContent>> sub_portals(Id site_id);
  // A site by id (null when there is none), with its address.
  std::shared_ptr<const content::SiteContent> site(Id id) { return content_.site_by_id(id); }
  // The sub-portals an article of site_id is shared to.
  Result<std::vector<Id>> shares(Id site_id, Id article_id) { return store_.shares(site_id, article_id); }
  // Replaces them; each must be a sub-portal of site_id (invalid otherwise). The pages of
  // every site that gains or loses the article go.
  Status share(const Actor& who, Id site_id, Id article_id, std::vector<Id> targets);
  // Every site some article of site_id is shared to: their pages go when site_id's change.
  Result<std::vector<Id>> targets(Id site_id) { return store_.share_targets(site_id); }

  // Proposes a published article of `from` to the site above it (invalid when it has none
  // or the article is not published; conflict when one is pending already).
  Result<Id> propose(const Actor& who, const content::SiteContent& from, Id article_id, std::string note);
  Result<std::vector<Proposal>> proposals_of(Id from_site_id, Id article_id) {
    return store_.proposals_of(from_site_id, article_id);
  }
  // Those addressed to site_id: pending first.
  Result<std::vector<Proposal>> inbox(Id site_id, int limit = 100) { return store_.proposals(site_id, limit); }
  Result<Proposal> proposal(Id site_id, Id id) { return store_.proposal(site_id, id); }
  // Takes a pending proposal: a copy of the original, published at once in category_id (a
  // news category of site_id), its source the sub-portal, linked. Returns the copy's id.
  Result<Id> take(const Actor& who, Id site_id, Id proposal_id, Id category_id);
  // Declines it; the reason (required) is shown to the sub-portal.
  Status decline(const Actor& who, Id site_id, Id proposal_id, std::string reason);

 private:
  Store& store_;
  const Clock& clock_;
  content::ContentService& content_;
};

}  // namespace portico::newsroom
