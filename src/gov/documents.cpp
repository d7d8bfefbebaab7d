// Legal documents: validation, attachments and the CSV import.
#include "gov/documents.h"

#include <algorithm>
#include <map>
#include <set>

#include "content/search.h"
#include "gov/public_forms.h"
#include "http/assets.h"
#include "media/images.h"
#include "render/vn_time.h"
#include "text/csv.h"
#include "text/html.h"
#include "text/unicode.h"

namespace portico::gov {

namespace {

constexpr std::size_t kMaxField = 2000;      // bytes of a short field
constexpr std::size_t kMaxSummary = 4000;    // trích yếu
constexpr std::size_t kMaxBody = 1 << 20;    // full text

struct StateText {
  DocumentState state;
  const char* label;
  const char* slug;
};
constexpr StateText kStates[] = {
    {DocumentState::effective, "Còn hiệu lực", "con-hieu-luc"},
    {DocumentState::pending, "Chưa có hiệu lực", "chua-hieu-luc"},
    {DocumentState::expired, "Hết hiệu lực", "het-hieu-luc"},
    {DocumentState::replaced, "Bị thay thế", "bi-thay-the"},
};

// A date field: empty is 0 (none); otherwise a real day or an error naming the field.
Status read_day(const std::string& text, const char* name, bool required, std::int64_t& out) {
  std::string t = plain_text(text);
  out = 0;
  if (t.empty()) return required ? Status::error(Code::invalid, std::string(name) + " cần có") : Status::ok();
  out = render::parse_day(t);
  if (out < 0) return Status::error(Code::invalid, std::string(name) + " \"" + t + "\" không phải ngày hợp lệ (dd/mm/yyyy)");
  return Status::ok();
}

}  // namespace

const char* state_label(DocumentState s) {
  for (const auto& x : kStates)
    if (x.state == s) return x.label;
  return "";
}

const char* state_slug(DocumentState s) {
  for (const auto& x : kStates)
    if (x.state == s) return x.slug;
  return "";
}

std::optional<DocumentState> parse_state_slug(std::string_view s) {
  for (const auto& x : kStates)
    if (s == x.slug) return x.state;
  return std::nullopt;
}

const std::vector<std::string>& Documents::csv_columns() {
  static const std::vector<std::string> columns = {
      "Số/ký hiệu",    "Loại văn bản", "Cơ quan ban hành", "Người ký",      "Ngày ban hành", "Ngày hiệu lực",
      "Ngày hết hiệu lực", "Lĩnh vực", "Trích yếu",        "Thay thế bởi số", "Hết hiệu lực"};
  return columns;
}

std::int64_t Documents::today() const { return render::vn_day(clock_.now()); }

DocumentState Documents::state(const Document& d) const {
  std::int64_t t = today();
  if (d.replaced_by) return DocumentState::replaced;
  if (d.annulled || (d.expires_on > 0 && d.expires_on <= t)) return DocumentState::expired;
  if (d.effective_on > t) return DocumentState::pending;
  return DocumentState::effective;
}

Result<DocumentList> Documents::list(Id site_id, const DocumentFilter& f, int per_page) {
  DocumentQuery q;
  q.site_id = site_id;
  if (!plain_text(f.q).empty()) {
    content::ParsedSearch parsed = content::parse_search(f.q);
    if (parsed.text.empty()) return Status::error(Code::invalid, "từ khoá cần có ít nhất một chữ hoặc số");
    q.text = std::move(parsed.text);
  }
  q.doc_type = f.doc_type;
  q.issuer = f.issuer;
  q.field = f.field;
  q.year = f.year;
  q.state = f.state;
  q.today = today();
  q.limit = per_page;
  q.offset = static_cast<int>(std::min<std::int64_t>((f.page - 1) * per_page, 1'000'000'000));
  // Callers take an error for bad words: this one is a 503. The store gives the facets the
  // most common first, ties in Vietnamese alphabetical order.
  return need(store_.documents(q));
}

Result<Document> Documents::to_document(Id site_id, const DocumentInput& in, bool resolve_replacement) {
  if (auto st = check_utf8({in.number, in.doc_type, in.issuer, in.signer, in.field, in.summary, in.issued_on,
                            in.effective_on, in.expires_on, in.replaced_by});
      !st)
    return st;
  Document d;
  d.site_id = site_id;
  d.number = plain_text(in.number);
  d.doc_type = plain_text(in.doc_type);
  d.issuer = plain_text(in.issuer);
  d.signer = plain_text(in.signer);
  d.field = plain_text(in.field);
  d.summary = plain_text(in.summary);
  if (d.number.empty()) return Status::error(Code::invalid, "số/ký hiệu cần có");
  if (d.doc_type.empty()) return Status::error(Code::invalid, "loại văn bản cần có");
  if (d.issuer.empty()) return Status::error(Code::invalid, "cơ quan ban hành cần có");
  if (d.summary.empty()) return Status::error(Code::invalid, "trích yếu cần có");
  for (const auto* s : {&d.number, &d.doc_type, &d.issuer, &d.signer, &d.field})
    if (s->size() > kMaxField) return Status::error(Code::invalid, "một trường quá dài (tối đa 2000 byte)");
  if (d.summary.size() > kMaxSummary) return Status::error(Code::invalid, "trích yếu quá dài (tối đa 4000 byte)");
  if (in.body_html.size() > kMaxBody) return Status::error(Code::invalid, "toàn văn quá dài (tối đa 1 MiB)");
  if (!text::is_valid_utf8(in.body_html)) return Status::error(Code::invalid, "toàn văn không phải UTF-8 hợp lệ");
  auto body = text::sanitize_html(in.body_html);
  if (!body) return Status::error(Code::invalid, "toàn văn: " + body.status().message());
  d.body_html = std::move(*body);
  if (auto st = read_day(in.issued_on, "ngày ban hành", true, d.issued_on); !st) return st;
  if (auto st = read_day(in.effective_on, "ngày hiệu lực", false, d.effective_on); !st) return st;
  if (auto st = read_day(in.expires_on, "ngày hết hiệu lực", false, d.expires_on); !st) return st;
  if (d.effective_on && d.effective_on < d.issued_on)
    return Status::error(Code::invalid, "ngày hiệu lực không thể trước ngày ban hành");
  if (d.expires_on && d.expires_on <= std::max(d.issued_on, d.effective_on))
    return Status::error(Code::invalid, "ngày hết hiệu lực phải sau ngày ban hành và ngày hiệu lực");
  d.annulled = in.annulled;
  std::string replaced = plain_text(in.replaced_by);
  if (!replaced.empty() && resolve_replacement) {
    auto found = store_.documents_numbered(site_id, replaced);
    if (!found) return found.status();
    if (found->empty()) return Status::error(Code::invalid, "không có văn bản số " + replaced + " để thay thế");
    if (found->size() > 1)
      return Status::error(Code::invalid, "có nhiều văn bản số " + replaced + "; hãy sửa văn bản thay thế để chọn");
    d.replaced_by = found->front().id;
  }
  return d;
}

Result<Id> Documents::save(const Actor& who, Id site_id, Id id, const DocumentInput& in, const std::vector<Upload>& uploads,
                           const std::vector<Id>& drop) {
  auto d = to_document(site_id, in, true);
  if (!d) return d.status();
  d->id = id;
  if (id && d->replaced_by == id) return Status::error(Code::invalid, "văn bản không thể thay thế chính nó");
  std::vector<DocumentFile> gone;
  if (id && !drop.empty()) {
    auto old = store_.document(site_id, id);
    if (!old) return old.status();
    for (Id f : drop) {
      auto it = std::find_if(old->files.begin(), old->files.end(), [&](const DocumentFile& x) { return x.id == f; });
      if (it == old->files.end()) return Status::error(Code::not_found, "không có tệp này");
      gone.push_back(*it);
    }
  }
  // The files first: a row never names a file that is not on disk. They are removed again
  // unless the row is saved.
  media::Upload written(files_);
  for (const auto& u : uploads) {
    auto f = write_file(written, u.bytes, u.name);
    if (!f) return f.status();
    d->files.push_back(std::move(*f));
  }
  std::string number = d->number;
  auto saved = store_.save_document(std::move(*d), clock_.now(), drop);
  if (saved) {
    written.keep();
    unlink(gone);  // after the rows: a crash in between leaves a stray file, never a dead link
  }
  return announce(site_id, std::move(saved), who, id ? "document_update" : "document_add", {}, number);
}

std::string Documents::download_name(std::string_view original, std::string_view extension) {
  std::string name(original);
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  if (!text::is_valid_utf8(name)) name = text::repair_utf8(name);
  std::string clean;
  for (char c : text::to_nfc(name))
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && c != '"') clean += c;
  clean = plain_text(clean);
  std::string ext = "." + std::string(extension);
  std::string lower = clean;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  bool has_ext = lower.size() > ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0;
  std::string stem = has_ext ? clean.substr(0, clean.size() - ext.size()) : clean;
  // Keep names to 150 bytes without cutting a character in two.
  if (stem.size() > 150) {
    std::size_t cut = 150;
    while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) --cut;
    stem = stem.substr(0, cut);
  }
  if (plain_text(stem).empty()) stem = "van-ban";
  return stem + ext;
}

Result<DocumentFile> Documents::write_file(media::Upload& files, std::string_view bytes, std::string_view original_name) {
  if (bytes.empty()) return Status::error(Code::invalid, "tệp đính kèm trống");
  auto type = media::sniff_document(bytes);
  if (!type) return Status::error(Code::unsupported, "tệp đính kèm phải là PDF, Word, Excel, PowerPoint hoặc OpenDocument");
  auto file = files.write("van-ban", type->extension, bytes);
  if (!file) return file.status();
  return DocumentFile{0, 0, *file, download_name(original_name, type->extension), http::content_type_for(*file),
                      static_cast<std::int64_t>(bytes.size()), 0};
}

void Documents::unlink(const std::vector<DocumentFile>& files) {
  for (const auto& f : files) files_.remove(f.file_name);
}

Status Documents::remove(const Actor& who, Id site_id, Id id) {
  auto d = store_.document(site_id, id);
  if (!d) return d.status();
  if (auto st = store_.delete_document(site_id, id); !st) return st;
  unlink(d->files);  // after the rows: a crash in between leaves a stray file, never a dead link
  return announce(site_id, Status::ok(), who, "document_delete", d->number);
}

ImportReport Documents::import_csv(const Actor& who, Id site_id, std::string_view csv) {
  ImportReport report;
  auto rows = text::parse_csv(csv, kMaxImportRows + 1);
  if (!rows) {
    report.error = rows.status().message();
    return report;
  }
  if (rows->size() < 2) {
    report.error = "tệp cần một dòng tiêu đề và ít nhất một dòng văn bản";
    return report;
  }
  // Columns by folded header; the required ones must be there.
  const auto& names = csv_columns();
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < rows->front().fields.size(); ++i) {
    std::string h = text::fold(rows->front().fields[i]);
    for (const auto& n : names)
      if (h == text::fold(n)) at[n] = i;
  }
  std::string missing;
  for (const char* required : {"Số/ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành", "Trích yếu"})
    if (!at.count(required)) missing += (missing.empty() ? "" : ", ") + std::string(required);
  if (!missing.empty()) {
    report.error = "thiếu cột: " + missing + " (dòng đầu phải là tên các cột)";
    return report;
  }
  auto cell = [&](const text::CsvRow& r, const std::string& name) -> std::string {
    auto it = at.find(name);
    return it != at.end() && it->second < r.fields.size() ? r.fields[it->second] : std::string();
  };
  std::vector<Document> docs;
  std::set<std::pair<std::string, std::string>> seen;  // (number, issuer) in this file
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const auto& r = (*rows)[i];
    auto reject = [&](std::string reason) { report.rejected.push_back({r.line, std::move(reason)}); };
    DocumentInput in{cell(r, "Số/ký hiệu"), cell(r, "Loại văn bản"), cell(r, "Cơ quan ban hành"), cell(r, "Người ký"),
                     cell(r, "Lĩnh vực"), cell(r, "Trích yếu"), "", cell(r, "Ngày ban hành"), cell(r, "Ngày hiệu lực"),
                     cell(r, "Ngày hết hiệu lực"), false, cell(r, "Thay thế bởi số")};
    std::string annulled = text::fold(cell(r, "Hết hiệu lực"));
    in.annulled = annulled == "x" || annulled == "co" || annulled == "1";
    // The replacing document must already be in the register (import it first).
    auto d = to_document(site_id, in, true);
    if (!d && d.status().code() == Code::io) {  // the register could not be read: not the row's fault
      report.error = d.status().message();
      return report;
    }
    if (!d) {
      reject(d.status().message());
      continue;
    }
    if (!seen.insert({d->number, d->issuer}).second) {
      reject("trùng số " + d->number + " của " + d->issuer + " với một dòng trước");
      continue;
    }
    auto existing = store_.documents_numbered(site_id, d->number);
    if (!existing) {
      report.error = existing.status().message();
      return report;
    }
    if (std::any_of(existing->begin(), existing->end(), [&](const Document& x) { return x.issuer == d->issuer; })) {
      reject("đã có văn bản số " + d->number + " của " + d->issuer);
      continue;
    }
    docs.push_back(std::move(*d));
  }
  if (!report.rejected.empty()) return report;
  if (auto st = store_.create_documents(std::move(docs), clock_.now()); !st) {
    report.error = st.message();
    return report;
  }
  report.imported = static_cast<int>(rows->size() - 1);
  (void)announce(site_id, Status::ok(), who, "document_import", std::to_string(report.imported));  // gives back the ok it was given
  return report;
}

}  // namespace portico::gov
