// The SQLite Store: the government sections (documents, Q&A, datasets, drafts, schedule, organisation).
#include "store/sql/sql_store.h"

namespace portico::sql {

// ---- Legal documents ----

Document SqlStore::read_document(Stmt& s) {
  Document d;
  d.id = s.i64(0), d.site_id = s.i64(1), d.slug = s.text(2), d.number = s.text(3), d.doc_type = s.text(4);
  d.issuer = s.text(5), d.signer = s.text(6), d.field = s.text(7), d.summary = s.text(8), d.body_html = s.text(9);
  d.issued_on = s.i64(10), d.effective_on = s.i64(11), d.expires_on = s.i64(12), d.annulled = s.i64(13) != 0;
  d.replaced_by = s.i64(14), d.replaced_by_number = s.text(15), d.replaced_by_slug = s.text(16);
  d.created_at = s.i64(17), d.updated_at = s.i64(18);
  return d;
}

Result<Document> SqlStore::read_one_document(Connection& c, const std::string& where, Id site_id,
                                                std::string_view key, Id id) {
  auto s = c.prepare(std::string(kDocumentCols) + where);
  s.bind(1, site_id);
  if (id) s.bind(2, id); else s.bind(2, key);
  if (!s.step()) return Status::error(Code::not_found, "không có văn bản này");
  Document d = read_document(s);
  auto f = c.prepare("SELECT id, document_id, file_name, original_name, mime, bytes, position FROM document_files "
                     "WHERE document_id = ?1 ORDER BY position, id");
  f.bind(1, d.id);
  while (f.step()) d.files.push_back({f.i64(0), f.i64(1), f.text(2), f.text(3), f.text(4), f.i64(5), f.i32(6)});
  return d;
}

Result<Document> SqlStore::document(Id site_id, Id id) {
  auto r = reader();
  return read_one_document(*r, "WHERE d.site_id = ?1 AND d.id = ?2", site_id, {}, id);
}

Result<Document> SqlStore::document_by_slug(Id site_id, std::string_view slug) {
  auto r = reader();
  return read_one_document(*r, "WHERE d.site_id = ?1 AND d.slug = ?2", site_id, slug, 0);
}

Result<DocumentList> SqlStore::documents(const DocumentQuery& q) {
  // Parameters: ?1 today, ?2 site, ?3 match, ?4 type, ?5 issuer, ?6 field, ?7 year, ?8 state.
  enum Dim { type, issuer, field, year, state, none };
  const Engine engine = writer_->engine();
  auto where = [&](Dim skip) {
    std::string w = " WHERE d.site_id = ?2";
    if (!q.text.empty()) w += " AND " + match_ids(engine, SearchTable::documents, "d.id", 3);
    if (skip != type && !q.doc_type.empty()) w += " AND d.doc_type = ?4";
    if (skip != issuer && !q.issuer.empty()) w += " AND d.issuer = ?5";
    if (skip != field && !q.field.empty()) w += " AND d.field = ?6";
    if (skip != year && q.year) w += " AND " + year_of_day(engine, "d.issued_on") + " = ?7";
    if (skip != state && q.state) w += std::string(" AND ") + kDocumentState + " = ?8";
    return w;
  };
  auto bind = [&](Stmt& s) {
    s.bind(1, q.today).bind(2, q.site_id);
    if (!q.text.empty()) s.bind(3, match_text(engine, q.text));
    if (!q.doc_type.empty()) s.bind(4, q.doc_type);
    if (!q.issuer.empty()) s.bind(5, q.issuer);
    if (!q.field.empty()) s.bind(6, q.field);
    if (q.year) s.bind(7, q.year);
    if (q.state) s.bind(8, to_string(*q.state));
  };
  DocumentList out;
  auto r = reader();
  {
    auto s = r->prepare(std::string(kDocumentCols) + where(none) +
                        " ORDER BY d.issued_on DESC, d.id DESC LIMIT ?9 OFFSET ?10");
    bind(s);
    s.bind(9, std::max(0, q.limit)).bind(10, std::max(0, q.offset));
    while (s.step()) out.items.push_back(read_document(s));
    if (!s.done()) return Status::error(Code::io, r->error());
  }
  {
    auto s = r->prepare("SELECT COUNT(*) FROM documents d" + where(none));
    bind(s);
    if (!s.step()) return Status::error(Code::io, r->error());
    out.total = s.i64(0);
  }
  // Names (types, issuers, fields) by count, then in Vietnamese alphabetical order, which
  // neither engine's ORDER BY gives (and PostgreSQL's would depend on the database's locale).
  auto facet = [&](Dim dim, const std::string& expr, const char* order, std::vector<Facet>& into) {
    auto s = r->prepare("SELECT " + expr + ", COUNT(*) FROM documents d" + where(dim) + " GROUP BY 1" +
                        (order ? std::string(" ORDER BY ") + order : ""));
    bind(s);
    while (s.step())
      if (std::string v = s.text(0); !v.empty()) into.push_back({v, s.i64(1)});
    if (!order)
      std::sort(into.begin(), into.end(), [](const Facet& a, const Facet& b) {
        return a.count != b.count ? a.count > b.count : text::vi_less(a.value, b.value);
      });
    return s.done();
  };
  bool read = facet(type, "d.doc_type", nullptr, out.types) && facet(issuer, "d.issuer", nullptr, out.issuers) &&
              facet(field, "d.field", nullptr, out.fields) &&
              facet(year, year_of_day(engine, "d.issued_on"), "1 DESC", out.years) &&
              facet(state, kDocumentState, "1", out.states);
  if (!read) return Status::error(Code::io, r->error());
  return out;
}

Result<std::vector<Document>> SqlStore::documents_numbered(Id site_id, std::string_view number) {
  std::string n = text::to_nfc(number);
  auto r = reader();
  auto s = r->prepare(std::string(kDocumentCols) + "WHERE d.site_id = ?1 AND d.number = ?2 ORDER BY d.id");
  s.bind(1, site_id).bind(2, n);
  std::vector<Document> out;
  while (s.step()) out.push_back(read_document(s));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Status SqlStore::check_document(Document& d) {
  if (!clean_all(d.number, d.doc_type, d.issuer, d.signer, d.field, d.summary, d.body_html)) return invalid_text();
  if (d.number.empty() || d.doc_type.empty() || d.issuer.empty() || d.summary.empty() || d.issued_on <= 0)
    return Status::error(Code::invalid, "văn bản cần số/ký hiệu, loại, cơ quan ban hành, trích yếu và ngày ban hành");
  if (d.replaced_by) {
    if (d.replaced_by == d.id) return Status::error(Code::invalid, "văn bản không thể thay thế chính nó");
    auto s = writer_->prepare("SELECT 1 FROM documents WHERE site_id = ?1 AND id = ?2");
    s.bind(1, d.site_id).bind(2, d.replaced_by);
    if (!s.step()) return Status::error(Code::invalid, "văn bản thay thế không tồn tại");
  }
  return Status::ok();
}

Result<Id> SqlStore::write_document(Document& d, std::int64_t now) {
  if (auto st = check_document(d); !st) return st;
  Id id = d.id;
  if (id == 0) {
    d.slug = unique_slug("documents", d.site_id, d.doc_type + " " + d.number);
    auto s = writer_->prepare(
        "INSERT INTO documents (site_id, slug, number, doc_type, issuer, signer, field, summary, body_html, issued_on, "
        "effective_on, expires_on, annulled, replaced_by, created_at, updated_at) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?15)");
    s.bind(1, d.site_id).bind(2, d.slug).bind(3, d.number).bind(4, d.doc_type).bind(5, d.issuer).bind(6, d.signer);
    s.bind(7, d.field).bind(8, d.summary).bind(9, d.body_html).bind(10, d.issued_on).bind(11, d.effective_on);
    s.bind(12, d.expires_on).bind(13, d.annulled).bind_null_if_zero(14, d.replaced_by).bind(15, now);
    auto r = finish_insert(s);
    if (!r) return r.status().code() == Code::conflict ? duplicate_document(d) : r.status();
    id = *r;
  } else {
    auto s = writer_->prepare(
        "UPDATE documents SET number = ?3, doc_type = ?4, issuer = ?5, signer = ?6, field = ?7, summary = ?8, "
        "body_html = ?9, issued_on = ?10, effective_on = ?11, expires_on = ?12, annulled = ?13, replaced_by = ?14, "
        "updated_at = ?15 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, d.site_id).bind(2, d.id).bind(3, d.number).bind(4, d.doc_type).bind(5, d.issuer).bind(6, d.signer);
    s.bind(7, d.field).bind(8, d.summary).bind(9, d.body_html).bind(10, d.issued_on).bind(11, d.effective_on);
    s.bind(12, d.expires_on).bind(13, d.annulled).bind_null_if_zero(14, d.replaced_by).bind(15, now);
    s.step();
    if (!s.done()) {
      if (s.constraint()) return duplicate_document(d);
      return Status::error(Code::io, writer_->error());
    }
    if (writer_->changes() == 0) return Status::error(Code::not_found, "không có văn bản này");
  }
  if (!d.files.empty()) {
    auto p = writer_->prepare("SELECT COALESCE(MAX(position) + 1, 0) FROM document_files WHERE document_id = ?1");
    p.bind(1, id);
    int position = p.step() ? p.i32(0) : 0;
    for (auto& f : d.files) {
      f.document_id = id;
      f.position = position++;
      if (auto st = insert_document_file(f); !st) return st.status();
    }
  }
  if (auto st = index_document(id, d.number, d.summary, d.doc_type + "\n" + d.issuer + "\n" + d.signer + "\n" + d.field,
                               d.body_html);
      !st)
    return st;
  return id;
}

Status SqlStore::duplicate_document(const Document& d) {
  return Status::error(Code::conflict, "đã có văn bản số " + d.number + " của " + d.issuer);
}

Result<Id> SqlStore::insert_document_file(DocumentFile& f) {
  if (!clean_all(f.file_name, f.original_name, f.mime)) return invalid_text();
  auto s = writer_->prepare("INSERT INTO document_files (document_id, file_name, original_name, mime, bytes, position) "
                           "VALUES (?1,?2,?3,?4,?5,?6)");
  s.bind(1, f.document_id).bind(2, f.file_name).bind(3, f.original_name).bind(4, f.mime).bind(5, f.bytes);
  s.bind(6, f.position);
  return finish_insert(s);
}

Result<Id> SqlStore::save_document(Document d, std::int64_t now, const std::vector<Id>& drop_files) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Result<Id> {
    auto id = write_document(d, now);
    if (!id) return id;
    for (Id f : drop_files) {
      auto s = writer_->prepare("DELETE FROM document_files WHERE id = ?1 AND document_id = ?2");
      s.bind(1, f).bind(2, *id);
      if (auto st = finish_change(s); !st) return st;
    }
    return id;
  });
}

Status SqlStore::create_documents(std::vector<Document> docs, std::int64_t now) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    for (auto& d : docs) {
      d.id = 0;
      if (auto id = write_document(d, now); !id) return id.status();
    }
    return Status::ok();
  });
}

