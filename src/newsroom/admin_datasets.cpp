// Newsroom pages for "Thông tin tổng hợp": the datasets and their form. The table is typed,
// pasted from a spreadsheet (tabs) or imported from a CSV file (the file wins). The form
// posts under /quan-tri/tep/… so the upload limit applies to the file.
#include "gov/dataset_pages.h"
#include "gov/datasets.h"
#include "http/multipart.h"
#include "newsroom/admin_forms.h"
#include "newsroom/admin_pages.h"
#include "render/vn_time.h"

namespace portico::newsroom {

Response AdminPages::datasets(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  Data v = form_page(who, "", r.param("da-luu").has_value());
  List rows;
  for (const auto& d : need(datasets_->list(s.site.id))) {
    Data x;
    put(x, "id", std::to_string(d.id));
    put(x, "title", d.title);
    put(x, "url", gov::DatasetPages::path(d.slug));
    put(x, "featured", d.featured);
    put(x, "headline", d.headline);
    put(x, "updated", render::format_datetime(d.updated_at));
    rows.push_back(x);
  }
  put(v, "none", rows.empty());
  v.set("datasets", rows);
  return page(200, "Thông tin tổng hợp", "admin_datasets", std::move(v), s, &who, "datasets");
}

Response AdminPages::dataset_page(int status, const content::SiteContent& s, const SignedIn& who, Id id,
                                  const gov::DatasetInput& in, const std::string& slug, const std::string& error_text,
                                  bool saved) {
  Data v = form_page(who, error_text, saved);
  put(v, "action", id ? "/quan-tri/tep/so-lieu/" + std::to_string(id) : std::string("/quan-tri/tep/so-lieu"));
  put(v, "heading", id ? "Sửa bộ số liệu" : std::string("Thêm bộ số liệu"));
  put(v, "editing", id != 0);
  if (!slug.empty()) put(v, "public_url", gov::DatasetPages::path(slug));
  put(v, "title", in.title);
  put(v, "description", in.description);
  put(v, "source", in.source);
  put(v, "source_url", in.source_url);
  put(v, "unit", in.unit);
  put(v, "line", in.chart == "line");
  put(v, "table", in.table);
  put(v, "headline", in.headline);
  put(v, "featured", in.featured);
  put(v, "position", std::to_string(in.position));
  return page(status, id ? "Sửa bộ số liệu" : "Thêm bộ số liệu", "admin_dataset", std::move(v), s, &who, "datasets");
}

Response AdminPages::dataset_form(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                  std::string_view id_text) {
  if (id_text == "moi") return dataset_page(200, s, who, 0, {}, "", "", false);
  auto id = parse_id(id_text);
  auto d = id ? datasets_->by_id(s.site.id, *id) : Result<Dataset>(Status::error(Code::not_found, ""));
  if (!d) return error(404, s, &who);
  gov::DatasetInput in{d->title, d->description, d->source, d->source_url, d->unit, d->chart, d->table_csv, d->headline,
                       d->featured, d->position};
  return dataset_page(200, s, who, d->id, in, d->slug, "", r.param("da-luu").has_value());
}

Response AdminPages::dataset_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                  std::string_view id_text) {
  std::optional<Id> id;
  if (!id_text.empty() && !(id = parse_id(id_text))) return error(404, s, &who);
  auto boundary = http::multipart_boundary(r.header("content-type"));
  auto parts = boundary ? http::parse_multipart(r.body, *boundary) : std::nullopt;
  if (!parts) return error(400, s, &who, "Biểu mẫu không đúng định dạng (multipart/form-data).");
  std::string file;
  gov::DatasetInput in;
  bool remove = false;
  for (const auto& p : *parts) {
    if (p.name == "ten") in.title = p.data;
    else if (p.name == "mo-ta") in.description = p.data;
    else if (p.name == "nguon") in.source = p.data;
    else if (p.name == "dia-chi-nguon") in.source_url = p.data;
    else if (p.name == "don-vi") in.unit = p.data;
    else if (p.name == "bieu-do") in.chart = p.data;
    else if (p.name == "bang") in.table = p.data;
    else if (p.name == "tep") file = p.data;
    else if (p.name == "so-noi-bat") in.headline = p.data;
    else if (p.name == "noi-bat") in.featured = p.data == "1";
    else if (p.name == "thu-tu") in.position = static_cast<int>(content::parse_positive(p.data, 1000).value_or(0));
    else if (p.name == "xoa") remove = p.data == "1";
  }
  std::string slug;
  if (id) {
    auto d = datasets_->by_id(s.site.id, *id);
    if (!d) return error(404, s, &who);
    slug = d->slug;
    if (remove) {
      if (auto st = datasets_->remove(actor(who, r), s.site.id, *id); !st)
        return st.code() == Code::not_found ? error(404, s, &who) : error(503, s, &who, sentence(st.message()));
      return Response::redirect("/quan-tri/so-lieu?da-luu=1");
    }
  }
  if (!file.empty()) in.table = file;
  auto saved = datasets_->save(actor(who, r), s.site.id, id.value_or(0), in);
  if (!saved) return dataset_page(422, s, who, id.value_or(0), in, slug, sentence(saved.status().message()), false);
  return Response::redirect("/quan-tri/so-lieu/" + std::to_string(*saved) + "?da-luu=1");
}

}  // namespace portico::newsroom
