// Newsroom pages for the legal-document register: the list, the form (fields, attachments,
// delete) and the CSV import with its per-row report. Forms with files post under
// /quan-tri/tep/… so the upload limit applies.
#include "gov/document_pages.h"
#include "gov/documents.h"
#include "http/multipart.h"
#include "media/images.h"
#include "newsroom/admin_forms.h"
#include "newsroom/admin_pages.h"
#include "render/vn_time.h"
#include "text/csv.h"

namespace portico::newsroom {

namespace {

// An <input type="date"> value for a stored day.
std::string date_value(std::int64_t day) { return day ? render::format_day_iso(day) : std::string(); }

}  // namespace

Response AdminPages::documents(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return documents_page(200, s, who, r, "", r.param("da-luu").has_value(), {});
}

Response AdminPages::documents_page(int status, const content::SiteContent& s, const SignedIn& who,
                                    const http::Request& r, const std::string& error_text, bool saved,
                                    const gov::ImportReport& report) {
  Data v = form_page(who, error_text, saved);
  gov::DocumentFilter f;
  f.q = std::string(r.param("q").value_or(""));
  if (auto p = r.param("trang")) f.page = content::parse_positive(*p, 100000).value_or(1);
  put(v, "q", f.q);
  auto l = documents_->list(s.site.id, f, 50);
  List rows;
  if (l) {
    for (const auto& d : l->items) {
      Data x;
      put(x, "id", std::to_string(d.id));
      put(x, "number", d.number);
      put(x, "type", d.doc_type);
      put(x, "summary", d.summary);
      put(x, "date", render::format_day(d.issued_on));
      put(x, "state", gov::state_label(documents_->state(d)));
      put(x, "url", gov::DocumentPages::path(d.slug));
      rows.push_back(x);
    }
    put(v, "total", render::group_digits(l->total));
    std::int64_t pages = std::max<std::int64_t>(1, (l->total + 49) / 50);
    std::string base = "/quan-tri/van-ban" + (f.q.empty() ? std::string() : "?q=" + http::url_encode(f.q));
    v.set("pagination", content::pagination_data(content::PublicPages::paginate(base, f.page, pages)));
  }
  put(v, "none", rows.empty());
  v.set("documents", rows);
  put(v, "limit_mb", std::to_string(upload_limit_ / (1024 * 1024)));
  std::string columns;
  for (const auto& c : gov::Documents::csv_columns()) columns += (columns.empty() ? "" : ", ") + c;
  put(v, "columns", columns);
  if (report.imported) put(v, "imported", std::to_string(report.imported));
  if (!report.rejected.empty()) {
    List rejected;
    for (const auto& x : report.rejected) {
      Data row;
      put(row, "line", std::to_string(x.line));
      put(row, "reason", sentence(x.reason));
      rejected.push_back(row);
    }
    v.set("rejected", rejected);
    put(v, "rejected_count", std::to_string(report.rejected.size()));
  }
  return page(status, "Văn bản", "admin_documents", std::move(v), s, &who, "documents");
}

Response AdminPages::document_form(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                   std::string_view id_text) {
  if (id_text == "moi") return document_page(200, s, who, nullptr, {}, "", false);
  auto id = parse_id(id_text);
  if (!id) return error(404, s, &who);
  auto d = documents_->by_id(s.site.id, *id);
  if (!d) return error(404, s, &who);
  gov::DocumentInput in{d->number, d->doc_type, d->issuer, d->signer, d->field, d->summary, d->body_html,
                        date_value(d->issued_on), date_value(d->effective_on), date_value(d->expires_on), d->annulled,
                        d->replaced_by_number};
  return document_page(200, s, who, &*d, in, "", r.param("da-luu").has_value());
}

Response AdminPages::document_page(int status, const content::SiteContent& s, const SignedIn& who, const Document* d,
                                   const gov::DocumentInput& in, const std::string& error_text, bool saved) {
  Data v = form_page(who, error_text, saved);
  put(v, "action", d ? "/quan-tri/tep/van-ban/" + std::to_string(d->id) : std::string("/quan-tri/tep/van-ban"));
  put(v, "heading", d ? "Sửa văn bản số " + d->number : std::string("Thêm văn bản"));
  put(v, "editing", d != nullptr);
  if (d) put(v, "public_url", gov::DocumentPages::path(d->slug));
  put(v, "number", in.number);
  put(v, "type", in.doc_type);
  put(v, "issuer", in.issuer);
  put(v, "signer", in.signer);
  put(v, "field", in.field);
  put(v, "summary", in.summary);
  put(v, "body_html", in.body_html);
  put(v, "issued", in.issued_on);
  put(v, "effective", in.effective_on);
  put(v, "expires", in.expires_on);
  put(v, "annulled", in.annulled);
  put(v, "replaced_by", in.replaced_by);
  put(v, "limit_mb", std::to_string(upload_limit_ / (1024 * 1024)));
  List files;
  if (d)
    for (const auto& f : d->files) {
      Data x;
      put(x, "id", std::to_string(f.id));
      put(x, "name", f.original_name);
      put(x, "kind", gov::file_kind(f.file_name));
      put(x, "size", gov::human_size(f.bytes));
      files.push_back(x);
    }
  v.set("files", files);
  put(v, "has_files", !files.empty());
  return page(status, d ? "Sửa văn bản" : "Thêm văn bản", "admin_document", std::move(v), s, &who, "documents");
}

Response AdminPages::document_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                   std::string_view id_text) {
  std::optional<Id> id;
  std::optional<Document> existing;
  if (!id_text.empty()) {
    if (!(id = parse_id(id_text))) return error(404, s, &who);
  }
  auto boundary = http::multipart_boundary(r.header("content-type"));
  if (!boundary) return error(400, s, &who, "Biểu mẫu không đúng định dạng (multipart/form-data).");
  auto parts = http::parse_multipart(r.body, *boundary);
  if (!parts) return error(400, s, &who, "Dữ liệu gửi lên bị hỏng. Vui lòng thử lại.");
  gov::DocumentInput in;
  bool remove = false;
  std::vector<Id> drop;
  std::vector<const http::Part*> uploads;
  for (const auto& p : *parts) {
    if (p.name == "so") in.number = p.data;
    else if (p.name == "loai") in.doc_type = p.data;
    else if (p.name == "co-quan") in.issuer = p.data;
    else if (p.name == "nguoi-ky") in.signer = p.data;
    else if (p.name == "linh-vuc") in.field = p.data;
    else if (p.name == "trich-yeu") in.summary = p.data;
    else if (p.name == "toan-van") in.body_html = p.data;
    else if (p.name == "ngay-ban-hanh") in.issued_on = p.data;
    else if (p.name == "ngay-hieu-luc") in.effective_on = p.data;
    else if (p.name == "ngay-het-hieu-luc") in.expires_on = p.data;
    else if (p.name == "het-hieu-luc") in.annulled = p.data == "1";
    else if (p.name == "thay-the-boi") in.replaced_by = p.data;
    else if (p.name == "xoa") remove = p.data == "1";
    else if (p.name == "xoa-tep") {
      if (auto f = parse_id(p.data)) drop.push_back(*f);
    } else if (p.name == "tep" && !p.data.empty()) uploads.push_back(&p);
  }
  for (const auto* v : {&in.number, &in.doc_type, &in.issuer, &in.signer, &in.field, &in.summary, &in.body_html,
                        &in.issued_on, &in.effective_on, &in.expires_on, &in.replaced_by})
    if (!text::is_valid_utf8(*v)) return error(400, s, &who, "Dữ liệu biểu mẫu không phải UTF-8 hợp lệ.");
  if (id) {
    auto d = documents_->by_id(s.site.id, *id);
    if (!d) return error(404, s, &who);
    existing = std::move(*d);
  }
  if (id && remove) {
    if (auto st = documents_->remove(actor(who, r), s.site.id, *id); !st) return error(404, s, &who);
    return Response::redirect("/quan-tri/van-ban?da-luu=1");
  }
  // Files are checked before anything is written, so a bad file leaves the document as it was.
  for (const auto* u : uploads)
    if (!media::sniff_document(u->data))
      return document_page(415, s, who, existing ? &*existing : nullptr, in,
                           "Tệp \"" + gov::Documents::download_name(u->filename, "") +
                               "\" không phải PDF, Word, Excel, PowerPoint hoặc OpenDocument.",
                           false);
  std::vector<gov::Documents::Upload> files;
  for (const auto* u : uploads) files.push_back({u->data, u->filename});
  auto saved = documents_->save(actor(who, r), s.site.id, id.value_or(0), in, files, drop);
  if (!saved) {
    if (saved.status().code() == Code::not_found) return error(404, s, &who);
    if (saved.status().code() == Code::io) return error(503, s, &who, sentence(saved.status().message()));
    return document_page(saved.status().code() == Code::conflict ? 409 : 422, s, who, existing ? &*existing : nullptr,
                         in, sentence(saved.status().message()), false);
  }
  return Response::redirect("/quan-tri/van-ban/" + std::to_string(*saved) + "?da-luu=1");
}

