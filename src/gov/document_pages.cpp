// The legal-document register's public pages and JSON API.
#include "gov/document_pages.h"
#include "content/routes.h"

#include <boost/json.hpp>

#include "http/json.h"
#include <cstdio>

#include "content/api.h"
#include "render/vn_time.h"

namespace portico::gov {

namespace json = boost::json;
using http::json_response;
using http::Response;
using render::Data;
using render::List;
using render::put;

namespace {

struct FilterSpec {
  const char* param;  // in the public list's query string
  const char* label;
  const char* id;
};

json::value day_or_null(std::int64_t d) { return d ? json::value(render::format_day_iso(d)) : json::value(nullptr); }

}  // namespace

std::string human_size(std::int64_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  } else {
    double v = bytes < 1024 * 1024 ? bytes / 1024.0 : bytes / (1024.0 * 1024.0);
    std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, bytes < 1024 * 1024 ? "KB" : "MB");
  }
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = ',';
  return s;
}

std::string file_kind(std::string_view name) {
  auto dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "pdf") return "PDF";
  if (ext == "docx") return "Word";
  if (ext == "xlsx") return "Excel";
  if (ext == "pptx") return "PowerPoint";
  if (ext == "odt" || ext == "ods") return "OpenDocument";
  return "Tệp";
}

