// The sections the rules for government portals ask for (Decree 42/2022/NĐ-CP), made for
// every new site as ordinary menu entries: editors rename, reorder, hide, nest or re-point
// them like any other. A section is either a news category with its own articles or a link
// to one of the portal's own sections ("/van-ban") or to another site (the national
// public-service portal, which procedures link to rather than copy).
#pragma once
#include <span>

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

// Creates the site and its default sections, all or none; returns the site's id.
Result<Id> create_site(Store& store, const Site& site);

}  // namespace portico::gov
