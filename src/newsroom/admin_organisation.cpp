// Newsroom pages for the organisation's pages (administrators): the introduction, functions
// and contact texts in Vietnamese and English, the English site name, and the units of the
// organisation chart with their leaders.
#include "gov/organisation.h"
#include "newsroom/admin_forms.h"
#include "newsroom/admin_pages.h"

namespace portico::newsroom {

Response AdminPages::organisation_page(int status, const content::SiteContent& s, const SignedIn& who,
                                       const std::string& error_text, bool saved) {
  Data v = form_page(who, error_text, saved);
  Id site = s.site.id;
  for (const char* key : gov::Organisation::kTexts)
    for (const char* lang : {"vi", "en"}) put(v, std::string(key) + "_" + lang, need(organisation_->text(site, key, lang)));
  auto units = need(organisation_->units(site));
  List rows;
  for (const auto& u : units) {
    Data x;
    put(x, "id", std::to_string(u.id));
    put(x, "name", u.name);
    put(x, "name_en", u.name_en);
    put(x, "functions", u.functions);
    put(x, "functions_en", u.functions_en);
    put(x, "address", u.address);
    put(x, "phone", u.phone);
    put(x, "email", u.email);
    put(x, "leaders", u.leaders);
    put(x, "position", std::to_string(u.position));
    List parents;
    for (const auto& p : units) {
      if (p.id == u.id) continue;
      Data o;
      put(o, "id", std::to_string(p.id));
      put(o, "name", p.name);
      put(o, "selected", p.id == u.parent_id);
      parents.push_back(o);
    }
    x.set("parents", parents);
    put(x, "top", u.parent_id == 0);
    rows.push_back(x);
  }
  v.set("units", rows);
  List all;
  for (const auto& p : units) {
    Data o;
    put(o, "id", std::to_string(p.id));
    put(o, "name", p.name);
    all.push_back(o);
  }
  v.set("all_units", all);
  return page(status, "Giới thiệu và cơ cấu tổ chức", "admin_organisation", std::move(v), s, &who, "organisation");
}

Response AdminPages::organisation(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return organisation_page(200, s, who, "", r.param("da-luu").has_value());
}

Response AdminPages::organisation_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                       std::string_view what, std::string_view id_text) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  Id site = s.site.id;
  if (what == "noi-dung") {
    std::vector<gov::Organisation::Text> texts;
    for (const char* key : gov::Organisation::kTexts)
      for (const char* lang : {"vi", "en"}) texts.push_back({key, lang, form_value(form, std::string(key) + "_" + lang)});
    if (auto st = organisation_->save_texts(actor(who, r), site, texts); !st)
      return organisation_page(422, s, who, sentence(st.message()), false);
    return Response::redirect("/quan-tri/gioi-thieu?da-luu=1");
  }
  if (what != "don-vi") return error(404, s, &who);
  std::optional<Id> id;
  if (!id_text.empty() && !(id = parse_id(id_text))) return error(404, s, &who);
  if (id && form_value(form, "xoa") == "1") {
    if (!organisation_->remove_unit(actor(who, r), site, *id)) return error(404, s, &who);
    return Response::redirect("/quan-tri/gioi-thieu?da-luu=1");
  }
  OrgUnit u;
  u.id = id.value_or(0);
  u.site_id = site;
  u.parent_id = parse_id(form_value(form, "cap-tren")).value_or(0);
  u.name = form_value(form, "ten");
  u.name_en = form_value(form, "ten-en");
  u.functions = form_value(form, "chuc-nang");
  u.functions_en = form_value(form, "chuc-nang-en");
  u.address = form_value(form, "dia-chi");
  u.phone = form_value(form, "dien-thoai");
  u.email = form_value(form, "thu-dien-tu");
  u.leaders = form_value(form, "lanh-dao");
  u.position = static_cast<int>(content::parse_positive(form_value(form, "thu-tu"), 1000).value_or(0));
  auto saved = organisation_->save_unit(actor(who, r), u);
  if (!saved) {
    if (saved.status().code() == Code::not_found) return error(404, s, &who);
    return organisation_page(422, s, who, sentence(saved.status().message()), false);
  }
  return Response::redirect("/quan-tri/gioi-thieu?da-luu=1#don-vi-" + std::to_string(*saved));
}

}  // namespace portico::newsroom
