// "Thông tin tổng hợp": pages, downloads and the JSON API.
#include "gov/dataset_pages.h"
#include "content/routes.h"

#include <boost/json.hpp>

#include "http/json.h"

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

json::object summary_json(const Dataset& d, const std::string& base) {
  return json::object{{"id", d.id},
                      {"title", d.title},
                      {"description", d.description},
                      {"source", d.source},
                      {"source_url", d.source_url.rfind("/", 0) == 0 ? base + d.source_url : d.source_url},
                      {"unit", d.unit},
                      {"chart", d.chart},
                      {"updated_at", render::format_iso(d.updated_at)},
                      {"url", base + DatasetPages::path(d.slug)},
                      {"csv", base + DatasetPages::path(d.slug) + "/du-lieu.csv"},
                      {"json", base + DatasetPages::path(d.slug) + "/du-lieu.json"}};
}

json::object table_json(const Table& t) {
  json::array columns{json::value(t.label_heading)};
  for (const auto& s : t.series) columns.push_back(json::value(s));
  json::array rows;
  for (std::size_t r = 0; r < t.labels.size(); ++r) {
    json::array row{json::value(t.labels[r])};
    for (const auto& v : t.values[r]) row.push_back(v ? json::value(*v) : json::value(nullptr));
    rows.push_back(std::move(row));
  }
  return json::object{{"columns", std::move(columns)}, {"rows", std::move(rows)}};
}


}  // namespace

Response DatasetPages::list(const content::PageContext& c) {
  Data d;
  List items;
  for (const auto& x : need(datasets_.list(c.site->site.id))) {
    Data i;
    put(i, "title", x.title);
    put(i, "url", path(x.slug));
    put(i, "description", x.description);
    put(i, "headline", x.headline);
    put(i, "source", x.source);
    items.push_back(i);
  }
  put(d, "none", items.empty());
  d.set("items", items);
  return pages_.custom(c, "Thông tin tổng hợp", "Số liệu tổng hợp của " + c.site->site.name + ": bảng, biểu đồ, tải về CSV và JSON.",
                       "datasets", std::move(d));
}

Response DatasetPages::one(const content::PageContext& c, std::string_view slug) {
  auto x = datasets_.by_slug(c.site->site.id, slug);
  if (!x) return pages_.error(c, 404);
  auto t = parse_table(x->table_csv);
  if (!t) return pages_.error(c, 404);
  Data d;
  std::vector<content::LinkView> crumbs{{"Trang chủ", "/", false}, {"Thông tin tổng hợp", kPath, false},
                                        {x->title, path(x->slug), true}};
  d.set("breadcrumbs", content::links_data(crumbs));
  put(d, "title", x->title);
  d.set("description", content::paragraphs(x->description));
  put(d, "unit", x->unit);
  put(d, "source", x->source);
  put(d, "source_url", x->source_url);
  put(d, "headline", x->headline);
  put(d, "updated", render::format_date(x->updated_at));
  std::string summary;
  d.set("chart", chart_svg(*t, x->chart, x->title, x->unit, summary));
  put(d, "summary", summary);
  put(d, "label_heading", t->label_heading);
  List heads;
  for (const auto& s : t->series) {
    Data h;
    put(h, "name", s);
    heads.push_back(h);
  }
  d.set("series", heads);
  List rows;
  for (std::size_t r = 0; r < t->labels.size(); ++r) {
    Data row;
    put(row, "label", t->labels[r]);
    List cells;
    for (const auto& v : t->values[r]) {
      Data cell;
      put(cell, "value", v ? format_number(*v) : std::string("–"));
      cells.push_back(cell);
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  d.set("rows", rows);
  put(d, "csv_url", path(x->slug) + "/du-lieu.csv");
  put(d, "json_url", path(x->slug) + "/du-lieu.json");
  return pages_.custom(c, x->title, x->headline.empty() ? x->title : x->headline, "dataset", std::move(d));
}

Response DatasetPages::download(const content::PageContext& c, std::string_view slug, std::string_view file) {
  auto x = datasets_.by_slug(c.site->site.id, slug);
  if (!x || (file != "du-lieu.csv" && file != "du-lieu.json")) return pages_.error(c, 404);
  Response res;
  if (file == "du-lieu.csv") {
    res = Response::with(200, http::make_entity("text/csv; charset=utf-8", "\xEF\xBB\xBF" + x->table_csv));
  } else {
    auto t = parse_table(x->table_csv);
    if (!t) return pages_.error(c, 404);
    json::object o = summary_json(*x, c.site->origin);
    o["table"] = table_json(*t);
    res = json_response(200, o);
  }
  res.headers.emplace_back("Content-Disposition",
                           http::attachment_disposition(x->slug + (file == "du-lieu.csv" ? ".csv" : ".json")));
  return res;
}

Response DatasetPages::api_list(const content::SiteContent& s) {
  json::array data;
  for (const auto& x : need(datasets_.list(s.site.id))) data.push_back(summary_json(x, s.origin));
  return json_response(200, json::object{{"data", std::move(data)}});
}

Response DatasetPages::api_get(const content::SiteContent& s, std::string_view id_text) {
  auto id = content::parse_positive(id_text, 1'000'000'000'000);
  if (!id) return http::json_error(400, "invalid_id", "Mã bộ số liệu phải là số nguyên dương.");
  auto x = datasets_.by_id(s.site.id, *id);
  if (!x) return http::json_error(404, "not_found", "Không có bộ số liệu này.");
  auto t = parse_table(x->table_csv);
  if (!t) return http::json_error(404, "not_found", "Không có bộ số liệu này.");
  json::object o = summary_json(*x, s.origin);
  o["table"] = table_json(*t);
  return json_response(200, json::object{{"data", std::move(o)}});
}

widgets::WidgetKind DatasetPages::sidebar_widget() {
  return {"thong-tin-tong-hop", "Thông tin tổng hợp", "is_figures",
          [this](const content::PageContext& c, Id, render::Data&, render::List& items) {
            for (const auto& ds : need(datasets_.list(c.site->site.id))) {
              if (!ds.featured || ds.headline.empty()) continue;
              render::Data x;
              render::put(x, "headline", ds.headline);
              render::put(x, "title", ds.title);
              render::put(x, "url", path(ds.slug));
              items.push_back(std::move(x));
              if (items.size() == 5) break;
            }
          }};
}

void DatasetPages::add_routes(content::Routes& routes) {
  using content::Counted;
  using content::PageContext;
  using http::Params;
  routes.cached(kPath, [this](const PageContext& c, const Params&) { return list(c); });
  routes.cached("/thong-tin-tong-hop/{slug}", [this](const PageContext& c, const Params& p) { return one(c, p["slug"]); });
  routes.cached("/thong-tin-tong-hop/{slug}/{file}",
                [this](const PageContext& c, const Params& p) { return download(c, p["slug"], p["file"]); },
                {.counted = Counted::api});
  routes.cached("/api/v1/datasets", [this](const PageContext& c, const Params&) { return api_list(*c.site); },
                {.counted = Counted::api});
  routes.cached("/api/v1/datasets/{id}", [this](const PageContext& c, const Params& p) { return api_get(*c.site, p["id"]); },
                {.counted = Counted::api});
}

}  // namespace portico::gov