Response DocumentPages::list(const content::PageContext& c) {
  const http::Request& r = c.request;
  DocumentFilter f;
  f.q = std::string(r.param("q").value_or(""));
  f.doc_type = std::string(r.param("loai").value_or(""));
  f.issuer = std::string(r.param("co-quan").value_or(""));
  f.field = std::string(r.param("linh-vuc").value_or(""));
  std::string year = std::string(r.param("nam").value_or(""));
  std::string state = std::string(r.param("hieu-luc").value_or(""));
  std::string message;
  if (!year.empty()) {
    auto y = content::parse_positive(year, 9999);
    if (!y || *y < 1900) message = "Năm ban hành phải là số có bốn chữ số, ví dụ 2023.";
    else f.year = static_cast<int>(*y);
  }
  if (!state.empty()) {
    f.state = parse_state_slug(state);
    if (!f.state) message = "Tình trạng hiệu lực không hợp lệ.";
  }
  if (auto p = r.param("trang")) {
    auto n = content::parse_positive(*p, 100000);
    if (!n) message = "Số trang không hợp lệ.";
    else f.page = *n;
  }
  DocumentList found;
  if (message.empty()) {
    auto l = docs_.list(c.site->site.id, f);
    if (l) found = std::move(*l);
    else message = "Từ khoá cần có ít nhất một chữ hoặc số.";
  }
  std::int64_t pages = std::max<std::int64_t>(1, (found.total + Documents::kPageSize - 1) / Documents::kPageSize);
  if (message.empty() && f.page > pages) return pages_.error(c, 404);

  Data d;
  put(d, "q", f.q);
  put(d, "message", message);
  // The filters: each a select of its values, with counts under the other filters.
  auto options = [](const std::vector<Facet>& facets, const std::string& chosen, auto label_of) {
    List l;
    bool found = chosen.empty();
    for (const auto& x : facets) {
      Data o;
      put(o, "value", x.value);
      put(o, "label", label_of(x.value) + " (" + render::group_digits(x.count) + ")");
      put(o, "selected", x.value == chosen);
      found |= x.value == chosen;
      l.push_back(std::move(o));
    }
    if (!found) {  // a value with no documents left is still shown as chosen
      Data o;
      put(o, "value", chosen);
      put(o, "label", label_of(chosen) + " (0)");
      put(o, "selected", true);
      l.push_back(std::move(o));
    }
    return l;
  };
  auto same = [](const std::string& v) { return v; };
  std::vector<Facet> states;
  for (DocumentState s : {DocumentState::effective, DocumentState::pending, DocumentState::expired, DocumentState::replaced})
    for (const auto& x : found.states)
      if (x.value == to_string(s)) states.push_back({state_slug(s), x.count});
  auto state_name = [](const std::string& slug) {
    auto s = parse_state_slug(slug);
    return std::string(s ? state_label(*s) : slug.c_str());
  };
  static constexpr FilterSpec kFilters[] = {{"loai", "Loại văn bản", "loc-loai"},
                                            {"co-quan", "Cơ quan ban hành", "loc-co-quan"},
                                            {"linh-vuc", "Lĩnh vực", "loc-linh-vuc"},
                                            {"nam", "Năm ban hành", "loc-nam"},
                                            {"hieu-luc", "Tình trạng hiệu lực", "loc-hieu-luc"}};
  const std::vector<Facet>* facets[] = {&found.types, &found.issuers, &found.fields, &found.years, &states};
  const std::string chosen[] = {f.doc_type, f.issuer, f.field, f.year ? std::to_string(f.year) : "",
                                f.state ? state_slug(*f.state) : ""};
  List filters;
  bool filtered = !f.q.empty();
  for (std::size_t i = 0; i < std::size(kFilters); ++i) {
    Data x;
    put(x, "param", kFilters[i].param);
    put(x, "label", kFilters[i].label);
    put(x, "id", kFilters[i].id);
    x.set("options", i == 4 ? options(*facets[i], chosen[i], state_name) : options(*facets[i], chosen[i], same));
    filters.push_back(std::move(x));
    filtered |= !chosen[i].empty();
  }
  d.set("filters", std::move(filters));
  put(d, "filtered", filtered);
  List items;
  for (const auto& doc : found.items) {
    Data x;
    put(x, "url", path(doc.slug));
    put(x, "number", doc.number);
    put(x, "type", doc.doc_type);
    put(x, "issuer", doc.issuer);
    put(x, "date", render::format_day(doc.issued_on));
    put(x, "date_iso", render::format_day_iso(doc.issued_on));
    put(x, "summary", doc.summary);
    DocumentState s = docs_.state(doc);
    put(x, "state", state_label(s));
    put(x, "state_class", state_slug(s));
    items.push_back(std::move(x));
  }
  d.set("items", std::move(items));
  put(d, "none", message.empty() && found.items.empty());
  put(d, "total", render::group_digits(found.total));
  // Page links keep the filters.
  std::string base = kPath;
  char sep = '?';
  auto keep = [&](const char* name, const std::string& v) {
    if (v.empty()) return;
    base += sep + std::string(name) + "=" + http::url_encode(v);
    sep = '&';
  };
  keep("q", f.q);
  for (std::size_t i = 0; i < std::size(kFilters); ++i) keep(kFilters[i].param, chosen[i]);
  d.set("pagination", content::pagination_data(content::PublicPages::paginate(base, f.page, pages)));
  std::string title = "Văn bản";
  if (f.page > 1) title += " – Trang " + std::to_string(f.page);
  auto res = pages_.custom(c, title, "Văn bản chỉ đạo, điều hành của " + c.site->site.name +
                                         ": tra cứu theo số, loại, cơ quan ban hành, lĩnh vực, năm và hiệu lực.",
                           "documents", std::move(d), message.empty() ? 200 : 400);
  return res;
}

Data DocumentPages::search_section(const content::PageContext& c, const std::string& words) {
  DocumentFilter f;
  f.q = words;
  auto l = docs_.list(c.site->site.id, f, 3);
  if (!l || l->total == 0) return Data(false);
  Data d;
  put(d, "id", "van-ban");
  put(d, "heading", "Văn bản");
  put(d, "count", render::group_digits(l->total));
  put(d, "all_url", std::string(kPath) + "?q=" + http::url_encode(words));
  List items;
  for (const auto& doc : l->items) {
    Data x;
    put(x, "title", doc.doc_type + " số " + doc.number + ": " + doc.summary);
    put(x, "url", path(doc.slug));
    put(x, "meta", render::format_day(doc.issued_on) + " · " + state_label(docs_.state(doc)));
    items.push_back(std::move(x));
  }
  d.set("items", std::move(items));
  return d;
}

