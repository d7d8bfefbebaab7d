// The Store over SQL: one writer connection behind a mutex, a pool of reader connections (on
// PostgreSQL they also take the citizens' writes: SqlStore::concurrent_write).
// This file: opening, sites, categories, articles, media (search.cpp: search and its index).
#include "store/sql/sql_store.h"

namespace portico {

namespace sql {

Status SqlStore::open(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers,
                      std::span<const Migration> migrations) {
  writer_ = std::move(writer);
  known_version_ = migrations.empty() ? 0 : migrations.back().version;
  if (auto st = migrate(migrations); !st) return st;
  {
    // A database whose search rows are missing (from before the search index, made again by
    // a migration, or copied by copy-db, which copies no search rows): index it once.
    auto s = writer_->prepare(
        "SELECT CASE WHEN (EXISTS (SELECT 1 FROM articles) AND NOT EXISTS (SELECT 1 FROM article_fts)) "
        "OR (EXISTS (SELECT 1 FROM documents) AND NOT EXISTS (SELECT 1 FROM document_fts)) "
        "OR (EXISTS (SELECT 1 FROM questions WHERE status = 'published') AND NOT EXISTS (SELECT 1 FROM question_fts)) "
        "THEN 1 ELSE 0 END");
    bool needed = s.step() && s.i32(0) != 0;
    s.step();
    if (needed)
      if (auto n = reindex(); !n) return n.status();
  }
  readers_ = std::move(readers);
  return Status::ok();
}

Status SqlStore::migrate(std::span<const Migration> migrations) {
  std::lock_guard lock(write_mu_);
  // Every pending step in one transaction: a step that fails leaves the database as it was
  // before the first, never between two versions.
  Transaction tx(*writer_);
  if (auto st = tx.began(); !st) return st;
  // Nodes sharing one PostgreSQL that start at once: one migrates, the others wait for it
  // and then find nothing left to do. (SQLite's BEGIN IMMEDIATE already excludes them.)
  if (writer_->engine() == Engine::postgresql)
    if (auto e = writer_->exec("SELECT pg_advisory_xact_lock(7102026)"); !e.empty()) return Status::error(Code::io, e);
  if (auto e = writer_->exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                             "applied_at BIGINT NOT NULL)");
      !e.empty())
    return Status::error(Code::io, e);
  int current = 0;
  {
    auto s = writer_->prepare("SELECT COALESCE(MAX(version),0) FROM schema_version");
    if (s.step()) current = s.i32(0);
  }
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    std::string sql = std::string(m.sql) + ";INSERT INTO schema_version VALUES (" + std::to_string(m.version) + ", " +
                      std::to_string(unix_now()) + ")";
    if (auto e = writer_->exec(sql); !e.empty())
      return Status::error(Code::io, "migration " + std::to_string(m.version) + " failed (the database stays at version " +
                                         std::to_string(current) + "): " + e);
  }
  return tx.commit();
}

int SqlStore::schema_version() {
  auto r = reader();
  auto s = r->prepare("SELECT COALESCE(MAX(version),0) FROM schema_version");
  return s.step() ? s.i32(0) : 0;
}

Result<Site> SqlStore::site_for_host(std::string_view host) {
  auto r = reader();
  {
    auto s = r->prepare(std::string("SELECT ") + kSiteCols + " FROM sites WHERE host = ?1");
    s.bind(1, host);
    if (s.step()) return read_site(s);
  }
  auto s = r->prepare(std::string("SELECT ") + kSiteCols + " FROM sites ORDER BY is_default DESC, site_id LIMIT 1");
  if (s.step()) return read_site(s);
  return Status::error(Code::not_found, "chưa có trang nào");
}

Result<Site> SqlStore::site(Id id) {
  auto r = reader();
  auto s = r->prepare(std::string("SELECT ") + kSiteCols + " FROM sites WHERE site_id = ?1");
  s.bind(1, id);
  if (s.step()) return read_site(s);
  return Status::error(Code::not_found, "không có trang này");
}

