// The organisation's mandated pages, in Vietnamese and English: introduction and functions
// (/gioi-thieu, /en), the organisation chart with units and leaders (/gioi-thieu/co-cau-to-chuc,
// /en/organisation) and the contact page with address and map link (/lien-he, /en/contact).
// Each pair links the other with hreflang; English pages use the English interface strings.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "content/pages.h"
#include "content/change_notifier.h"
#include "http/message.h"
#include "store/store.h"

namespace portico::gov {

struct Leader {
  std::string name, title, title_en, phone, email;
};
// Lines "name; title; title in English; phone; e-mail" (fields after the name optional);
// invalid with the line's number when a line has no name or a bad e-mail.
Result<std::vector<Leader>> parse_leaders(const std::string& text);

class Organisation : public content::ChangeNotifier {
 public:
  // The texts an administrator edits, each in "vi" and "en".
  static constexpr const char* kTexts[] = {"intro", "functions", "contact", "site_name"};

  Organisation(Store& store, content::PublicPages& pages)
      : store_(store), pages_(pages) {}

  // Introduction, organisation chart and contact, in Vietnamese and English; cached.
  void add_routes(content::Routes& routes);

  http::Response intro(const content::PageContext& c, bool english);
  http::Response chart(const content::PageContext& c, bool english);
  http::Response contact(const content::PageContext& c, bool english);

  Result<std::string> text(Id site_id, const std::string& key, const std::string& lang) { return store_.site_text(site_id, key, lang); }
  Result<std::vector<OrgUnit>> units(Id site_id) { return store_.org_units(site_id); }
  // Writes from the newsroom: `who` goes to the audit log with each change that succeeds.
  // The texts are saved in order, as one change (one audit entry, one drop of the site's
  // pages); the first refused one stops the rest, and those before it stay saved.
  struct Text {
    std::string key, lang, value;
  };
  Status save_texts(const Actor& who, Id site_id, const std::vector<Text>& texts);
  Result<Id> save_unit(const Actor& who, OrgUnit u);
  Status remove_unit(const Actor& who, Id site_id, Id id);

 private:
  // One text, validated and cleaned (the site's name as plain text, the others sanitised HTML).
  Status set_text(Id site_id, const std::string& key, const std::string& lang, const std::string& value);
  http::Response render(const content::PageContext& c, bool english, const std::string& vi_path, const std::string& en_path,
                        const std::string& title, const std::string& tmpl, render::Data body);

  Store& store_;
  content::PublicPages& pages_;
};

}  // namespace portico::gov