Status SqlStore::delete_document(Id site_id, Id id) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    auto s = writer_->prepare("DELETE FROM documents WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (auto st = finish_change(s); !st) return st;
    return drop_index(*writer_, SearchTable::documents, id);
  });
}

Result<Id> SqlStore::add_document_file(Id site_id, DocumentFile f) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("SELECT COALESCE((SELECT MAX(position) + 1 FROM document_files WHERE document_id = d.id), 0) "
                           "FROM documents d WHERE d.site_id = ?1 AND d.id = ?2");
  s.bind(1, site_id).bind(2, f.document_id);
  if (!s.step()) return Status::error(Code::not_found, "không có văn bản này");
  f.position = s.i32(0);
  return insert_document_file(f);
}

// ---- Q&A ----

Question SqlStore::read_question(Stmt& s) {
  Question q;
  q.id = s.i64(0), q.site_id = s.i64(1), q.code = s.text(2), q.topic = s.text(3), q.title = s.text(4);
  q.body = s.text(5), q.sender_name = s.text(6), q.sender_contact = s.text(7), q.attachment_file = s.text(8);
  q.attachment_name = s.text(9), q.attachment_mime = s.text(10);
  q.status = parse_question_status(s.text(11)).value_or(QuestionStatus::fresh);
  q.department = s.text(12), q.answer = s.text(13), q.reason = s.text(14);
  q.created_at = s.i64(15), q.updated_at = s.i64(16), q.published_at = s.i64(17);
  return q;
}

