// A site's sub-portals managed from its newsroom: its administrators add a commune's portal
// (with the default sections), change its details and brand colour, and disable or enable
// it. The rules are the command line's (gov::check_site); a change is effective at once.
// Not yet: a platform role above the sites' own (issue 15): a site's administrators manage
// the sub-portals directly below it.
#pragma once
#include <vector>

#include "content/change_notifier.h"
#include "store/store.h"

namespace portico::gov {

class SubPortals : public content::ChangeNotifier {
 public:
  explicit SubPortals(Store& store) : store_(store) {}

  // The sites directly below parent, by name.
  std::vector<Site> of(Id parent);
  // A new sub-portal of parent; its slug comes from its name.
  Result<Id> add(const Actor& who, Id parent, Site site);
  // not_found unless site.id is one of parent's sub-portals; keeps its parent, slug and
  // everything the newsroom's form does not carry.
  Status update(const Actor& who, Id parent, const Site& site);

 private:
  Store& store_;
};

}  // namespace portico::gov
