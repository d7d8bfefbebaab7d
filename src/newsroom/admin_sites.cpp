// Newsroom pages for the site's sub-portals (administrators): each one's details, kind,
// host name, brand colour and state, and a form to add another.
#include "gov/sub_portals.h"
#include "newsroom/admin_forms.h"
#include "newsroom/admin_pages.h"
#include "render/colour.h"
#include "render/vn_time.h"

namespace portico::newsroom {

namespace {

Site site_from(const http::Fields& form) {
  Site x;
  x.name = form_value(form, "ten");
  x.kind = form_value(form, "loai");
  x.host = form_value(form, "ten-mien");
  x.brand_color = form_value(form, "mau");
  x.agency = form_value(form, "co-quan");
  x.address = form_value(form, "dia-chi");
  x.phone = form_value(form, "dien-thoai");
  x.email = form_value(form, "thu-dien-tu");
  x.disabled = form_value(form, "tam-ngung") == "1";
  return x;
}

Data site_data(const Site& x) {
  Data d;
  put(d, "id", std::to_string(x.id));
  put(d, "name", x.name);
  put(d, "kind", x.kind);
  put(d, "host", x.host);
  put(d, "brand", x.brand_color.empty() ? std::string(render::kDefaultBrand) : x.brand_color);
  put(d, "agency", x.agency);
  put(d, "address", x.address);
  put(d, "phone", x.phone);
  put(d, "email", x.email);
  put(d, "disabled", x.disabled);
  return d;
}

}  // namespace

Response AdminPages::sub_portals_page(int status, const content::SiteContent& s, const SignedIn& who,
                                      const std::string& error_text, bool saved, const Site* entered) {
  Data v = form_page(who, error_text, saved);
  List rows;
  for (const auto& x : sub_portals_->of(s.site.id)) {
    Data d = site_data(entered && entered->id == x.id ? *entered : x);
    put(d, "csrf", who.session.csrf);
    rows.push_back(std::move(d));
  }
  put(v, "empty", rows.empty());
  v.set("sites", std::move(rows));
  // The add form keeps what was typed when it was refused.
  Site fresh;
  fresh.kind = "Xã";
  v.set("fresh", site_data(entered && entered->id == 0 ? *entered : fresh));
  return page(status, "Cổng thành phần", "admin_sites", std::move(v), s, &who, "sites");
}

Response AdminPages::sub_portals(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return sub_portals_page(200, s, who, "", r.param("da-luu").has_value());
}

Response AdminPages::sub_portal_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                     std::string_view id_text) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  Site x = site_from(form);
  if (!id_text.empty()) {
    auto id = parse_id(id_text);
    if (!id) return error(404, s, &who);
    x.id = *id;
  }
  Status st = x.id ? sub_portals_->update(actor(who, r), s.site.id, x)
                   : sub_portals_->add(actor(who, r), s.site.id, x).status();
  if (st.code() == Code::not_found) return error(404, s, &who);
  if (!st) return sub_portals_page(st.code() == Code::conflict ? 409 : 422, s, who, sentence(st.message()), false, &x);
  return Response::redirect("/quan-tri/cong-thanh-phan?da-luu=1");
}

Response AdminPages::appearance_page(int status, const content::SiteContent& s, const SignedIn& who,
                                     const std::string& error_text, bool saved, Id logo, Id banner) {
  Data v = form_page(who, error_text, saved);
  List logos, banners;
  for (const auto& m : need(newsroom_.recent_media(s.site.id, 200))) {
    if (m.mime.rfind("image/", 0) != 0) continue;
    for (auto [list, chosen] : {std::pair{&logos, logo}, std::pair{&banners, banner}}) {
      Data x;
      put(x, "id", std::to_string(m.id));
      put(x, "alt", m.alt);
      put(x, "selected", m.id == chosen);
      list->push_back(std::move(x));
    }
  }
  v.set("logos", std::move(logos));
  v.set("banners", std::move(banners));
  if (s.logo) put(v, "logo_url", "/media/" + http::url_encode(s.logo->file_name));
  if (s.banner) put(v, "banner_url", "/media/" + http::url_encode(s.banner->file_name));
  return page(status, "Giao diện", "admin_appearance", std::move(v), s, &who, "appearance");
}

Response AdminPages::appearance(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return appearance_page(200, s, who, "", r.param("da-luu").has_value(), s.site.logo_media_id, s.site.banner_media_id);
}

Response AdminPages::appearance_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  auto id_of = [&](const char* field) -> std::optional<Id> {
    std::string v = form_value(form, field);
    if (v.empty() || v == "0") return Id{0};
    return parse_id(v);
  };
  auto logo = id_of("bieu-trung"), banner = id_of("anh-dau-trang");
  if (!logo || !banner) return error(400, s, &who, "Ảnh đã chọn không hợp lệ.");
  auto st = sub_portals_->set_images(actor(who, r), s.site.id, *logo, *banner);
  if (!st) return appearance_page(422, s, who, sentence(st.message()), false, *logo, *banner);
  return Response::redirect("/quan-tri/giao-dien?da-luu=1");
}

Response AdminPages::operations_page(int status, const content::SiteContent& s, const SignedIn& who,
                                     const std::string& error_text, bool saved, const gov::SubPortals::Operations& o) {
  Data v = form_page(who, error_text, saved);
  put(v, "notice", o.notice);
  put(v, "notice_from", o.notice_from);
  put(v, "notice_until", o.notice_until);
  put(v, "read_only", o.read_only);
  put(v, "monitor_script", o.monitor_script);
  return page(status, "Vận hành", "admin_operations", std::move(v), s, &who, "operations");
}

Response AdminPages::operations(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  const Site& x = s.site;
  auto at = [](std::int64_t t) { return t ? render::format_local_datetime(t) : std::string(); };
  return operations_page(200, s, who, "", r.param("da-luu").has_value(),
                         {x.notice, at(x.notice_from), at(x.notice_until), x.read_only, x.monitor_script});
}

Response AdminPages::operations_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  gov::SubPortals::Operations o{form_value(form, "thong-bao"), form_value(form, "hien-tu"), form_value(form, "hien-den"),
                                form_value(form, "chi-doc") == "1", form_value(form, "ma-theo-doi")};
  auto st = sub_portals_->set_operations(actor(who, r), s.site.id, o);
  if (!st) return operations_page(422, s, who, sentence(st.message()), false, o);
  return Response::redirect("/quan-tri/van-hanh?da-luu=1");
}

}  // namespace portico::newsroom