Result<Id> SqlStore::create_question(Question q) {
  if (!clean_all(q.code, q.topic, q.title, q.body, q.sender_name, q.sender_contact, q.attachment_file,
                 q.attachment_name, q.attachment_mime))
    return invalid_text();
  return concurrent_write([&](Connection& w) {
    auto s = w.prepare(
        "INSERT INTO questions (site_id, code, topic, title, body, sender_name, sender_contact, attachment_file, "
        "attachment_name, attachment_mime, status, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,'new',?11,?11)");
    s.bind(1, q.site_id).bind(2, q.code).bind(3, q.topic).bind(4, q.title).bind(5, q.body).bind(6, q.sender_name);
    s.bind(7, q.sender_contact).bind(8, q.attachment_file).bind(9, q.attachment_name).bind(10, q.attachment_mime);
    s.bind(11, q.created_at);
    return finish_insert(w, s);
  });
}

Result<Question> SqlStore::question(Id site_id, Id id) {
  auto r = reader();
  auto s = r->prepare(std::string(kQuestionCols) + "WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id);
  if (s.step()) return read_question(s);
  return Status::error(Code::not_found, "không có câu hỏi này");
}

Result<Question> SqlStore::question_by_code(Id site_id, std::string_view code) {
  auto r = reader();
  auto s = r->prepare(std::string(kQuestionCols) + "WHERE site_id = ?1 AND code = ?2");
  s.bind(1, site_id).bind(2, code);
  if (s.step()) return read_question(s);
  return Status::error(Code::not_found, "không có câu hỏi với mã này");
}

Result<QuestionList> SqlStore::questions(const QuestionQuery& q) {
  std::string where = "WHERE site_id = ?1";
  if (q.status) where += " AND status = ?2";
  if (!q.text.empty()) where += " AND " + match_ids(writer_->engine(), SearchTable::questions, "id", 3);
  if (!q.topic.empty()) where += " AND topic = ?4";
  auto bind = [&](Stmt& s) {
    s.bind(1, q.site_id);
    if (q.status) s.bind(2, to_string(*q.status));
    if (!q.text.empty()) s.bind(3, match_text(writer_->engine(), q.text));
    if (!q.topic.empty()) s.bind(4, q.topic);
  };
  bool published = q.status == QuestionStatus::published;
  QuestionList out;
  auto r = reader();
  {
    auto s = r->prepare(std::string(kQuestionCols) + where +
                        (published ? " ORDER BY published_at DESC, id DESC" : " ORDER BY created_at DESC, id DESC") +
                        " LIMIT ?5 OFFSET ?6");
    bind(s);
    s.bind(5, std::max(0, q.limit)).bind(6, std::max(0, q.offset));
    while (s.step()) out.items.push_back(read_question(s));
    if (!s.done()) return Status::error(Code::io, r->error());
  }
  auto c = r->prepare("SELECT COUNT(*) FROM questions " + where);
  bind(c);
  if (!c.step()) return Status::error(Code::io, r->error());
  out.total = c.i64(0);
  return out;
}

Result<std::vector<Facet>> SqlStore::question_topics(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT topic, COUNT(*) FROM questions WHERE site_id = ?1 AND status = 'published' "
                      "GROUP BY topic");
  s.bind(1, site_id);
  std::vector<Facet> out;
  while (s.step()) out.push_back({s.text(0), s.i64(1)});
  if (!s.done()) return Status::error(Code::io, r->error());
  std::sort(out.begin(), out.end(), [](const Facet& a, const Facet& b) { return text::vi_less(a.value, b.value); });
  return out;
}

