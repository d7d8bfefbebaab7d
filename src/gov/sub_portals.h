// A site's sub-portals managed from its newsroom: its administrators add a commune's portal
// (with the default sections), change its details and brand colour, and disable or enable
// it. The rules are the command line's (gov::check_site); a change is effective at once.
// Who may is the newsroom's to say (platform administrators: SignedIn::may(manage_sites)).
#pragma once
#include <string>
#include <vector>

#include "content/change_notifier.h"
#include "store/store.h"

namespace portico::gov {

class SubPortals : public content::ChangeNotifier {
 public:
  // reserved: host names the newsroom may not give a sub-portal (the address the default
  // site is served at: an unregistered host shows the default site, so taking its address
  // would take its readers). The command line may.
  SubPortals(Store& store, std::vector<std::string> reserved) : store_(store), reserved_(std::move(reserved)) {}

  // The sites directly below parent, as the portal lists them (content::listed_before).
  std::vector<Site> of(Id parent);
  // A new sub-portal of parent; its slug comes from its name.
  Result<Id> add(const Actor& who, Id parent, Site site);
  // not_found unless site.id is one of parent's sub-portals; keeps its parent, slug and
  // everything the newsroom's form does not carry.
  Status update(const Actor& who, Id parent, const Site& site);
  // A site's emblem and masthead image (media ids of its library; 0: the theme's, none).
  Status set_images(const Actor& who, Id site_id, Id logo_media_id, Id banner_media_id);
  // A site's maintenance notice (times "2026-12-10T08:00" in Hà Nội; an empty start: at
  // once, an empty end: none), its read-only mode and its EMC monitoring script (model.h).
  struct Operations {
    std::string notice, notice_from, notice_until;
    bool read_only = false;
    std::string monitor_script;
  };
  Status set_operations(const Actor& who, Id site_id, const Operations& o);

 private:
  Status check_host(const std::string& host) const;

  Store& store_;
  std::vector<std::string> reserved_;
};

}  // namespace portico::gov