Response DocumentPages::detail(const content::PageContext& c, std::string_view slug) {
  auto doc = docs_.by_slug(c.site->site.id, slug);
  if (!doc) return pages_.error(c, 404);
  Data d;
  std::vector<content::LinkView> crumbs{{"Trang chủ", "/", false}, {"Văn bản", kPath, false},
                                        {doc->doc_type + " " + doc->number, path(doc->slug), true}};
  d.set("breadcrumbs", content::links_data(crumbs));
  put(d, "heading", doc->doc_type + " số " + doc->number);
  put(d, "number", doc->number);
  put(d, "type", doc->doc_type);
  put(d, "issuer", doc->issuer);
  put(d, "signer", doc->signer);
  put(d, "field", doc->field);
  put(d, "summary", doc->summary);
  put(d, "issued", render::format_day(doc->issued_on));
  put(d, "issued_iso", render::format_day_iso(doc->issued_on));
  if (doc->effective_on) put(d, "effective", render::format_day(doc->effective_on));
  if (doc->expires_on) put(d, "expires", render::format_day(doc->expires_on));
  DocumentState s = docs_.state(*doc);
  put(d, "state", state_label(s));
  put(d, "state_class", state_slug(s));
  if (doc->replaced_by) {
    put(d, "replaced_by_number", doc->replaced_by_number);
    put(d, "replaced_by_url", path(doc->replaced_by_slug));
  }
  if (!doc->body_html.empty()) d.set("body_html", doc->body_html);
  List files;
  for (const auto& f : doc->files) {
    Data x;
    put(x, "url", path(doc->slug) + "/tep/" + std::to_string(f.id));
    put(x, "name", f.original_name);
    put(x, "kind", file_kind(f.file_name));
    put(x, "size", human_size(f.bytes));
    files.push_back(std::move(x));
  }
  d.set("files", std::move(files));
  put(d, "has_files", !doc->files.empty());
  return pages_.custom(c, doc->doc_type + " số " + doc->number, doc->summary, "document", std::move(d));
}

Result<DocumentFile> DocumentPages::file(const content::PageContext& c, std::string_view slug, std::string_view id) {
  auto fid = content::parse_positive(id, 1'000'000'000'000);
  auto doc = docs_.by_slug(c.site->site.id, slug);
  if (!fid || !doc) return Status::error(Code::not_found, "không có tệp này");
  for (const auto& f : doc->files)
    if (f.id == *fid) return f;
  return Status::error(Code::not_found, "không có tệp này");
}

namespace {

json::object document_json(const Document& d, DocumentState state, const std::string& base, bool full) {
  json::array files;
  for (const auto& f : d.files)
    files.push_back(json::object{{"name", f.original_name},
                                 {"url", base + DocumentPages::path(d.slug) + "/tep/" + std::to_string(f.id)},
                                 {"type", f.mime},
                                 {"bytes", f.bytes}});
  json::object o{{"id", d.id},
                 {"number", d.number},
                 {"type", d.doc_type},
                 {"issuer", d.issuer},
                 {"signer", d.signer},
                 {"field", d.field},
                 {"summary", d.summary},
                 {"issued_on", render::format_day_iso(d.issued_on)},
                 {"effective_on", day_or_null(d.effective_on)},
                 {"expires_on", day_or_null(d.expires_on)},
                 {"state", to_string(state)},
                 {"state_label", state_label(state)},
                 {"url", base + DocumentPages::path(d.slug)}};
  o["replaced_by"] = d.replaced_by ? json::value(json::object{{"id", d.replaced_by},
                                                              {"number", d.replaced_by_number},
                                                              {"url", base + DocumentPages::path(d.replaced_by_slug)}})
                                   : json::value(nullptr);
  if (full) {
    o["files"] = std::move(files);
    o["body_html"] = d.body_html;
  }
  return o;
}


}  // namespace

