// The organisation's pages in Vietnamese and English.
#include "gov/organisation.h"
#include "content/routes.h"

#include "gov/public_forms.h"
#include "text/html.h"
#include "text/unicode.h"
#include "widgets/widgets.h"

namespace portico::gov {

using http::Response;
using render::Data;
using render::List;
using render::put;

namespace {

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto at = line.find(sep, start);
    out.push_back(plain_text(line.substr(start, at == std::string::npos ? std::string::npos : at - start)));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

// "tel:02073000001" for "0207 3 000 001": a phone link has no spaces.
std::string tel(const std::string& phone) {
  std::string out;
  for (char c : phone)
    if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out += c;
  return out.empty() ? std::string() : "tel:" + out;
}

}  // namespace

Result<std::vector<Leader>> parse_leaders(const std::string& text) {
  std::vector<Leader> out;
  int n = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = plain_text(text.substr(start, end - start));
    start = end + 1;
    ++n;
    if (line.empty()) continue;
    auto f = split(line, ';');
    f.resize(5);
    if (f[0].empty()) return Status::error(Code::invalid, "dòng " + std::to_string(n) + " của danh sách lãnh đạo chưa có họ tên");
    if (!f[4].empty() && f[4].find('@') == std::string::npos)
      return Status::error(Code::invalid, "dòng " + std::to_string(n) + ": \"" + f[4] + "\" không phải thư điện tử");
    out.push_back({f[0], f[1], f[2], f[3], f[4]});
  }
  return out;
}

Response Organisation::render(const content::PageContext& c, bool english, const std::string& vi_path,
                              const std::string& en_path, const std::string& title, const std::string& tmpl, Data body) {
  content::PublicPages::Localized l;
  l.lang = english ? "en" : "vi";
  l.alternates = {{"vi", vi_path}, {"en", en_path}};
  l.other_path = english ? vi_path : en_path;
  l.site_name_en = need(store_.site_text(c.site->site.id, "site_name", "en"));
  if (l.site_name_en.empty()) l.site_name_en = c.site->site.name;
  put(body, "en", english);
  put(body, "site_name", english ? l.site_name_en : c.site->site.name);
  std::string description = english ? title + " – " + l.site_name_en : title + " – " + c.site->site.name;
  return pages_.localized(c, l, title, description, tmpl, std::move(body));
}

Response Organisation::intro(const content::PageContext& c, bool english) {
  Id site = c.site->site.id;
  std::string lang = english ? "en" : "vi";
  Data d;
  std::string intro = need(store_.site_text(site, "intro", lang));
  std::string functions = need(store_.site_text(site, "functions", lang));
  if (!intro.empty()) d.set("intro", intro);
  if (!functions.empty()) d.set("functions", functions);
  put(d, "missing", intro.empty() && functions.empty());
  return render(c, english, "/gioi-thieu", "/en", english ? "Introduction" : "Giới thiệu", "org_intro", std::move(d));
}

Response Organisation::chart(const content::PageContext& c, bool english) {
  auto units = need(store_.org_units(c.site->site.id));
  // Units nest by parent; the template draws two levels and lists deeper ones flat under theirs.
  std::function<List(Id)> level = [&](Id parent) {
    List l;
    for (const auto& u : units) {
      if (u.parent_id != parent) continue;
      Data x;
      put(x, "id", std::to_string(u.id));
      put(x, "name", english && !u.name_en.empty() ? u.name_en : u.name);
      if (english && !u.name_en.empty()) put(x, "name_vi", u.name);
      x.set("functions", content::paragraphs(english && !u.functions_en.empty() ? u.functions_en : u.functions));
      put(x, "address", u.address);
      put(x, "phone", u.phone);
      put(x, "tel", tel(u.phone));
      put(x, "email", u.email);
      List leaders;
      if (auto ls = parse_leaders(u.leaders))
        for (const auto& p : *ls) {
          Data y;
          put(y, "name", p.name);
          put(y, "title", english && !p.title_en.empty() ? p.title_en : p.title);
          put(y, "phone", p.phone);
          put(y, "tel", tel(p.phone));
          put(y, "email", p.email);
          leaders.push_back(y);
        }
      put(x, "has_leaders", !leaders.empty());
      x.set("leaders", leaders);
      List children = level(u.id);
      put(x, "has_children", !children.empty());
      x.set("children", children);
      l.push_back(x);
    }
    return l;
  };
  Data d;
  List top = level(0);
  put(d, "none", top.empty());
  d.set("units", top);
  return render(c, english, "/gioi-thieu/co-cau-to-chuc", "/en/organisation",
                english ? "Organisation" : "Cơ cấu tổ chức", "org_chart", std::move(d));
}