Status SqlStore::update_question(const Question& in) {
  Question q = in;
  if (!clean_all(q.department, q.answer, q.reason, q.title, q.body, q.topic)) return invalid_text();
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    auto s = writer_->prepare(
        "UPDATE questions SET status = ?3, department = ?4, answer = ?5, reason = ?6, published_at = ?7, "
        "updated_at = ?8, title = ?9, body = ?10, topic = ?11 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, q.site_id).bind(2, q.id).bind(3, to_string(q.status)).bind(4, q.department).bind(5, q.answer);
    s.bind(6, q.reason).bind(7, q.published_at).bind(8, q.updated_at).bind(9, q.title).bind(10, q.body);
    s.bind(11, q.topic);
    if (auto st = finish_change(s); !st) return st;
    if (q.status != QuestionStatus::published) return drop_index(*writer_, SearchTable::questions, q.id);
    return index_question(q.id, q.title, q.topic, q.body + "\n" + q.answer + "\n" + q.department);
  });
}

// ---- Datasets ----

Dataset SqlStore::read_dataset(Stmt& s) {
  Dataset d;
  d.id = s.i64(0), d.site_id = s.i64(1), d.slug = s.text(2), d.title = s.text(3), d.description = s.text(4);
  d.source = s.text(5), d.source_url = s.text(6), d.unit = s.text(7), d.chart = s.text(8), d.table_csv = s.text(9);
  d.headline = s.text(10), d.featured = s.i64(11) != 0, d.position = s.i32(12);
  d.created_at = s.i64(13), d.updated_at = s.i64(14);
  return d;
}