Response AdminPages::document_import(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  auto boundary = http::multipart_boundary(r.header("content-type"));
  if (!boundary) return error(400, s, &who, "Biểu mẫu không đúng định dạng (multipart/form-data).");
  auto parts = http::parse_multipart(r.body, *boundary);
  if (!parts) return error(400, s, &who, "Dữ liệu gửi lên bị hỏng. Vui lòng thử lại.");
  std::string_view csv;
  for (const auto& p : *parts)
    if (p.name == "tep") csv = p.data;
  if (csv.empty()) return documents_page(422, s, who, r, "Hãy chọn một tệp CSV.", false, {});
  gov::ImportReport report = documents_->import_csv(actor(who, r), s.site.id, csv);
  if (!report.error.empty()) return documents_page(422, s, who, r, sentence(report.error), false, {});
  if (!report.rejected.empty())
    return documents_page(422, s, who, r,
                          "Không nhập văn bản nào: " + std::to_string(report.rejected.size()) +
                              " dòng có lỗi. Sửa các dòng dưới đây rồi nhập lại cả tệp.",
                          false, report);
  return documents_page(200, s, who, r, "", true, report);
}

Response AdminPages::document_template(const http::Request&, const content::SiteContent& s, const SignedIn& who) {
  std::string csv = "\xEF\xBB\xBF" + text::csv_line(gov::Documents::csv_columns()) +
                    text::csv_line({"03-ĐA/TU", "Đề án", "Tỉnh ủy Tuyên Quang", "", "15/03/2021", "15/03/2021", "",
                                    "Xây dựng Đảng", "Nâng cao chất lượng phát triển đảng viên giai đoạn 2021–2025", "",
                                    ""});
  Response res = Response::with(200, http::make_entity("text/csv; charset=utf-8", std::move(csv),
                                                       http::Compression::none, 0, "no-store"));
  res.headers.emplace_back("Content-Disposition", http::attachment_disposition("mẫu-nhập-văn-bản.csv"));
  return res;
}

}  // namespace portico::newsroom