Response Organisation::contact(const content::PageContext& c, bool english) {
  const Site& s = c.site->site;
  Data d;
  put(d, "agency", s.agency);
  put(d, "address", s.address);
  put(d, "phone", s.phone);
  put(d, "tel", tel(s.phone));
  put(d, "email", s.email);
  std::string text = need(store_.site_text(s.id, "contact", english ? "en" : "vi"));
  if (!text.empty()) d.set("text", text);
  // The map link: the first place on the map widget, else a search for the address.
  auto places = need(store_.places(s.id));
  put(d, "map_url", places.empty() ? "https://www.openstreetmap.org/search?query=" + http::url_encode(s.address)
                                   : widgets::map_link(places[0]));
  List units;
  for (const auto& u : need(store_.org_units(s.id))) {
    if (u.phone.empty() && u.email.empty()) continue;
    Data x;
    put(x, "name", english && !u.name_en.empty() ? u.name_en : u.name);
    put(x, "phone", u.phone);
    put(x, "tel", tel(u.phone));
    put(x, "email", u.email);
    units.push_back(x);
  }
  put(d, "has_units", !units.empty());
  d.set("units", units);
  return render(c, english, "/lien-he", "/en/contact", english ? "Contact" : "Liên hệ", "org_contact", std::move(d));
}

Status Organisation::set_text(Id site_id, const std::string& key, const std::string& lang, const std::string& value) {
  if (!text::is_valid_utf8(value)) return Status::error(Code::invalid, "văn bản không phải UTF-8 hợp lệ");
  if (value.size() > 200000) return Status::error(Code::invalid, "nội dung quá dài");
  if (key == "site_name") return store_.set_site_text(site_id, key, lang, plain_text(value));
  auto clean = text::sanitize_html(value);
  if (!clean) return clean.status();
  return store_.set_site_text(site_id, key, lang, *clean);
}

Status Organisation::save_texts(const Actor& who, Id site_id, const std::vector<Text>& texts) {
  for (std::size_t i = 0; i < texts.size(); ++i)
    if (auto st = set_text(site_id, texts[i].key, texts[i].lang, texts[i].value); !st) {
      if (i > 0) changed(site_id);  // the texts before it are saved
      return st;
    }
  return announce(site_id, Status::ok(), who, "organisation_texts", "");
}

Result<Id> Organisation::save_unit(const Actor& who, OrgUnit u) {
  for (auto* s : {&u.name, &u.name_en, &u.functions, &u.functions_en, &u.address, &u.phone, &u.email, &u.leaders}) {
    if (!text::is_valid_utf8(*s)) return Status::error(Code::invalid, "dữ liệu không phải UTF-8 hợp lệ");
    *s = plain_text(*s);
  }
  if (u.name.empty() || char_count(u.name) > 300) return Status::error(Code::invalid, "tên đơn vị cần có (tối đa 300 ký tự)");
  if (!u.email.empty() && u.email.find('@') == std::string::npos) return Status::error(Code::invalid, "thư điện tử không hợp lệ");
  if (auto l = parse_leaders(u.leaders); !l) return l.status();
  Id site = u.site_id;
  const char* action = u.id ? "org_unit_update" : "org_unit_add";
  std::string name = u.name;
  return announce(site, store_.save_org_unit(std::move(u)), who, action, {}, name);
}

Status Organisation::remove_unit(const Actor& who, Id site_id, Id id) {
  return announce(site_id, store_.delete_org_unit(site_id, id), who, "org_unit_delete", std::to_string(id));
}

void Organisation::add_routes(content::Routes& routes) {
  using content::PageContext;
  using http::Params;
  for (bool en : {false, true}) {
    routes.cached(en ? "/en" : "/gioi-thieu", [this, en](const PageContext& c, const Params&) { return intro(c, en); });
    routes.cached(en ? "/en/organisation" : "/gioi-thieu/co-cau-to-chuc",
                  [this, en](const PageContext& c, const Params&) { return chart(c, en); });
    routes.cached(en ? "/en/contact" : "/lien-he", [this, en](const PageContext& c, const Params&) { return contact(c, en); });
  }
}

}  // namespace portico::gov