Result<std::vector<Site>> SqlStore::sites() {
  auto r = reader();
  auto s = r->prepare(std::string("SELECT ") + kSiteCols + " FROM sites ORDER BY site_id");
  std::vector<Site> out;
  while (s.step()) out.push_back(read_site(s));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<std::vector<Category>> SqlStore::categories(Id site_id) {
  auto r = reader();
  auto s = r->prepare(
      "SELECT id, site_id, COALESCE(parent_id,0), name, slug, position, description, hidden, link FROM categories "
      "WHERE site_id = ?1 ORDER BY COALESCE(parent_id,0), position, id");
  s.bind(1, site_id);
  std::vector<Category> out;
  while (s.step())
    out.push_back(
        {s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.i32(5), s.text(6), s.i32(7) != 0, s.text(8)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Article> SqlStore::article(Id site_id, Id id) {
  auto r = reader();
  auto s = r->prepare(std::string("SELECT ") + kArticleCols + " FROM articles WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id);
  if (s.step()) return read_article(s);
  return Status::error(Code::not_found, "không có bài viết này");
}

Result<Article> SqlStore::article_by_slug(Id site_id, std::string_view slug) {
  auto r = reader();
  auto s = r->prepare(std::string("SELECT ") + kArticleCols + " FROM articles WHERE site_id = ?1 AND slug = ?2");
  s.bind(1, site_id).bind(2, slug);
  if (s.step()) return read_article(s);
  return Status::error(Code::not_found, "không có bài viết này");
}

Result<ArticleList> SqlStore::published(const ArticleQuery& q) {
  // One statement text per combination of filters, so each is prepared once.
  std::string where = " FROM articles WHERE site_id = ?1 AND status = 'published' AND published_at <= ?2" +
                      category_filter("category_id", q.categories);
  if (q.exclude_category) where += " AND category_id <> ?4";
  if (q.featured_only) where += " AND is_featured = 1";
  auto bind = [&](Stmt& s) {
    s.bind(1, q.site_id).bind(2, q.now);
    if (q.exclude_category) s.bind(4, q.exclude_category);
  };
  auto r = reader();
  ArticleList out;
  {
    auto s = r->prepare("SELECT id, category_id, title, slug, lead, COALESCE(cover_media_id,0), published_at, "
                        "updated_at" + where + " ORDER BY published_at DESC, id DESC LIMIT ?5 OFFSET ?6");
    bind(s);
    s.bind(5, std::max(0, q.limit)).bind(6, std::max(0, q.offset));
    while (s.step())
      out.items.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.i64(5), s.i64(6), s.i64(7)});
    if (!s.done()) return Status::error(Code::io, r->error());
  }
  if (!q.with_total) return out;
  auto c = r->prepare("SELECT COUNT(*)" + where);
  bind(c);
  if (!c.step()) return Status::error(Code::io, r->error());
  out.total = c.i64(0);
  return out;
}

Result<Media> SqlStore::media(Id site_id, Id id) {
  auto r = reader();
  auto s = r->prepare("SELECT id, site_id, file_name, mime, width, height, alt, bytes, renditions, created_at FROM media "
                      "WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id);
  if (s.step()) return read_media(s);
  return Status::error(Code::not_found, "không có tệp này");
}

Result<std::vector<Media>> SqlStore::recent_media(Id site_id, int limit) {
  auto r = reader();
  auto s = r->prepare("SELECT id, site_id, file_name, mime, width, height, alt, bytes, renditions, created_at FROM media "
                      "WHERE site_id = ?1 ORDER BY id DESC LIMIT ?2");
  s.bind(1, site_id).bind(2, std::max(0, limit));
  std::vector<Media> out;
  while (s.step()) out.push_back(read_media(s));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<std::int64_t> SqlStore::article_count(Id site_id, Id category_id) {
  auto r = reader();
  auto s = r->prepare(category_id ? "SELECT COUNT(*) FROM articles WHERE site_id = ?1 AND category_id = ?2"
                                  : "SELECT COUNT(*) FROM articles WHERE site_id = ?1");
  s.bind(1, site_id);
  if (category_id) s.bind(2, category_id);
  if (s.step()) return s.i64(0);
  return Status::error(Code::io, r->error());
}

Result<Id> SqlStore::create_site(Site x, std::vector<Category> sections) {
  if (!clean_all(x.slug, x.host, x.name, x.portal_title, x.agency, x.responsible, x.licence, x.address, x.phone,
                 x.email, x.brand_color))
    return invalid_text();
  for (auto& c : sections)
    if (!clean_all(c.name, c.slug, c.description, c.link)) return invalid_text();
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Result<Id> {
    auto s = writer_->prepare(
        "INSERT INTO sites (host, name, portal_title, agency, responsible, licence, address, phone, email, "
        "brand_color, is_default, created_at, slug, parent_id, kind, disabled) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)");
    s.bind(1, x.host).bind(2, x.name).bind(3, x.portal_title).bind(4, x.agency).bind(5, x.responsible);
    s.bind(6, x.licence).bind(7, x.address).bind(8, x.phone).bind(9, x.email).bind(10, x.brand_color);
    s.bind(11, x.is_default).bind(12, unix_now()).bind(13, x.slug.empty() ? text::slugify(x.name) : x.slug);
    s.bind_null_if_zero(14, x.parent_id).bind(15, x.kind).bind(16, x.disabled);
    auto site = finish_insert(s);
    if (!site) return site.status();
    std::vector<Id> ids;  // of the sections made so far, for their children
    for (auto& c : sections) {
      if (c.parent_id < 0 || c.parent_id > static_cast<Id>(ids.size()))
        return Status::error(Code::invalid, "mục cha phải đứng trước mục con");
      c.site_id = *site;
      c.parent_id = c.parent_id ? ids[static_cast<std::size_t>(c.parent_id - 1)] : 0;
      auto id = insert_category(c);
      if (!id) return id.status();
      ids.push_back(*id);
    }
    return site;
  });
}

Status SqlStore::update_site(const Site& x0) {
  Site x = x0;
  if (!clean_all(x.host, x.name, x.portal_title, x.agency, x.responsible, x.licence, x.address, x.phone, x.email,
                 x.brand_color, x.kind, x.notice, x.monitor_script))
    return invalid_text();
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(
      "UPDATE sites SET host = ?2, name = ?3, portal_title = ?4, agency = ?5, responsible = ?6, licence = ?7, "
      "address = ?8, phone = ?9, email = ?10, brand_color = ?11, parent_id = ?12, kind = ?13, disabled = ?14, "
      "logo_media_id = ?15, banner_media_id = ?16, notice = ?17, notice_from = ?18, notice_until = ?19, "
      "read_only = ?20, monitor_script = ?21 WHERE site_id = ?1");
  s.bind(1, x.id).bind(2, x.host).bind(3, x.name).bind(4, x.portal_title).bind(5, x.agency).bind(6, x.responsible);
  s.bind(7, x.licence).bind(8, x.address).bind(9, x.phone).bind(10, x.email).bind(11, x.brand_color);
  s.bind_null_if_zero(12, x.parent_id).bind(13, x.kind).bind(14, x.disabled);
  s.bind_null_if_zero(15, x.logo_media_id).bind_null_if_zero(16, x.banner_media_id);
  s.bind(17, x.notice).bind(18, x.notice_from).bind(19, x.notice_until).bind(20, x.read_only).bind(21, x.monitor_script);
  s.step();
  if (!s.done()) {
    if (s.constraint()) return Status::error(Code::conflict, "tên miền " + x.host + " đã có trang khác");
    return Status::error(Code::io, writer_->error());
  }
  if (writer_->changes() == 0) return Status::error(Code::not_found, "không có trang này");
  return Status::ok();
}

Result<std::int64_t> SqlStore::sites_generation() {
  auto r = reader();
  auto s = r->prepare("SELECT n FROM site_generation");
  if (s.step()) return s.i64(0);
  return Status::error(Code::io, r->error());
}

Result<Id> SqlStore::create_category(Category c) {
  if (!clean_all(c.name, c.slug, c.description, c.link)) return invalid_text();
  std::lock_guard lock(write_mu_);
  return insert_category(c);
}

Result<Id> SqlStore::insert_category(Category& c) {
  c.slug = unique_slug("categories", c.site_id, c.slug.empty() ? c.name : c.slug);
  auto s = writer_->prepare(
      "INSERT INTO categories (site_id, parent_id, name, slug, position, description, hidden, link) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  s.bind(1, c.site_id).bind_null_if_zero(2, c.parent_id).bind(3, c.name).bind(4, c.slug).bind(5, c.position);
  s.bind(6, c.description).bind(7, c.hidden).bind(8, c.link);
  return finish_insert(s);
}

Status SqlStore::update_category(const Category& c0) {
  Category c = c0;
  if (!clean_all(c.name, c.description, c.link)) return invalid_text();
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(
      "UPDATE categories SET parent_id = ?3, name = ?4, position = ?5, description = ?6, hidden = ?7, link = ?8 "
      "WHERE site_id = ?1 AND id = ?2");
  s.bind(1, c.site_id).bind(2, c.id).bind_null_if_zero(3, c.parent_id).bind(4, c.name).bind(5, c.position);
  s.bind(6, c.description).bind(7, c.hidden).bind(8, c.link);
  return finish_change(s);
}

Result<Id> SqlStore::create_media(Media m) {
  if (!clean_all(m.file_name, m.mime, m.alt)) return invalid_text();
  if (m.created_at <= 0) return no_time();
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(
      "INSERT INTO media (site_id, file_name, mime, width, height, alt, bytes, created_at, renditions) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  s.bind(1, m.site_id).bind(2, m.file_name).bind(3, m.mime).bind(4, m.width).bind(5, m.height).bind(6, m.alt);
  s.bind(7, m.bytes).bind(8, m.created_at).bind(9, m.renditions);
  return finish_insert(s);
}

Result<Id> SqlStore::create_article(Article a) {
  std::lock_guard lock(write_mu_);
  return insert_article(a);
}

Status SqlStore::create_articles(std::vector<Article> articles) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    for (auto& a : articles)
      if (auto r = insert_article(a); !r) return r.status();
    return Status::ok();
  });
}

Status SqlStore::set_article_status(Id site_id, Id id, ArticleStatus st, std::int64_t now) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("UPDATE articles SET status = ?3, updated_at = ?4 WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id).bind(3, to_string(st)).bind(4, now);
  return finish_change(s);
}

Result<std::vector<ArticleSummary>> SqlStore::newsroom_list(const NewsroomQuery& q) {
  std::string sql =
      "SELECT id, category_id, title, slug, lead, COALESCE(cover_media_id,0), published_at, updated_at FROM articles "
      "WHERE site_id = ?1 AND status = ?2";
  if (q.created_by) sql += " AND created_by = ?3";
  if (q.published_after >= 0) sql += " AND published_at > ?4";
  sql += q.published_after >= 0 ? " ORDER BY published_at, id" : " ORDER BY updated_at DESC, id DESC";
  sql += " LIMIT ?5";
  auto r = reader();
  auto s = r->prepare(sql);
  s.bind(1, q.site_id).bind(2, to_string(q.status)).bind(5, std::max(0, q.limit));
  if (q.created_by) s.bind(3, q.created_by);
  if (q.published_after >= 0) s.bind(4, q.published_after);
  std::vector<ArticleSummary> out;
  while (s.step())
    out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.i64(5), s.i64(6), s.i64(7)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Article> SqlStore::save_article(Article a, int expected_version, Id saved_by, std::int64_t now) {
  if (!clean_all(a.title, a.lead, a.body_html, a.cover_caption, a.source, a.author)) return invalid_text();
  if (a.title.empty()) return Status::error(Code::invalid, "bài viết cần có tiêu đề");
  std::lock_guard lock(write_mu_);
  auto saved = in_transaction([&]() -> Status {
    int version = 1;
    if (a.id == 0) {
      a.status = ArticleStatus::draft;
      a.created_at = a.updated_at = now;
      a.created_by = saved_by;
      auto id = insert_article(a);
      if (!id) return id.status();
      a.id = *id;
    } else {
      auto s = writer_->prepare(
          "UPDATE articles SET category_id = ?4, title = ?5, lead = ?6, body_html = ?7, cover_media_id = ?8, "
          "cover_caption = ?9, source = ?10, author = ?11, is_featured = ?12, updated_at = ?13, genre = ?14, "
          "related_override = ?15, version = version + 1 WHERE site_id = ?1 AND id = ?2 AND version = ?3");
      s.bind(1, a.site_id).bind(2, a.id).bind(3, expected_version).bind(4, a.category_id).bind(5, a.title);
      s.bind(6, a.lead).bind(7, a.body_html).bind_null_if_zero(8, a.cover_media_id).bind(9, a.cover_caption);
      s.bind(10, a.source)
          .bind(11, a.author)
          .bind(12, a.is_featured)
          .bind(13, now)
          .bind(14, a.genre)
          .bind(15, a.related_override);
      s.step();
      if (!s.done()) return Status::error(Code::io, writer_->error());
      if (writer_->changes() == 0) return stale_or_missing(a.site_id, a.id);
      version = expected_version + 1;
      if (auto st = index_article(a.id, a.title, a.lead, a.body_html); !st) return st;
    }
    return insert_revision(a, version, saved_by, now);
  });
  if (!saved) return saved;
  return read_article_locked(a.site_id, a.id);
}

Result<Article> SqlStore::transition(Id site_id, Id id, int expected_version, ArticleStatus to,
                                        std::int64_t published_at,
                           std::string note, std::int64_t now) {
  if (!clean(note)) return invalid_text();
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(
      "UPDATE articles SET status = ?4, published_at = ?5, workflow_note = ?6, updated_at = ?7, version = version + 1 "
      "WHERE site_id = ?1 AND id = ?2 AND version = ?3");
  s.bind(1, site_id).bind(2, id).bind(3, expected_version).bind(4, to_string(to)).bind(5, published_at);
  s.bind(6, note).bind(7, now);
  s.step();
  if (!s.done()) return Status::error(Code::io, writer_->error());
  if (writer_->changes() == 0) return stale_or_missing(site_id, id);
  return read_article_locked(site_id, id);
}

Result<std::vector<Revision>> SqlStore::revisions(Id site_id, Id article_id) {
  auto r = reader();
  auto s = r->prepare(
      "SELECT r.id, r.article_id, r.version, r.category_id, r.title, r.lead, r.body_html, r.source, r.author, "
      "COALESCE(r.saved_by,0), COALESCE(u.name,''), r.saved_at FROM article_revisions r "
      "LEFT JOIN users u ON u.id = r.saved_by WHERE r.site_id = ?1 AND r.article_id = ?2 ORDER BY r.version DESC");
  s.bind(1, site_id).bind(2, article_id);
  std::vector<Revision> out;
  while (s.step())
    out.push_back({s.i64(0), s.i64(1), s.i32(2), s.i64(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8),
                   s.i64(9), s.text(10), s.i64(11)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<std::int64_t> SqlStore::next_scheduled(Id site_id, std::int64_t after) {
  auto r = reader();
  auto s = r->prepare("SELECT COALESCE(MIN(published_at),0) FROM articles "
                      "WHERE site_id = ?1 AND status = 'published' AND published_at > ?2");
  s.bind(1, site_id).bind(2, after);
  if (s.step()) return s.i64(0);
  return Status::error(Code::io, r->error());
}

}  // namespace sql

}  // namespace portico