Result<std::vector<Dataset>> SqlStore::datasets(Id site_id) {
  auto r = reader();
  auto s = r->prepare(std::string(kDatasetCols) + "WHERE site_id = ?1 ORDER BY position, id");
  s.bind(1, site_id);
  std::vector<Dataset> out;
  while (s.step()) out.push_back(read_dataset(s));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Dataset> SqlStore::dataset(Id site_id, Id id) {
  auto r = reader();
  auto s = r->prepare(std::string(kDatasetCols) + "WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id);
  if (s.step()) return read_dataset(s);
  return Status::error(Code::not_found, "không có bộ số liệu này");
}

Result<Dataset> SqlStore::dataset_by_slug(Id site_id, std::string_view slug) {
  auto r = reader();
  auto s = r->prepare(std::string(kDatasetCols) + "WHERE site_id = ?1 AND slug = ?2");
  s.bind(1, site_id).bind(2, slug);
  if (s.step()) return read_dataset(s);
  return Status::error(Code::not_found, "không có bộ số liệu này");
}

Result<Id> SqlStore::save_dataset(Dataset d, std::int64_t now) {
  if (!clean_all(d.title, d.description, d.source, d.source_url, d.unit, d.chart, d.table_csv, d.headline))
    return invalid_text();
  std::lock_guard lock(write_mu_);
  if (d.id == 0) {
    d.slug = unique_slug("datasets", d.site_id, d.title);
    auto s = writer_->prepare(
        "INSERT INTO datasets (site_id, slug, title, description, source, source_url, unit, chart, table_csv, headline, "
        "featured, position, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?13)");
    s.bind(1, d.site_id).bind(2, d.slug).bind(3, d.title).bind(4, d.description).bind(5, d.source);
    s.bind(6, d.source_url).bind(7, d.unit).bind(8, d.chart).bind(9, d.table_csv).bind(10, d.headline);
    s.bind(11, d.featured).bind(12, d.position).bind(13, now);
    return finish_insert(s);
  }
  auto s = writer_->prepare(
      "UPDATE datasets SET title = ?3, description = ?4, source = ?5, source_url = ?6, unit = ?7, chart = ?8, "
      "table_csv = ?9, headline = ?10, featured = ?11, position = ?12, updated_at = ?13 WHERE site_id = ?1 AND id = ?2");
  s.bind(1, d.site_id).bind(2, d.id).bind(3, d.title).bind(4, d.description).bind(5, d.source).bind(6, d.source_url);
  s.bind(7, d.unit).bind(8, d.chart).bind(9, d.table_csv).bind(10, d.headline).bind(11, d.featured);
  s.bind(12, d.position).bind(13, now);
  if (auto st = finish_change(s); !st) return st;
  return d.id;
}

Status SqlStore::delete_dataset(Id site_id, Id id) { return delete_row("datasets", site_id, id); }

// ---- Drafts for comment, the work schedule ----

Draft SqlStore::read_draft(Stmt& s) {
  Draft d;
  d.id = s.i64(0), d.site_id = s.i64(1), d.slug = s.text(2), d.title = s.text(3), d.agency = s.text(4);
  d.summary = s.text(5), d.body_html = s.text(6), d.opens_at = s.i64(7), d.closes_at = s.i64(8);
  d.created_at = s.i64(9), d.updated_at = s.i64(10), d.comments = s.i64(11);
  return d;
}

Result<std::vector<Draft>> SqlStore::drafts(Id site_id) {
  auto r = reader();
  auto s = r->prepare(std::string(kDraftCols) + "WHERE d.site_id = ?1 ORDER BY d.closes_at DESC, d.id DESC");
  s.bind(1, site_id);
  std::vector<Draft> out;
  while (s.step()) out.push_back(read_draft(s));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Draft> SqlStore::draft(Id site_id, Id id) {
  auto r = reader();
  auto s = r->prepare(std::string(kDraftCols) + "WHERE d.site_id = ?1 AND d.id = ?2");
  s.bind(1, site_id).bind(2, id);
  if (s.step()) return read_draft(s);
  return Status::error(Code::not_found, "không có dự thảo này");
}

Result<Draft> SqlStore::draft_by_slug(Id site_id, std::string_view slug) {
  auto r = reader();
  auto s = r->prepare(std::string(kDraftCols) + "WHERE d.site_id = ?1 AND d.slug = ?2");
  s.bind(1, site_id).bind(2, slug);
  if (s.step()) return read_draft(s);
  return Status::error(Code::not_found, "không có dự thảo này");
}

Result<Id> SqlStore::save_draft(Draft d, std::int64_t now) {
  if (!clean_all(d.title, d.agency, d.summary, d.body_html)) return invalid_text();
  std::lock_guard lock(write_mu_);
  if (d.id == 0) {
    d.slug = unique_slug("drafts", d.site_id, d.title);
    auto s = writer_->prepare(
        "INSERT INTO drafts (site_id, slug, title, agency, summary, body_html, opens_at, closes_at, created_at, updated_at) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?9)");
    s.bind(1, d.site_id).bind(2, d.slug).bind(3, d.title).bind(4, d.agency).bind(5, d.summary).bind(6, d.body_html);
    s.bind(7, d.opens_at).bind(8, d.closes_at).bind(9, now);
    return finish_insert(s);
  }
  auto s = writer_->prepare(
      "UPDATE drafts SET title = ?3, agency = ?4, summary = ?5, body_html = ?6, opens_at = ?7, closes_at = ?8, "
      "updated_at = ?9 WHERE site_id = ?1 AND id = ?2");
  s.bind(1, d.site_id).bind(2, d.id).bind(3, d.title).bind(4, d.agency).bind(5, d.summary).bind(6, d.body_html);
  s.bind(7, d.opens_at).bind(8, d.closes_at).bind(9, now);
  if (auto st = finish_change(s); !st) return st;
  return d.id;
}

Status SqlStore::delete_draft(Id site_id, Id id) { return delete_row("drafts", site_id, id); }

Result<Id> SqlStore::add_comment(Id site_id, DraftComment c, std::int64_t now) {
  if (!clean_all(c.sender_name, c.sender_contact, c.body)) return invalid_text();
  return concurrent_write([&](Connection& w) -> Result<Id> {
    // The window is checked by the insert itself: a comment one second late is never stored.
    auto s = w.prepare(
        "INSERT INTO draft_comments (draft_id, sender_name, sender_contact, body, created_at) "
        "SELECT id, ?3, ?4, ?5, ?6 FROM drafts WHERE site_id = ?1 AND id = ?2 AND opens_at <= ?6 AND closes_at > ?6");
    s.bind(1, site_id).bind(2, c.draft_id).bind(3, c.sender_name).bind(4, c.sender_contact).bind(5, c.body).bind(6, now);
    s.step();
    if (!s.done()) return Status::error(Code::io, w.error());
    if (w.changes() == 0) return Status::error(Code::conflict, "dự thảo không nhận góp ý vào lúc này");
    return w.last_insert_id();
  });
}

Result<std::vector<DraftComment>> SqlStore::comments(Id site_id, Id draft_id) {
  auto r = reader();
  auto s = r->prepare(
      "SELECT c.id, c.draft_id, c.sender_name, c.sender_contact, c.body, c.created_at FROM draft_comments c "
      "JOIN drafts d ON d.id = c.draft_id WHERE d.site_id = ?1 AND c.draft_id = ?2 ORDER BY c.created_at, c.id");
  s.bind(1, site_id).bind(2, draft_id);
  std::vector<DraftComment> out;
  while (s.step()) out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.i64(5)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<std::vector<ScheduleItem>> SqlStore::schedule(Id site_id, std::int64_t from, std::int64_t to) {
  auto r = reader();
  auto s = r->prepare("SELECT id, site_id, starts_at, leader, content, place, attendees FROM schedule_items "
                      "WHERE site_id = ?1 AND starts_at >= ?2 AND starts_at < ?3 ORDER BY starts_at, id");
  s.bind(1, site_id).bind(2, from).bind(3, to);
  std::vector<ScheduleItem> out;
  while (s.step()) out.push_back({s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.text(5), s.text(6)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Id> SqlStore::save_schedule_item(ScheduleItem i, std::int64_t now) {
  if (!clean_all(i.leader, i.content, i.place, i.attendees)) return invalid_text();
  std::lock_guard lock(write_mu_);
  if (i.id == 0) {
    auto s = writer_->prepare("INSERT INTO schedule_items (site_id, starts_at, leader, content, place, attendees, "
                             "created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?7)");
    s.bind(1, i.site_id).bind(2, i.starts_at).bind(3, i.leader).bind(4, i.content).bind(5, i.place).bind(6, i.attendees);
    s.bind(7, now);
    return finish_insert(s);
  }
  auto s = writer_->prepare("UPDATE schedule_items SET starts_at = ?3, leader = ?4, content = ?5, place = ?6, "
                           "attendees = ?7, updated_at = ?8 WHERE site_id = ?1 AND id = ?2");
  s.bind(1, i.site_id).bind(2, i.id).bind(3, i.starts_at).bind(4, i.leader).bind(5, i.content).bind(6, i.place);
  s.bind(7, i.attendees).bind(8, now);
  if (auto st = finish_change(s); !st) return st;
  return i.id;
}

Status SqlStore::delete_schedule_item(Id site_id, Id id) { return delete_row("schedule_items", site_id, id); }

// ---- Organisation ----

Result<std::string> SqlStore::site_text(Id site_id, std::string_view key, std::string_view lang) {
  auto r = reader();
  auto s = r->prepare("SELECT body_html FROM site_texts WHERE site_id = ?1 AND key = ?2 AND lang = ?3");
  s.bind(1, site_id).bind(2, key).bind(3, lang);
  if (s.step()) return s.text(0);
  if (!s.done()) return Status::error(Code::io, r->error());
  return std::string();  // unset
}

Status SqlStore::set_site_text(Id site_id, std::string_view key, std::string_view lang, std::string body_html) {
  if (!clean(body_html)) return invalid_text();
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("INSERT INTO site_texts (site_id, key, lang, body_html) VALUES (?1,?2,?3,?4) "
                           "ON CONFLICT (site_id, key, lang) DO UPDATE SET body_html = excluded.body_html");
  s.bind(1, site_id).bind(2, key).bind(3, lang).bind(4, body_html);
  s.step();
  return s.done() ? Status::ok() : Status::error(Code::invalid, writer_->error());
}

Result<std::vector<OrgUnit>> SqlStore::org_units(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT id, site_id, COALESCE(parent_id, 0), name, name_en, functions, functions_en, address, phone, "
                      "email, leaders, position FROM org_units WHERE site_id = ?1 ORDER BY COALESCE(parent_id, 0), position, id");
  s.bind(1, site_id);
  std::vector<OrgUnit> out;
  while (s.step())
    out.push_back({s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8),
                   s.text(9), s.text(10), s.i32(11)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Id> SqlStore::save_org_unit(OrgUnit u) {
  if (!clean_all(u.name, u.name_en, u.functions, u.functions_en, u.address, u.phone, u.email, u.leaders))
    return invalid_text();
  std::lock_guard lock(write_mu_);
  if (u.parent_id) {
    auto p = writer_->prepare("SELECT 1 FROM org_units WHERE site_id = ?1 AND id = ?2");
    p.bind(1, u.site_id).bind(2, u.parent_id);
    if (!p.step() || u.parent_id == u.id) return Status::error(Code::invalid, "đơn vị cấp trên không hợp lệ");
  }
  if (u.id == 0) {
    auto s = writer_->prepare("INSERT INTO org_units (site_id, parent_id, name, name_en, functions, functions_en, address, "
                             "phone, email, leaders, position) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    s.bind(1, u.site_id).bind_null_if_zero(2, u.parent_id).bind(3, u.name).bind(4, u.name_en).bind(5, u.functions);
    s.bind(6, u.functions_en).bind(7, u.address).bind(8, u.phone).bind(9, u.email).bind(10, u.leaders).bind(11, u.position);
    return finish_insert(s);
  }
  auto s = writer_->prepare("UPDATE org_units SET parent_id = ?3, name = ?4, name_en = ?5, functions = ?6, functions_en = ?7, "
                           "address = ?8, phone = ?9, email = ?10, leaders = ?11, position = ?12 WHERE site_id = ?1 AND id = ?2");
  s.bind(1, u.site_id).bind(2, u.id).bind_null_if_zero(3, u.parent_id).bind(4, u.name).bind(5, u.name_en);
  s.bind(6, u.functions).bind(7, u.functions_en).bind(8, u.address).bind(9, u.phone).bind(10, u.email).bind(11, u.leaders);
  s.bind(12, u.position);
  if (auto st = finish_change(s); !st) return st;
  return u.id;
}

Status SqlStore::delete_org_unit(Id site_id, Id id) { return delete_row("org_units", site_id, id); }

Status SqlStore::delete_row(const char* table, Id site_id, Id id) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(std::string("DELETE FROM ") + table + " WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id);
  return finish_change(s);
}

Status SqlStore::append_audit(AuditEntry e) {
  if (!clean_all(e.actor, e.action, e.target, e.address, e.detail)) return invalid_text();
  if (e.at <= 0) return no_time();
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(
      "INSERT INTO audit_log (site_id, at, actor_id, actor, action, target, address, detail) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  s.bind(1, e.site_id).bind(2, e.at).bind_null_if_zero(3, e.actor_id).bind(4, e.actor);
  s.bind(5, e.action).bind(6, e.target).bind(7, e.address).bind(8, e.detail);
  auto r = finish_insert(s);
  return r ? Status::ok() : r.status();
}

Result<std::vector<AuditEntry>> SqlStore::audit(Id site_id, int limit, int offset) {
  auto r = reader();
  auto s = r->prepare(
      "SELECT id, site_id, at, COALESCE(actor_id,0), actor, action, target, address, detail FROM audit_log "
      "WHERE site_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2 OFFSET ?3");
  s.bind(1, site_id).bind(2, std::max(0, limit)).bind(3, std::max(0, offset));
  std::vector<AuditEntry> out;
  while (s.step())
    out.push_back({s.i64(0), s.i64(1), s.i64(2), s.i64(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

}  // namespace portico::sql
