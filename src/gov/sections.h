// The sections the rules for government portals ask for (Decree 42/2022/NĐ-CP), made for
// every new site as ordinary menu entries: editors rename, reorder, hide, nest or re-point
// them like any other. A section is either a news category with its own articles or a link
// to one of the portal's own sections ("/van-ban") or to another site (the national
// public-service portal, which procedures link to rather than copy).
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/store.h"

namespace portico::gov {

struct DefaultSection {
  const char* name;
  const char* parent;  // the name of the section it sits under; nullptr: top level
  const char* link;    // "": a news category
  const char* description;
};

// In menu order, parents before their children.
std::span<const DefaultSection> default_sections();

// The rules of a site's record, the same from the command line and the newsroom: a name; a
// host name of lower-case letters, digits, dots and hyphens, no other site's; a parent that
// exists and is neither the site nor below it; a kind of at most 40 characters; a brand
// colour "#rrggbb" that the white text of the masthead can sit on (WCAG AA, 4.5:1). Puts
// the text in NFC and the host and colour in lower case; the messages are Vietnamese.
Status check_site(Site& site, const std::vector<Site>& all);

// The origin ("https://host[:port]") of a monitoring script's address as check_site takes
// it, for the Content-Security-Policy; nullopt for an address it refuses.
std::optional<std::string> monitor_origin(std::string_view url);

// Creates the site (checked, its slug from its name) and its default sections, all or
// none; returns the site's id.
Result<Id> create_site(Store& store, Site site);
// Saves a site's record after check_site. A new host carries its sub-portals under a path
// of the old one along.
Status update_site(Store& store, Site site);

}  // namespace portico::gov