Response DocumentPages::api_list(const http::Request& r, const content::SiteContent& s) {
  DocumentFilter f;
  std::string prefix = s.origin + "/api/v1/documents?";
  for (const auto& [k, v] : r.query) {
    if (k == "q") f.q = v;
    else if (k == "type") f.doc_type = v;
    else if (k == "issuer") f.issuer = v;
    else if (k == "field") f.field = v;
    else if (k == "year") {
      auto y = content::parse_positive(v, 9999);
      if (!y || *y < 1900) return http::json_error(400, "invalid_year", "Tham số year phải là năm có bốn chữ số.");
      f.year = static_cast<int>(*y);
    } else if (k == "state") {
      for (DocumentState st : {DocumentState::effective, DocumentState::pending, DocumentState::expired, DocumentState::replaced})
        if (v == to_string(st)) f.state = st;
      if (!f.state)
        return http::json_error(400, "invalid_state", "Tham số state phải là effective, pending, expired hoặc replaced.");
    } else if (k == "page") {
      auto n = content::parse_positive(v, 100000);
      if (!n) return http::json_error(400, "invalid_page", "Tham số page phải là số nguyên dương không quá 100000.");
      f.page = *n;
      continue;
    } else {
      continue;
    }
    prefix += k + "=" + http::url_encode(v) + "&";
  }
  auto l = docs_.list(s.site.id, f);
  if (!l) return http::json_error(400, "invalid_query", "Tham số q cần có ít nhất một chữ hoặc số.");
  json::array data;
  for (const auto& d : l->items) data.push_back(document_json(d, docs_.state(d), s.origin, false));
  return http::page_response(std::move(data), f.page, Documents::kPageSize, l->total, prefix + "page=");
}

Response DocumentPages::api_get(const content::SiteContent& s, std::string_view id_text) {
  auto id = content::parse_positive(id_text, 1'000'000'000'000);
  if (!id) return http::json_error(400, "invalid_id", "Mã văn bản phải là số nguyên dương.");
  auto d = docs_.by_id(s.site.id, *id);
  if (!d) return http::json_error(404, "not_found", "Không có văn bản này.");
  return json_response(200, json::object{{"data", document_json(*d, docs_.state(*d), s.origin, true)}});
}

void DocumentPages::add_routes(content::Routes& routes) {
  using content::Counted;
  using content::Cost;
  using content::PageContext;
  using http::Method;
  using http::Params;
  // The filtered list is not cached (every combination differs).
  routes.counted(kPath, [this](const PageContext& c, const Params&) { return list(c); });
  routes.cached("/van-ban/{slug}", [this](const PageContext& c, const Params& p) { return detail(c, p["slug"]); });
  routes.page(Method::get, "/van-ban/{slug}/tep/{id}", [this](const PageContext& c, const Params& p) {
    auto f = file(c, p["slug"], p["id"]);
    http::Response res = f ? http::media_file(docs_.files().dir(), f->file_name) : http::Response{};
    if (!res.entity) return pages_.error(c, 404);
    std::erase_if(res.headers, [](const auto& h) { return h.first == "Content-Disposition"; });
    res.headers.emplace_back("Content-Disposition", http::attachment_disposition(f->original_name));
    return res;
  });
  routes.page(Method::get, "/api/v1/documents",
              [this](const PageContext& c, const Params&) { return api_list(c.request, *c.site); }, Cost::expensive);
  routes.cached("/api/v1/documents/{id}", [this](const PageContext& c, const Params& p) { return api_get(*c.site, p["id"]); },
                {.counted = Counted::api});
}

}  // namespace portico::gov
