// The SQLite Store: one writer connection behind a mutex, a pool of reader connections (WAL).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <tuple>
#include <unordered_set>

#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"
#include "text/html.h"
#include "text/unicode.h"

namespace portico {

const char* to_string(ArticleStatus s) {
  switch (s) {
    case ArticleStatus::draft: return "draft";
    case ArticleStatus::pending: return "pending";
    case ArticleStatus::published: return "published";
    case ArticleStatus::taken_down: return "taken_down";
  }
  return "draft";
}

const char* to_string(DocumentState s) {
  switch (s) {
    case DocumentState::pending: return "pending";
    case DocumentState::effective: return "effective";
    case DocumentState::expired: return "expired";
    case DocumentState::replaced: return "replaced";
  }
  return "effective";
}

const char* to_string(QuestionStatus s) {
  switch (s) {
    case QuestionStatus::fresh: return "new";
    case QuestionStatus::assigned: return "assigned";
    case QuestionStatus::answered: return "answered";
    case QuestionStatus::published: return "published";
    case QuestionStatus::rejected: return "rejected";
  }
  return "new";
}

std::optional<QuestionStatus> parse_question_status(std::string_view s) {
  for (QuestionStatus x : {QuestionStatus::fresh, QuestionStatus::assigned, QuestionStatus::answered,
                           QuestionStatus::published, QuestionStatus::rejected})
    if (s == to_string(x)) return x;
  return std::nullopt;
}

std::optional<ArticleStatus> parse_article_status(std::string_view s) {
  for (auto st : {ArticleStatus::draft, ArticleStatus::pending, ArticleStatus::published, ArticleStatus::taken_down})
    if (s == to_string(st)) return st;
  return std::nullopt;
}

namespace {

using sqlite::Connection;
using sqlite::Stmt;

// Validates and normalises every text field before it is written.
bool clean(std::string& s) {
  if (!text::is_valid_utf8(s)) return false;
  s = text::to_nfc(s);
  return true;
}

template <class... S>
bool clean_all(S&... s) {
  return (clean(s) && ...);
}

// Record-keeping time (created_at of sites and media, migration dates); content times
// (published_at, updated_at) come from the caller's Clock.
std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Status invalid_text() { return Status::error(Code::invalid, "văn bản không phải UTF-8 hợp lệ"); }

// " AND <column> IN (3,7,9)": the ids are numbers, written into the statement so that the
// planner sees how many there are; empty: no condition.
std::string category_filter(const char* column, const std::vector<Id>& ids) {
  if (ids.empty()) return {};
  std::string out = std::string(" AND ") + column + (ids.size() == 1 ? " = " : " IN (");
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return ids.size() == 1 ? out : out + ")";
}

constexpr const char* kArticleCols =
    "id, site_id, category_id, title, slug, lead, body_html, COALESCE(cover_media_id,0), cover_caption, source, "
    "author, status, is_featured, is_demo, published_at, created_at, updated_at, COALESCE(created_by,0), version, "
    "workflow_note, genre, related_override";

Article read_article(Stmt& s) {
  Article a;
  a.id = s.i64(0);
  a.site_id = s.i64(1);
  a.category_id = s.i64(2);
  a.title = s.text(3);
  a.slug = s.text(4);
  a.lead = s.text(5);
  a.body_html = s.text(6);
  a.cover_media_id = s.i64(7);
  a.cover_caption = s.text(8);
  a.source = s.text(9);
  a.author = s.text(10);
  a.status = parse_article_status(s.text(11)).value_or(ArticleStatus::draft);
  a.is_featured = s.i32(12) != 0;
  a.is_demo = s.i32(13) != 0;
  a.published_at = s.i64(14);
  a.created_at = s.i64(15);
  a.updated_at = s.i64(16);
  a.created_by = s.i64(17);
  a.version = s.i32(18);
  a.workflow_note = s.text(19);
  a.genre = s.text(20);
  a.related_override = s.text(21);
  return a;
}

constexpr const char* kSiteCols =
    "site_id, host, name, portal_title, agency, responsible, licence, address, phone, email, brand_color, is_default, "
    "slug, totp_roles";


Media read_media(Stmt& s) {
  return Media{s.i64(0), s.i64(1), s.text(2), s.text(3), s.i32(4), s.i32(5), s.text(6), s.i64(7), s.text(8)};
}

Site read_site(Stmt& s) {
  Site x;
  x.id = s.i64(0);
  x.host = s.text(1);
  x.name = s.text(2);
  x.portal_title = s.text(3);
  x.agency = s.text(4);
  x.responsible = s.text(5);
  x.licence = s.text(6);
  x.address = s.text(7);
  x.phone = s.text(8);
  x.email = s.text(9);
  x.brand_color = s.text(10);
  x.is_default = s.i32(11) != 0;
  x.slug = s.text(12);
  x.totp_roles = s.text(13);
  return x;
}

constexpr std::size_t kSearchWindow = 500;

class SqliteStore final : public Store {
 public:
  Status open(const SqliteOptions& o) {
    if (auto e = writer_.open(o.path, true, o.busy_timeout_ms); !e.empty())
      return Status::error(Code::io, "không mở được cơ sở dữ liệu " + o.path + ": " + e);
    if (auto st = migrate(); !st) return st;
    {
      // A database from before the search index: index it once.
      auto s = writer_.prepare("SELECT EXISTS (SELECT 1 FROM articles) AND NOT EXISTS (SELECT 1 FROM article_fts)");
      bool needed = s.step() && s.i32(0) != 0;
      s.step();
      if (needed)
        if (auto n = reindex(); !n) return n.status();
    }
    for (int i = 0; i < std::max(1, o.readers); ++i) {
      auto c = std::make_unique<Connection>();
      if (auto e = c->open(o.path, false, o.busy_timeout_ms); !e.empty())
        return Status::error(Code::io, "không mở được kết nối đọc: " + e);
      readers_.push_back(std::move(c));
    }
    return Status::ok();
  }

  int schema_version() override {
    auto r = reader();
    auto s = r->prepare("SELECT COALESCE(MAX(version),0) FROM schema_version");
    return s.step() ? s.i32(0) : 0;
  }

  Result<Site> site_for_host(std::string_view host) override {
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

  Result<Site> site(Id id) override {
    auto r = reader();
    auto s = r->prepare(std::string("SELECT ") + kSiteCols + " FROM sites WHERE site_id = ?1");
    s.bind(1, id);
    if (s.step()) return read_site(s);
    return Status::error(Code::not_found, "không có trang này");
  }

  std::vector<Site> sites() override {
    auto r = reader();
    auto s = r->prepare(std::string("SELECT ") + kSiteCols + " FROM sites ORDER BY site_id");
    std::vector<Site> out;
    while (s.step()) out.push_back(read_site(s));
    return out;
  }

  std::vector<Category> categories(Id site_id) override {
    auto r = reader();
    auto s = r->prepare(
        "SELECT id, site_id, COALESCE(parent_id,0), name, slug, position, description, hidden, link FROM categories "
        "WHERE site_id = ?1 ORDER BY COALESCE(parent_id,0), position, id");
    s.bind(1, site_id);
    std::vector<Category> out;
    while (s.step())
      out.push_back(
          {s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.i32(5), s.text(6), s.i32(7) != 0, s.text(8)});
    return out;
  }

  Result<Article> article(Id site_id, Id id) override {
    auto r = reader();
    auto s = r->prepare(std::string("SELECT ") + kArticleCols + " FROM articles WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (s.step()) return read_article(s);
    return Status::error(Code::not_found, "không có bài viết này");
  }

  Result<Article> article_by_slug(Id site_id, std::string_view slug) override {
    auto r = reader();
    auto s = r->prepare(std::string("SELECT ") + kArticleCols + " FROM articles WHERE site_id = ?1 AND slug = ?2");
    s.bind(1, site_id).bind(2, slug);
    if (s.step()) return read_article(s);
    return Status::error(Code::not_found, "không có bài viết này");
  }

  ArticleList published(const ArticleQuery& q) override {
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
    }
    if (!q.with_total) return out;
    auto c = r->prepare("SELECT COUNT(*)" + where);
    bind(c);
    if (c.step()) out.total = c.i64(0);
    return out;
  }

  Result<Media> media(Id site_id, Id id) override {
    auto r = reader();
    auto s = r->prepare("SELECT id, site_id, file_name, mime, width, height, alt, bytes, renditions FROM media "
                        "WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (s.step()) return read_media(s);
    return Status::error(Code::not_found, "không có tệp này");
  }

  std::vector<Media> recent_media(Id site_id, int limit) override {
    auto r = reader();
    auto s = r->prepare("SELECT id, site_id, file_name, mime, width, height, alt, bytes, renditions FROM media "
                        "WHERE site_id = ?1 ORDER BY id DESC LIMIT ?2");
    s.bind(1, site_id).bind(2, std::max(0, limit));
    std::vector<Media> out;
    while (s.step()) out.push_back(read_media(s));
    return out;
  }

  std::int64_t article_count(Id site_id, Id category_id) override {
    auto r = reader();
    auto s = r->prepare(category_id ? "SELECT COUNT(*) FROM articles WHERE site_id = ?1 AND category_id = ?2"
                                    : "SELECT COUNT(*) FROM articles WHERE site_id = ?1");
    s.bind(1, site_id);
    if (category_id) s.bind(2, category_id);
    return s.step() ? s.i64(0) : 0;
  }

  Result<Id> create_site(Site x, std::vector<Category> sections) override {
    if (!clean_all(x.slug, x.host, x.name, x.portal_title, x.agency, x.responsible, x.licence, x.address, x.phone,
                   x.email, x.brand_color))
      return invalid_text();
    for (auto& c : sections)
      if (!clean_all(c.name, c.slug, c.description, c.link)) return invalid_text();
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Result<Id> {
      auto s = writer_.prepare(
          "INSERT INTO sites (host, name, portal_title, agency, responsible, licence, address, phone, email, "
          "brand_color, is_default, created_at, slug) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
      s.bind(1, x.host).bind(2, x.name).bind(3, x.portal_title).bind(4, x.agency).bind(5, x.responsible);
      s.bind(6, x.licence).bind(7, x.address).bind(8, x.phone).bind(9, x.email).bind(10, x.brand_color);
      s.bind(11, x.is_default).bind(12, unix_now()).bind(13, x.slug.empty() ? text::slugify(x.name) : x.slug);
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

  Result<Id> create_category(Category c) override {
    if (!clean_all(c.name, c.slug, c.description, c.link)) return invalid_text();
    std::lock_guard lock(write_mu_);
    return insert_category(c);
  }

  // Under write_mu_.
  Result<Id> insert_category(Category& c) {
    c.slug = unique_slug("categories", c.site_id, c.slug.empty() ? c.name : c.slug);
    auto s = writer_.prepare(
        "INSERT INTO categories (site_id, parent_id, name, slug, position, description, hidden, link) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    s.bind(1, c.site_id).bind_null_if_zero(2, c.parent_id).bind(3, c.name).bind(4, c.slug).bind(5, c.position);
    s.bind(6, c.description).bind(7, c.hidden).bind(8, c.link);
    return finish_insert(s);
  }

  Status update_category(const Category& c0) override {
    Category c = c0;
    if (!clean_all(c.name, c.description, c.link)) return invalid_text();
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(
        "UPDATE categories SET parent_id = ?3, name = ?4, position = ?5, description = ?6, hidden = ?7, link = ?8 "
        "WHERE site_id = ?1 AND id = ?2");
    s.bind(1, c.site_id).bind(2, c.id).bind_null_if_zero(3, c.parent_id).bind(4, c.name).bind(5, c.position);
    s.bind(6, c.description).bind(7, c.hidden).bind(8, c.link);
    return finish_change(s);
  }

  Result<Id> create_media(Media m) override {
    if (!clean_all(m.file_name, m.mime, m.alt)) return invalid_text();
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(
        "INSERT INTO media (site_id, file_name, mime, width, height, alt, bytes, created_at, renditions) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    s.bind(1, m.site_id).bind(2, m.file_name).bind(3, m.mime).bind(4, m.width).bind(5, m.height).bind(6, m.alt);
    s.bind(7, m.bytes).bind(8, unix_now()).bind(9, m.renditions);
    return finish_insert(s);
  }

  Result<Id> create_article(Article a) override {
    std::lock_guard lock(write_mu_);
    return insert_article(a);
  }

  Status create_articles(std::vector<Article> articles) override {
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Status {
      for (auto& a : articles)
        if (auto r = insert_article(a); !r) return r.status();
      return Status::ok();
    });
  }

  Status set_article_status(Id site_id, Id id, ArticleStatus st, std::int64_t now) override {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare("UPDATE articles SET status = ?3, updated_at = ?4 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id).bind(3, to_string(st)).bind(4, now);
    return finish_change(s);
  }

  std::vector<ArticleSummary> newsroom_list(const NewsroomQuery& q) override {
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
    return out;
  }

  Result<Article> save_article(Article a, int expected_version, Id saved_by, std::int64_t now) override {
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
        auto s = writer_.prepare(
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
        if (!s.done()) return Status::error(Code::io, writer_.error());
        if (writer_.changes() == 0) return stale_or_missing(a.site_id, a.id);
        version = expected_version + 1;
        if (auto st = index_article(a.id, a.title, a.lead, a.body_html); !st) return st;
      }
      {
        auto r = writer_.prepare(
            "INSERT INTO article_revisions (site_id, article_id, version, category_id, title, lead, body_html, source, "
            "author, saved_by, saved_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
        r.bind(1, a.site_id).bind(2, a.id).bind(3, version).bind(4, a.category_id).bind(5, a.title).bind(6, a.lead);
        r.bind(7, a.body_html).bind(8, a.source).bind(9, a.author).bind_null_if_zero(10, saved_by).bind(11, now);
        r.step();
        if (!r.done()) return Status::error(Code::io, writer_.error());
      }
      return Status::ok();
    });
    if (!saved) return saved;
    return read_article_locked(a.site_id, a.id);
  }

  Result<Article> transition(Id site_id, Id id, int expected_version, ArticleStatus to, std::int64_t published_at,
                             std::string note, std::int64_t now) override {
    if (!clean(note)) return invalid_text();
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(
        "UPDATE articles SET status = ?4, published_at = ?5, workflow_note = ?6, updated_at = ?7, version = version + 1 "
        "WHERE site_id = ?1 AND id = ?2 AND version = ?3");
    s.bind(1, site_id).bind(2, id).bind(3, expected_version).bind(4, to_string(to)).bind(5, published_at);
    s.bind(6, note).bind(7, now);
    s.step();
    if (!s.done()) return Status::error(Code::io, writer_.error());
    if (writer_.changes() == 0) return stale_or_missing(site_id, id);
    return read_article_locked(site_id, id);
  }

  std::vector<Revision> revisions(Id site_id, Id article_id) override {
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
    return out;
  }

  std::int64_t next_scheduled(Id site_id, std::int64_t after) override {
    auto r = reader();
    auto s = r->prepare("SELECT COALESCE(MIN(published_at),0) FROM articles "
                        "WHERE site_id = ?1 AND status = 'published' AND published_at > ?2");
    s.bind(1, site_id).bind(2, after);
    return s.step() ? s.i64(0) : 0;
  }

  Result<Id> create_user(User u) override {
    if (!clean_all(u.name, u.display_name, u.password_hash, u.role)) return invalid_text();
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(
        "INSERT INTO users (site_id, name, display_name, password_hash, role, disabled, created_at, updated_at) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?7)");
    s.bind(1, u.site_id).bind(2, u.name).bind(3, u.display_name).bind(4, u.password_hash).bind(5, u.role);
    s.bind(6, u.disabled).bind(7, u.created_at ? u.created_at : unix_now());
    return finish_insert(s);
  }

  Result<User> user_by_name(Id site_id, std::string_view name) override {
    return read_user("site_id = ?1 AND name = ?2", site_id, name);
  }

  Result<User> user(Id site_id, Id id) override { return read_user("site_id = ?1 AND id = ?2", site_id, id); }

  std::vector<User> users(Id site_id) override {
    auto r = reader();
    auto s = r->prepare(std::string("SELECT ") + kUserCols + " FROM users WHERE site_id = ?1 ORDER BY name");
    s.bind(1, site_id);
    std::vector<User> out;
    while (s.step()) out.push_back(read_user_row(s));
    return out;
  }

  Status update_user(const User& u0, bool end_sessions) override {
    User u = u0;
    if (!clean_all(u.display_name, u.password_hash, u.role)) return invalid_text();
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Status {
      auto s = writer_.prepare(
          "UPDATE users SET display_name = ?3, password_hash = ?4, role = ?5, disabled = ?6, updated_at = ?7, "
          "totp_secret = ?8 WHERE site_id = ?1 AND id = ?2");
      s.bind(1, u.site_id).bind(2, u.id).bind(3, u.display_name).bind(4, u.password_hash).bind(5, u.role);
      s.bind(6, u.disabled).bind(7, unix_now()).bind(8, u.totp_secret);
      if (auto st = finish_change(s); !st) return st;
      if (!end_sessions) return Status::ok();
      auto d = writer_.prepare("DELETE FROM sessions WHERE site_id = ?1 AND user_id = ?2");
      d.bind(1, u.site_id).bind(2, u.id);
      d.step();
      return d.done() ? Status::ok() : Status::error(Code::io, writer_.error());
    });
  }

  Status set_totp_roles(Id site_id, std::string_view roles) override {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare("UPDATE sites SET totp_roles = ?2 WHERE site_id = ?1");
    s.bind(1, site_id).bind(2, roles);
    return finish_change(s);
  }

  Status create_session(const Session& x) override {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(
        "INSERT INTO sessions (token_digest, site_id, user_id, csrf, address, created_at, expires_at) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7)");
    s.bind(1, x.token_digest).bind(2, x.site_id).bind(3, x.user_id).bind(4, x.csrf).bind(5, x.address);
    s.bind(6, x.created_at).bind(7, x.expires_at);
    auto r = finish_insert(s);
    return r ? Status::ok() : r.status();
  }

  Result<Session> session(std::string_view digest) override {
    auto r = reader();
    auto s = r->prepare("SELECT token_digest, site_id, user_id, csrf, address, created_at, expires_at FROM sessions "
                        "WHERE token_digest = ?1");
    s.bind(1, digest);
    if (s.step()) return Session{s.text(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.i64(5), s.i64(6)};
    return Status::error(Code::not_found, "không có phiên này");
  }

  Status delete_session(std::string_view digest) override {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare("DELETE FROM sessions WHERE token_digest = ?1");
    s.bind(1, digest);
    s.step();
    return s.done() ? Status::ok() : Status::error(Code::io, writer_.error());
  }

  std::vector<Genre> genres(Id site_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT code, name, coefficient, position FROM royalty_genres WHERE site_id = ?1 "
                        "ORDER BY position, code");
    s.bind(1, site_id);
    std::vector<Genre> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.f64(2), s.i32(3)});
    return out;
  }

  Status save_genres(Id site_id, const std::vector<Genre>& genres, std::int64_t base) override {
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Status {
      auto fail = [](std::string e) { return Status::error(Code::io, std::move(e)); };
      {
        auto d = writer_.prepare("DELETE FROM royalty_genres WHERE site_id = ?1");
        d.bind(1, site_id);
        d.step();
        if (!d.done()) return fail(writer_.error());
      }
      for (const auto& g0 : genres) {
        Genre g = g0;
        if (!clean_all(g.code, g.name)) return fail("văn bản không hợp lệ");
        auto i = writer_.prepare(
            "INSERT INTO royalty_genres (site_id, code, name, coefficient, position) VALUES (?1,?2,?3,?4,?5)");
        i.bind(1, site_id).bind(2, g.code).bind(3, g.name).bind_double(4, g.coefficient).bind(5, g.position);
        i.step();
        if (!i.done()) return fail(writer_.error());
      }
      {
        auto u = writer_.prepare("UPDATE sites SET royalty_base = ?2 WHERE site_id = ?1");
        u.bind(1, site_id).bind(2, base);
        u.step();
        if (!u.done()) return fail(writer_.error());
      }
      return Status::ok();
    });
  }

  std::int64_t royalty_base(Id site_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT royalty_base FROM sites WHERE site_id = ?1");
    s.bind(1, site_id);
    return s.step() ? s.i64(0) : 0;
  }

  std::vector<RoyaltyItem> royalty_items(Id site_id, std::int64_t from, std::int64_t to) override {
    auto r = reader();
    auto s = r->prepare("SELECT id, title, author, genre, published_at FROM articles WHERE site_id = ?1 AND "
                        "status = 'published' AND is_demo = 0 AND published_at >= ?2 AND published_at < ?3 "
                        "ORDER BY published_at, id");
    s.bind(1, site_id).bind(2, from).bind(3, to);
    std::vector<RoyaltyItem> out;
    while (s.step()) out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.i64(4)});
    return out;
  }

  Status create_token(Id site_id, Id user_id, std::string_view digest, std::int64_t now) override {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare("INSERT INTO api_tokens (site_id, user_id, token_digest, created_at) VALUES (?1,?2,?3,?4)");
    s.bind(1, site_id).bind(2, user_id).bind(3, digest).bind(4, now);
    auto r = finish_insert(s);
    return r ? Status::ok() : r.status();
  }

  Result<Id> token_user(Id site_id, std::string_view digest) override {
    auto r = reader();
    auto s = r->prepare("SELECT user_id FROM api_tokens WHERE site_id = ?1 AND token_digest = ?2 AND revoked_at = 0");
    s.bind(1, site_id).bind(2, digest);
    if (s.step()) return s.i64(0);
    return Status::error(Code::not_found, "không có khoá này");
  }

  Result<int> revoke_tokens(Id site_id, Id user_id, std::int64_t now) override {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare("UPDATE api_tokens SET revoked_at = ?3 WHERE site_id = ?1 AND user_id = ?2 AND revoked_at = 0");
    s.bind(1, site_id).bind(2, user_id).bind(3, now);
    s.step();
    if (!s.done()) return Status::error(Code::io, writer_.error());
    return writer_.changes();
  }

  // ---- Search ----

  Result<SearchResults> search(const SearchQuery& q) override {
    // The newest kSearchWindow matching articles (by id, which follows publication) are
    // ranked; the total is exact up to that many. Common words match most of the archive,
    // and ranking all of it costs tens of milliseconds; a reader pages through at most
    // the first hundred pages anyway.
    // CROSS JOIN keeps the full-text index as the outer loop, read newest first.
    std::string sql =
        "SELECT a.id, portico_rank(article_fts), a.published_at FROM article_fts CROSS JOIN articles a "
        "ON a.id = article_fts.rowid WHERE article_fts MATCH ?1 AND a.site_id = ?2 AND a.status = 'published' "
        "AND a.published_at <= ?3";
    sql += category_filter("a.category_id", q.categories);
    if (q.from) sql += " AND a.published_at >= ?5";
    if (q.to) sql += " AND a.published_at < ?6";
    sql += " ORDER BY article_fts.rowid DESC LIMIT " + std::to_string(kSearchWindow);
    struct Match {
      Id id;
      double score;
      std::int64_t published_at;
    };
    std::vector<Match> matches;
    auto r = reader();
    {
      auto s = r->prepare(sql);
      s.bind(1, q.match).bind(2, q.site_id).bind(3, q.now);
      if (q.from) s.bind(5, q.from);
      if (q.to) s.bind(6, q.to);
      while (s.step()) matches.push_back({s.i64(0), s.f64(1), s.i64(2)});
      if (s.rc() != SQLITE_DONE) return Status::error(Code::invalid, r->error());
    }
    auto newer = [](const Match& a, const Match& b) {
      return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
    };
    if (q.newest_first)
      std::sort(matches.begin(), matches.end(), newer);
    else
      std::sort(matches.begin(), matches.end(), [&](const Match& a, const Match& b) {
        return a.score != b.score ? a.score > b.score : newer(a, b);  // relevance, then recency
      });
    SearchResults out;
    out.total = static_cast<std::int64_t>(matches.size());
    out.capped = matches.size() >= kSearchWindow;
    std::size_t from = std::min<std::size_t>(matches.size(), static_cast<std::size_t>(std::max(0, q.offset)));
    std::size_t to = std::min<std::size_t>(matches.size(), from + static_cast<std::size_t>(std::max(0, q.limit)));
    for (std::size_t i = from; i < to; ++i) {
      auto s = r->prepare("SELECT id, category_id, title, slug, lead, COALESCE(cover_media_id,0), published_at, "
                          "updated_at, body_html FROM articles WHERE id = ?1");
      s.bind(1, matches[i].id);
      if (s.step())
        out.items.push_back({{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.i64(5), s.i64(6), s.i64(7)}, s.text(8)});
    }
    return out;
  }

  Result<std::int64_t> reindex() override {
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Result<std::int64_t> {
      writer_.exec("DELETE FROM article_fts");
      std::vector<std::tuple<Id, std::string, std::string, std::string>> rows;
      {
        auto s = writer_.prepare("SELECT id, title, lead, body_html FROM articles");
        while (s.step()) rows.emplace_back(s.i64(0), s.text(1), s.text(2), s.text(3));
      }
      for (const auto& [id, title, lead, body] : rows)
        if (auto st = index_article(id, title, lead, body); !st) return st;
      return static_cast<std::int64_t>(rows.size());
    });
  }

  // ---- The reader's sidebar ----

  // Runs f inside BEGIN IMMEDIATE … COMMIT; rolls back when f fails or throws. Caller
  // holds write_mu_.
  template <class F>
  auto in_transaction(F&& f) -> decltype(f()) {
    sqlite::Transaction tx(writer_);
    if (auto st = tx.began(); !st) return st;
    auto r = f();
    if (!r) return r;
    if (auto st = tx.commit(); !st) return st;
    return r;
  }

  Result<RatingTotals> add_rating(Id site_id, Id article_id, std::string_view visitor, int stars,
                                  std::string_view address, std::int64_t now) override {
    if (stars < 1 || stars > 5) return Status::error(Code::invalid, "số sao phải từ 1 đến 5");
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Result<RatingTotals> {
      auto ins = writer_.prepare(
          "INSERT INTO article_ratings (site_id, article_id, visitor, stars, address, created_at) "
          "VALUES (?1,?2,?3,?4,?5,?6)");
      ins.bind(1, site_id).bind(2, article_id).bind(3, visitor).bind(4, stars).bind(5, address).bind(6, now);
      if (auto r = finish_insert(ins); !r) return r.status();
      auto up = writer_.prepare(
          "INSERT INTO rating_totals (article_id, site_id, points, count) VALUES (?1,?2,?3,1) "
          "ON CONFLICT (article_id) DO UPDATE SET points = points + ?3, count = count + 1 "
          "RETURNING points, count");
      up.bind(1, article_id).bind(2, site_id).bind(3, stars);
      if (!up.step()) return Status::error(Code::io, writer_.error());
      RatingTotals t{up.i64(0), up.i64(1)};
      up.step();
      return t;
    });
  }

  RatingTotals rating_totals(Id site_id, Id article_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT points, count FROM rating_totals WHERE site_id = ?1 AND article_id = ?2");
    s.bind(1, site_id).bind(2, article_id);
    if (s.step()) return {s.i64(0), s.i64(1)};
    return {};
  }

  static void read_options(Connection& c, Poll& p) {
    auto s = c.prepare("SELECT id, label, position, votes FROM poll_options WHERE poll_id = ?1 ORDER BY position, id");
    s.bind(1, p.id);
    while (s.step()) p.options.push_back({s.i64(0), s.text(1), s.i32(2), s.i64(3)});
    auto v = c.prepare("SELECT COUNT(*) FROM poll_voters WHERE poll_id = ?1");
    v.bind(1, p.id);
    if (v.step()) p.voters = v.i64(0);
  }

  static constexpr const char* kPollCols =
      "id, site_id, question, multiple, opens_at, closes_at, COALESCE(category_id,0) FROM polls";

  static Poll read_poll(Stmt& s) {
    Poll p;
    p.id = s.i64(0);
    p.site_id = s.i64(1);
    p.question = s.text(2);
    p.multiple = s.i32(3) != 0;
    p.opens_at = s.i64(4);
    p.closes_at = s.i64(5);
    p.category_id = s.i64(6);
    return p;
  }

  Result<Id> save_poll(Poll p, std::int64_t now) override {
    if (!clean(p.question)) return invalid_text();
    for (auto& o : p.options)
      if (!clean(o.label)) return invalid_text();
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Result<Id> {
      if (p.id == 0) {
        auto s = writer_.prepare(
            "INSERT INTO polls (site_id, question, multiple, opens_at, closes_at, category_id, created_at) "
            "VALUES (?1,?2,?3,?4,?5,?6,?7)");
        s.bind(1, p.site_id).bind(2, p.question).bind(3, p.multiple).bind(4, p.opens_at).bind(5, p.closes_at);
        s.bind_null_if_zero(6, p.category_id).bind(7, now);
        auto id = finish_insert(s);
        if (!id) return id;
        p.id = *id;
      } else {
        auto s = writer_.prepare(
            "UPDATE polls SET question = ?3, multiple = ?4, opens_at = ?5, closes_at = ?6, category_id = ?7 "
            "WHERE site_id = ?1 AND id = ?2");
        s.bind(1, p.site_id).bind(2, p.id).bind(3, p.question).bind(4, p.multiple).bind(5, p.opens_at);
        s.bind(6, p.closes_at).bind_null_if_zero(7, p.category_id);
        if (auto st = finish_change(s); !st) return st;
      }
      Poll old;
      old.id = p.id;
      read_options(writer_, old);
      bool same_set = old.options.size() == p.options.size();
      for (std::size_t i = 0; same_set && i < p.options.size(); ++i) same_set = p.options[i].id == old.options[i].id;
      if (!same_set && old.voters > 0)
        return Status::error(Code::conflict, "đã có người bình chọn: không thể thêm hoặc bớt phương án");
      if (!same_set) {
        auto del = writer_.prepare("DELETE FROM poll_options WHERE poll_id = ?1");
        del.bind(1, p.id);
        del.step();
      }
      int pos = 0;
      for (const auto& o : p.options) {
        if (same_set) {
          auto s = writer_.prepare("UPDATE poll_options SET label = ?2, position = ?3 WHERE id = ?1");
          s.bind(1, o.id).bind(2, o.label).bind(3, pos++);
          s.step();
        } else {
          auto s = writer_.prepare("INSERT INTO poll_options (poll_id, label, position) VALUES (?1,?2,?3)");
          s.bind(1, p.id).bind(2, o.label).bind(3, pos++);
          if (auto r = finish_insert(s); !r) return r.status();
        }
      }
      return p.id;
    });
  }

  Result<Poll> poll(Id site_id, Id id) override {
    auto r = reader();
    auto s = r->prepare(std::string("SELECT ") + kPollCols + " WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (!s.step()) return Status::error(Code::not_found, "không có cuộc bình chọn này");
    Poll p = read_poll(s);
    read_options(*r, p);
    return p;
  }

  std::vector<Poll> polls(Id site_id) override {
    auto r = reader();
    std::vector<Poll> out;
    {
      auto s = r->prepare(std::string("SELECT ") + kPollCols + " WHERE site_id = ?1 ORDER BY opens_at DESC, id DESC");
      s.bind(1, site_id);
      while (s.step()) out.push_back(read_poll(s));
    }
    for (auto& p : out) read_options(*r, p);
    return out;
  }

  Status delete_poll(Id site_id, Id id) override {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare("DELETE FROM polls WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    return finish_change(s);
  }

  Result<Poll> add_vote(Id site_id, Id poll_id, std::string_view visitor, const std::vector<Id>& options,
                        std::string_view address, std::int64_t now) override {
    std::lock_guard lock(write_mu_);
    auto done = in_transaction([&]() -> Status {
      auto ins = writer_.prepare("INSERT INTO poll_voters (poll_id, visitor, address, created_at) "
                                 "SELECT id, ?3, ?4, ?5 FROM polls WHERE site_id = ?1 AND id = ?2");
      ins.bind(1, site_id).bind(2, poll_id).bind(3, visitor).bind(4, address).bind(5, now);
      if (auto r = finish_insert(ins); !r) return r.status();
      if (writer_.changes() == 0) return Status::error(Code::not_found, "không có cuộc bình chọn này");
      for (Id o : options) {
        auto up = writer_.prepare("UPDATE poll_options SET votes = votes + 1 WHERE poll_id = ?1 AND id = ?2");
        up.bind(1, poll_id).bind(2, o);
        up.step();
        if (writer_.changes() != 1) return Status::error(Code::invalid, "phương án không thuộc cuộc bình chọn này");
      }
      return Status::ok();
    });
    if (!done) return done;
    Poll p;
    {
      auto s = writer_.prepare(std::string("SELECT ") + kPollCols + " WHERE id = ?1");
      s.bind(1, poll_id);
      if (!s.step()) return Status::error(Code::not_found, "không có cuộc bình chọn này");
      p = read_poll(s);
    }
    read_options(writer_, p);
    return p;
  }

  Status add_visits(Id site_id, const std::vector<VisitDay>& days) override {
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Status {
      for (const auto& d : days) {
        auto s = writer_.prepare("INSERT INTO visit_days (site_id, day, views) VALUES (?1,?2,?3) "
                                 "ON CONFLICT (site_id, day) DO UPDATE SET views = views + ?3");
        s.bind(1, site_id).bind(2, d.day).bind(3, d.views);
        s.step();
        if (!s.done()) return Status::error(Code::io, writer_.error());
      }
      return Status::ok();
    });
  }

  std::vector<VisitDay> visit_days(Id site_id, std::int64_t from_day) override {
    auto r = reader();
    auto s = r->prepare("SELECT day, views FROM visit_days WHERE site_id = ?1 AND day >= ?2 ORDER BY day");
    s.bind(1, site_id).bind(2, from_day);
    std::vector<VisitDay> out;
    while (s.step()) out.push_back({s.i64(0), s.i64(1)});
    return out;
  }

  std::int64_t visit_total(Id site_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT COALESCE(SUM(views),0) FROM visit_days WHERE site_id = ?1");
    s.bind(1, site_id);
    return s.step() ? s.i64(0) : 0;
  }

  std::vector<WidgetSetting> widget_settings(Id site_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT kind, position, visible FROM widget_settings WHERE site_id = ?1 ORDER BY position");
    s.bind(1, site_id);
    std::vector<WidgetSetting> out;
    while (s.step()) out.push_back({s.text(0), s.i32(1), s.i32(2) != 0});
    return out;
  }

  Status save_widget_settings(Id site_id, const std::vector<WidgetSetting>& settings) override {
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Status {
      auto del = writer_.prepare("DELETE FROM widget_settings WHERE site_id = ?1");
      del.bind(1, site_id);
      del.step();
      for (const auto& w : settings) {
        auto s = writer_.prepare("INSERT INTO widget_settings (site_id, kind, position, visible) VALUES (?1,?2,?3,?4)");
        s.bind(1, site_id).bind(2, w.kind).bind(3, w.position).bind(4, w.visible);
        if (auto r = finish_insert(s); !r) return r.status();
      }
      return Status::ok();
    });
  }

  std::vector<Link> links(Id site_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT id, site_id, name, url, position FROM links WHERE site_id = ?1 ORDER BY position, id");
    s.bind(1, site_id);
    std::vector<Link> out;
    while (s.step()) out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.i32(4)});
    return out;
  }

  Result<Id> save_link(Link l) override {
    if (!clean_all(l.name, l.url)) return invalid_text();
    std::lock_guard lock(write_mu_);
    if (l.id == 0) {
      auto s = writer_.prepare("INSERT INTO links (site_id, name, url, position) VALUES (?1,?2,?3,?4)");
      s.bind(1, l.site_id).bind(2, l.name).bind(3, l.url).bind(4, l.position);
      return finish_insert(s);
    }
    auto s = writer_.prepare("UPDATE links SET name = ?3, url = ?4, position = ?5 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, l.site_id).bind(2, l.id).bind(3, l.name).bind(4, l.url).bind(5, l.position);
    if (auto st = finish_change(s); !st) return st;
    return l.id;
  }

  Status delete_link(Id site_id, Id id) override { return delete_row("links", site_id, id); }

  std::vector<Place> places(Id site_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT id, site_id, name, address, lat, lon, weather, position FROM places "
                        "WHERE site_id = ?1 ORDER BY position, id");
    s.bind(1, site_id);
    std::vector<Place> out;
    while (s.step())
      out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.f64(4), s.f64(5), s.i32(6) != 0, s.i32(7)});
    return out;
  }

  Result<Id> save_place(Place p) override {
    if (!clean_all(p.name, p.address)) return invalid_text();
    std::lock_guard lock(write_mu_);
    if (p.id == 0) {
      auto s = writer_.prepare("INSERT INTO places (site_id, name, address, lat, lon, weather, position) "
                               "VALUES (?1,?2,?3,?4,?5,?6,?7)");
      s.bind(1, p.site_id).bind(2, p.name).bind(3, p.address).bind_double(4, p.lat).bind_double(5, p.lon);
      s.bind(6, p.weather).bind(7, p.position);
      return finish_insert(s);
    }
    auto s = writer_.prepare("UPDATE places SET name = ?3, address = ?4, lat = ?5, lon = ?6, weather = ?7, "
                             "position = ?8 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, p.site_id).bind(2, p.id).bind(3, p.name).bind(4, p.address).bind_double(5, p.lat);
    s.bind_double(6, p.lon).bind(7, p.weather).bind(8, p.position);
    if (auto st = finish_change(s); !st) return st;
    return p.id;
  }

  Status delete_place(Id site_id, Id id) override { return delete_row("places", site_id, id); }

  std::vector<WeatherReading> weather(Id site_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT w.place_id, w.observed_at, w.temperature, w.humidity, w.wind, w.code "
                        "FROM weather_readings w JOIN places p ON p.id = w.place_id WHERE p.site_id = ?1");
    s.bind(1, site_id);
    std::vector<WeatherReading> out;
    while (s.step()) out.push_back({s.i64(0), s.i64(1), s.f64(2), s.f64(3), s.f64(4), s.i32(5)});
    return out;
  }

  Status save_weather(const WeatherReading& w) override {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(
        "INSERT INTO weather_readings (place_id, observed_at, temperature, humidity, wind, code) "
        "VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT (place_id) DO UPDATE SET observed_at = ?2, temperature = ?3, "
        "humidity = ?4, wind = ?5, code = ?6");
    s.bind(1, w.place_id).bind(2, w.observed_at).bind_double(3, w.temperature).bind_double(4, w.humidity);
    s.bind_double(5, w.wind).bind(6, w.code);
    return finish_change(s);
  }

  static constexpr const char* kVideoCols =
      "SELECT id, site_id, title, file_name, mime, embed_url, captions_file, created_at FROM videos ";
  static Video read_video(Stmt& s) {
    return {s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.i64(7)};
  }

  std::vector<Video> videos(Id site_id, int limit) override {
    auto r = reader();
    auto s = r->prepare(std::string(kVideoCols) + "WHERE site_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2");
    s.bind(1, site_id).bind(2, std::max(0, limit));
    std::vector<Video> out;
    while (s.step()) out.push_back(read_video(s));
    return out;
  }

  Result<Video> video(Id site_id, Id id) override {
    auto r = reader();
    auto s = r->prepare(std::string(kVideoCols) + "WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (s.step()) return read_video(s);
    return Status::error(Code::not_found, "không có chương trình này");
  }

  Result<Id> create_video(Video v) override {
    if (!clean_all(v.title, v.file_name, v.mime, v.embed_url, v.captions_file)) return invalid_text();
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare("INSERT INTO videos (site_id, title, file_name, mime, embed_url, captions_file, "
                             "created_at) VALUES (?1,?2,?3,?4,?5,?6,?7)");
    s.bind(1, v.site_id).bind(2, v.title).bind(3, v.file_name).bind(4, v.mime).bind(5, v.embed_url);
    s.bind(6, v.captions_file).bind(7, v.created_at);
    return finish_insert(s);
  }

  Status delete_video(Id site_id, Id id) override { return delete_row("videos", site_id, id); }

  // ---- Legal documents ----

  static constexpr const char* kDocumentCols =
      "SELECT d.id, d.site_id, d.slug, d.number, d.doc_type, d.issuer, d.signer, d.field, d.summary, d.body_html, "
      "d.issued_on, d.effective_on, d.expires_on, d.annulled, COALESCE(d.replaced_by, 0), COALESCE(r.number, ''), "
      "COALESCE(r.slug, ''), d.created_at, d.updated_at FROM documents d LEFT JOIN documents r ON r.id = d.replaced_by ";
  static Document read_document(Stmt& s) {
    Document d;
    d.id = s.i64(0), d.site_id = s.i64(1), d.slug = s.text(2), d.number = s.text(3), d.doc_type = s.text(4);
    d.issuer = s.text(5), d.signer = s.text(6), d.field = s.text(7), d.summary = s.text(8), d.body_html = s.text(9);
    d.issued_on = s.i64(10), d.effective_on = s.i64(11), d.expires_on = s.i64(12), d.annulled = s.i64(13) != 0;
    d.replaced_by = s.i64(14), d.replaced_by_number = s.text(15), d.replaced_by_slug = s.text(16);
    d.created_at = s.i64(17), d.updated_at = s.i64(18);
    return d;
  }
  // The state as SQL, against ?1 = today.
  static constexpr const char* kDocumentState =
      "(CASE WHEN d.replaced_by IS NOT NULL THEN 'replaced' "
      "WHEN d.annulled = 1 OR (d.expires_on > 0 AND d.expires_on <= ?1) THEN 'expired' "
      "WHEN d.effective_on > ?1 THEN 'pending' ELSE 'effective' END)";

  Result<Document> read_one_document(Connection& c, const std::string& where, Id site_id, std::string_view key, Id id) {
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

  Result<Document> document(Id site_id, Id id) override {
    auto r = reader();
    return read_one_document(*r, "WHERE d.site_id = ?1 AND d.id = ?2", site_id, {}, id);
  }

  Result<Document> document_by_slug(Id site_id, std::string_view slug) override {
    auto r = reader();
    return read_one_document(*r, "WHERE d.site_id = ?1 AND d.slug = ?2", site_id, slug, 0);
  }

  DocumentList documents(const DocumentQuery& q) override {
    // Parameters: ?1 today, ?2 site, ?3 match, ?4 type, ?5 issuer, ?6 field, ?7 year, ?8 state.
    enum Dim { type, issuer, field, year, state, none };
    auto where = [&](Dim skip) {
      std::string w = " WHERE d.site_id = ?2";
      if (!q.match.empty()) w += " AND d.id IN (SELECT rowid FROM document_fts WHERE document_fts MATCH ?3)";
      if (skip != type && !q.doc_type.empty()) w += " AND d.doc_type = ?4";
      if (skip != issuer && !q.issuer.empty()) w += " AND d.issuer = ?5";
      if (skip != field && !q.field.empty()) w += " AND d.field = ?6";
      if (skip != year && q.year) w += " AND CAST(strftime('%Y', d.issued_on * 86400, 'unixepoch') AS INTEGER) = ?7";
      if (skip != state && q.state) w += std::string(" AND ") + kDocumentState + " = ?8";
      return w;
    };
    auto bind = [&](Stmt& s) {
      s.bind(1, q.today).bind(2, q.site_id);
      if (!q.match.empty()) s.bind(3, q.match);
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
    }
    {
      auto s = r->prepare("SELECT COUNT(*) FROM documents d" + where(none));
      bind(s);
      if (s.step()) out.total = s.i64(0);
    }
    auto facet = [&](Dim dim, const std::string& expr, const char* order, std::vector<Facet>& into) {
      auto s = r->prepare("SELECT " + expr + ", COUNT(*) FROM documents d" + where(dim) + " GROUP BY 1 ORDER BY " + order);
      bind(s);
      while (s.step())
        if (std::string v = s.text(0); !v.empty()) into.push_back({v, s.i64(1)});
    };
    facet(type, "d.doc_type", "2 DESC, 1", out.types);
    facet(issuer, "d.issuer", "2 DESC, 1", out.issuers);
    facet(field, "d.field", "2 DESC, 1", out.fields);
    facet(year, "strftime('%Y', d.issued_on * 86400, 'unixepoch')", "1 DESC", out.years);
    facet(state, kDocumentState, "1", out.states);
    return out;
  }

  std::vector<Document> documents_numbered(Id site_id, std::string_view number) override {
    std::string n = text::to_nfc(number);
    auto r = reader();
    auto s = r->prepare(std::string(kDocumentCols) + "WHERE d.site_id = ?1 AND d.number = ?2 ORDER BY d.id");
    s.bind(1, site_id).bind(2, n);
    std::vector<Document> out;
    while (s.step()) out.push_back(read_document(s));
    return out;
  }

  // Caller holds write_mu_.
  Status check_document(Document& d) {
    if (!clean_all(d.number, d.doc_type, d.issuer, d.signer, d.field, d.summary, d.body_html)) return invalid_text();
    if (d.number.empty() || d.doc_type.empty() || d.issuer.empty() || d.summary.empty() || d.issued_on <= 0)
      return Status::error(Code::invalid, "văn bản cần số/ký hiệu, loại, cơ quan ban hành, trích yếu và ngày ban hành");
    if (d.replaced_by) {
      if (d.replaced_by == d.id) return Status::error(Code::invalid, "văn bản không thể thay thế chính nó");
      auto s = writer_.prepare("SELECT 1 FROM documents WHERE site_id = ?1 AND id = ?2");
      s.bind(1, d.site_id).bind(2, d.replaced_by);
      if (!s.step()) return Status::error(Code::invalid, "văn bản thay thế không tồn tại");
    }
    return Status::ok();
  }

  // Caller holds write_mu_ inside a transaction.
  Result<Id> write_document(Document& d, std::int64_t now) {
    if (auto st = check_document(d); !st) return st;
    Id id = d.id;
    if (id == 0) {
      d.slug = unique_slug("documents", d.site_id, d.doc_type + " " + d.number);
      auto s = writer_.prepare(
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
      auto s = writer_.prepare(
          "UPDATE documents SET number = ?3, doc_type = ?4, issuer = ?5, signer = ?6, field = ?7, summary = ?8, "
          "body_html = ?9, issued_on = ?10, effective_on = ?11, expires_on = ?12, annulled = ?13, replaced_by = ?14, "
          "updated_at = ?15 WHERE site_id = ?1 AND id = ?2");
      s.bind(1, d.site_id).bind(2, d.id).bind(3, d.number).bind(4, d.doc_type).bind(5, d.issuer).bind(6, d.signer);
      s.bind(7, d.field).bind(8, d.summary).bind(9, d.body_html).bind(10, d.issued_on).bind(11, d.effective_on);
      s.bind(12, d.expires_on).bind(13, d.annulled).bind_null_if_zero(14, d.replaced_by).bind(15, now);
      s.step();
      if (!s.done()) {
        if ((s.rc() & 0xff) == SQLITE_CONSTRAINT) return duplicate_document(d);
        return Status::error(Code::io, writer_.error());
      }
      if (writer_.changes() == 0) return Status::error(Code::not_found, "không có văn bản này");
    }
    if (!d.files.empty()) {
      auto p = writer_.prepare("SELECT COALESCE(MAX(position) + 1, 0) FROM document_files WHERE document_id = ?1");
      p.bind(1, id);
      int position = p.step() ? p.i32(0) : 0;
      for (auto& f : d.files) {
        f.document_id = id;
        f.position = position++;
        if (auto st = insert_document_file(f); !st) return st.status();
      }
    }
    // The search row: number and summary as the title; the rest as the body.
    std::string body = d.doc_type + "\n" + d.issuer + "\n" + d.signer + "\n" + d.field + "\n" + text::html_to_text(d.body_html);
    std::string title = d.number + "\n" + d.summary;
    auto del = writer_.prepare("DELETE FROM document_fts WHERE rowid = ?1");
    del.bind(1, id);
    del.step();
    auto ins = writer_.prepare("INSERT INTO document_fts (rowid, title_x, body_x, title_f, body_f) VALUES (?1,?2,?3,?4,?5)");
    ins.bind(1, id).bind(2, title).bind(3, body).bind(4, text::fold(title)).bind(5, text::fold(body));
    ins.step();
    if (!ins.done()) return Status::error(Code::io, writer_.error());
    return id;
  }

  static Status duplicate_document(const Document& d) {
    return Status::error(Code::conflict, "đã có văn bản số " + d.number + " của " + d.issuer);
  }

  Result<Id> insert_document_file(DocumentFile& f) {
    if (!clean_all(f.file_name, f.original_name, f.mime)) return invalid_text();
    auto s = writer_.prepare("INSERT INTO document_files (document_id, file_name, original_name, mime, bytes, position) "
                             "VALUES (?1,?2,?3,?4,?5,?6)");
    s.bind(1, f.document_id).bind(2, f.file_name).bind(3, f.original_name).bind(4, f.mime).bind(5, f.bytes);
    s.bind(6, f.position);
    return finish_insert(s);
  }

  Result<Id> save_document(Document d, std::int64_t now, const std::vector<Id>& drop_files) override {
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Result<Id> {
      auto id = write_document(d, now);
      if (!id) return id;
      for (Id f : drop_files) {
        auto s = writer_.prepare("DELETE FROM document_files WHERE id = ?1 AND document_id = ?2");
        s.bind(1, f).bind(2, *id);
        if (auto st = finish_change(s); !st) return st;
      }
      return id;
    });
  }

  Status create_documents(std::vector<Document> docs, std::int64_t now) override {
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Status {
      for (auto& d : docs) {
        d.id = 0;
        if (auto id = write_document(d, now); !id) return id.status();
      }
      return Status::ok();
    });
  }

  Status delete_document(Id site_id, Id id) override {
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Status {
      auto s = writer_.prepare("DELETE FROM documents WHERE site_id = ?1 AND id = ?2");
      s.bind(1, site_id).bind(2, id);
      if (auto st = finish_change(s); !st) return st;
      auto f = writer_.prepare("DELETE FROM document_fts WHERE rowid = ?1");
      f.bind(1, id);
      f.step();
      return f.done() ? Status::ok() : Status::error(Code::io, writer_.error());
    });
  }

  Result<Id> add_document_file(Id site_id, DocumentFile f) override {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare("SELECT COALESCE((SELECT MAX(position) + 1 FROM document_files WHERE document_id = d.id), 0) "
                             "FROM documents d WHERE d.site_id = ?1 AND d.id = ?2");
    s.bind(1, site_id).bind(2, f.document_id);
    if (!s.step()) return Status::error(Code::not_found, "không có văn bản này");
    f.position = s.i32(0);
    return insert_document_file(f);
  }

  // ---- Q&A ----

  static constexpr const char* kQuestionCols =
      "SELECT id, site_id, code, topic, title, body, sender_name, sender_contact, attachment_file, attachment_name, "
      "attachment_mime, status, department, answer, reason, created_at, updated_at, published_at FROM questions ";
  static Question read_question(Stmt& s) {
    Question q;
    q.id = s.i64(0), q.site_id = s.i64(1), q.code = s.text(2), q.topic = s.text(3), q.title = s.text(4);
    q.body = s.text(5), q.sender_name = s.text(6), q.sender_contact = s.text(7), q.attachment_file = s.text(8);
    q.attachment_name = s.text(9), q.attachment_mime = s.text(10);
    q.status = parse_question_status(s.text(11)).value_or(QuestionStatus::fresh);
    q.department = s.text(12), q.answer = s.text(13), q.reason = s.text(14);
    q.created_at = s.i64(15), q.updated_at = s.i64(16), q.published_at = s.i64(17);
    return q;
  }

  Result<Id> create_question(Question q) override {
    if (!clean_all(q.code, q.topic, q.title, q.body, q.sender_name, q.sender_contact, q.attachment_file,
                   q.attachment_name, q.attachment_mime))
      return invalid_text();
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(
        "INSERT INTO questions (site_id, code, topic, title, body, sender_name, sender_contact, attachment_file, "
        "attachment_name, attachment_mime, status, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,'new',?11,?11)");
    s.bind(1, q.site_id).bind(2, q.code).bind(3, q.topic).bind(4, q.title).bind(5, q.body).bind(6, q.sender_name);
    s.bind(7, q.sender_contact).bind(8, q.attachment_file).bind(9, q.attachment_name).bind(10, q.attachment_mime);
    s.bind(11, q.created_at);
    return finish_insert(s);
  }

  Result<Question> question(Id site_id, Id id) override {
    auto r = reader();
    auto s = r->prepare(std::string(kQuestionCols) + "WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (s.step()) return read_question(s);
    return Status::error(Code::not_found, "không có câu hỏi này");
  }

  Result<Question> question_by_code(Id site_id, std::string_view code) override {
    auto r = reader();
    auto s = r->prepare(std::string(kQuestionCols) + "WHERE site_id = ?1 AND code = ?2");
    s.bind(1, site_id).bind(2, code);
    if (s.step()) return read_question(s);
    return Status::error(Code::not_found, "không có câu hỏi với mã này");
  }

  QuestionList questions(const QuestionQuery& q) override {
    std::string where = "WHERE site_id = ?1";
    if (q.status) where += " AND status = ?2";
    if (!q.match.empty()) where += " AND id IN (SELECT rowid FROM question_fts WHERE question_fts MATCH ?3)";
    if (!q.topic.empty()) where += " AND topic = ?4";
    auto bind = [&](Stmt& s) {
      s.bind(1, q.site_id);
      if (q.status) s.bind(2, to_string(*q.status));
      if (!q.match.empty()) s.bind(3, q.match);
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
    }
    auto c = r->prepare("SELECT COUNT(*) FROM questions " + where);
    bind(c);
    if (c.step()) out.total = c.i64(0);
    return out;
  }

  std::vector<Facet> question_topics(Id site_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT topic, COUNT(*) FROM questions WHERE site_id = ?1 AND status = 'published' "
                        "GROUP BY topic ORDER BY topic");
    s.bind(1, site_id);
    std::vector<Facet> out;
    while (s.step()) out.push_back({s.text(0), s.i64(1)});
    return out;
  }

  Status update_question(const Question& in) override {
    Question q = in;
    if (!clean_all(q.department, q.answer, q.reason, q.title, q.body, q.topic)) return invalid_text();
    std::lock_guard lock(write_mu_);
    return in_transaction([&]() -> Status {
      auto s = writer_.prepare(
          "UPDATE questions SET status = ?3, department = ?4, answer = ?5, reason = ?6, published_at = ?7, "
          "updated_at = ?8, title = ?9, body = ?10, topic = ?11 WHERE site_id = ?1 AND id = ?2");
      s.bind(1, q.site_id).bind(2, q.id).bind(3, to_string(q.status)).bind(4, q.department).bind(5, q.answer);
      s.bind(6, q.reason).bind(7, q.published_at).bind(8, q.updated_at).bind(9, q.title).bind(10, q.body);
      s.bind(11, q.topic);
      if (auto st = finish_change(s); !st) return st;
      auto del = writer_.prepare("DELETE FROM question_fts WHERE rowid = ?1");
      del.bind(1, q.id);
      del.step();
      if (q.status != QuestionStatus::published) return Status::ok();
      // Only what the public sees is indexed: never the sender's name or contact.
      std::string title = q.title + "\n" + q.topic;
      std::string body = q.body + "\n" + q.answer + "\n" + q.department;
      auto ins = writer_.prepare("INSERT INTO question_fts (rowid, title_x, body_x, title_f, body_f) VALUES (?1,?2,?3,?4,?5)");
      ins.bind(1, q.id).bind(2, title).bind(3, body).bind(4, text::fold(title)).bind(5, text::fold(body));
      ins.step();
      return ins.done() ? Status::ok() : Status::error(Code::io, writer_.error());
    });
  }

  // ---- Datasets ----

  static constexpr const char* kDatasetCols =
      "SELECT id, site_id, slug, title, description, source, source_url, unit, chart, table_csv, headline, featured, "
      "position, created_at, updated_at FROM datasets ";
  static Dataset read_dataset(Stmt& s) {
    Dataset d;
    d.id = s.i64(0), d.site_id = s.i64(1), d.slug = s.text(2), d.title = s.text(3), d.description = s.text(4);
    d.source = s.text(5), d.source_url = s.text(6), d.unit = s.text(7), d.chart = s.text(8), d.table_csv = s.text(9);
    d.headline = s.text(10), d.featured = s.i64(11) != 0, d.position = s.i32(12);
    d.created_at = s.i64(13), d.updated_at = s.i64(14);
    return d;
  }

  std::vector<Dataset> datasets(Id site_id) override {
    auto r = reader();
    auto s = r->prepare(std::string(kDatasetCols) + "WHERE site_id = ?1 ORDER BY position, id");
    s.bind(1, site_id);
    std::vector<Dataset> out;
    while (s.step()) out.push_back(read_dataset(s));
    return out;
  }

  Result<Dataset> dataset(Id site_id, Id id) override {
    auto r = reader();
    auto s = r->prepare(std::string(kDatasetCols) + "WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (s.step()) return read_dataset(s);
    return Status::error(Code::not_found, "không có bộ số liệu này");
  }

  Result<Dataset> dataset_by_slug(Id site_id, std::string_view slug) override {
    auto r = reader();
    auto s = r->prepare(std::string(kDatasetCols) + "WHERE site_id = ?1 AND slug = ?2");
    s.bind(1, site_id).bind(2, slug);
    if (s.step()) return read_dataset(s);
    return Status::error(Code::not_found, "không có bộ số liệu này");
  }

  Result<Id> save_dataset(Dataset d, std::int64_t now) override {
    if (!clean_all(d.title, d.description, d.source, d.source_url, d.unit, d.chart, d.table_csv, d.headline))
      return invalid_text();
    std::lock_guard lock(write_mu_);
    if (d.id == 0) {
      d.slug = unique_slug("datasets", d.site_id, d.title);
      auto s = writer_.prepare(
          "INSERT INTO datasets (site_id, slug, title, description, source, source_url, unit, chart, table_csv, headline, "
          "featured, position, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?13)");
      s.bind(1, d.site_id).bind(2, d.slug).bind(3, d.title).bind(4, d.description).bind(5, d.source);
      s.bind(6, d.source_url).bind(7, d.unit).bind(8, d.chart).bind(9, d.table_csv).bind(10, d.headline);
      s.bind(11, d.featured).bind(12, d.position).bind(13, now);
      return finish_insert(s);
    }
    auto s = writer_.prepare(
        "UPDATE datasets SET title = ?3, description = ?4, source = ?5, source_url = ?6, unit = ?7, chart = ?8, "
        "table_csv = ?9, headline = ?10, featured = ?11, position = ?12, updated_at = ?13 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, d.site_id).bind(2, d.id).bind(3, d.title).bind(4, d.description).bind(5, d.source).bind(6, d.source_url);
    s.bind(7, d.unit).bind(8, d.chart).bind(9, d.table_csv).bind(10, d.headline).bind(11, d.featured);
    s.bind(12, d.position).bind(13, now);
    if (auto st = finish_change(s); !st) return st;
    return d.id;
  }

  Status delete_dataset(Id site_id, Id id) override { return delete_row("datasets", site_id, id); }

  // ---- Drafts for comment, the work schedule ----

  static constexpr const char* kDraftCols =
      "SELECT d.id, d.site_id, d.slug, d.title, d.agency, d.summary, d.body_html, d.opens_at, d.closes_at, d.created_at, "
      "d.updated_at, (SELECT COUNT(*) FROM draft_comments c WHERE c.draft_id = d.id) FROM drafts d ";
  static Draft read_draft(Stmt& s) {
    Draft d;
    d.id = s.i64(0), d.site_id = s.i64(1), d.slug = s.text(2), d.title = s.text(3), d.agency = s.text(4);
    d.summary = s.text(5), d.body_html = s.text(6), d.opens_at = s.i64(7), d.closes_at = s.i64(8);
    d.created_at = s.i64(9), d.updated_at = s.i64(10), d.comments = s.i64(11);
    return d;
  }

  std::vector<Draft> drafts(Id site_id) override {
    auto r = reader();
    auto s = r->prepare(std::string(kDraftCols) + "WHERE d.site_id = ?1 ORDER BY d.closes_at DESC, d.id DESC");
    s.bind(1, site_id);
    std::vector<Draft> out;
    while (s.step()) out.push_back(read_draft(s));
    return out;
  }

  Result<Draft> draft(Id site_id, Id id) override {
    auto r = reader();
    auto s = r->prepare(std::string(kDraftCols) + "WHERE d.site_id = ?1 AND d.id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (s.step()) return read_draft(s);
    return Status::error(Code::not_found, "không có dự thảo này");
  }

  Result<Draft> draft_by_slug(Id site_id, std::string_view slug) override {
    auto r = reader();
    auto s = r->prepare(std::string(kDraftCols) + "WHERE d.site_id = ?1 AND d.slug = ?2");
    s.bind(1, site_id).bind(2, slug);
    if (s.step()) return read_draft(s);
    return Status::error(Code::not_found, "không có dự thảo này");
  }

  Result<Id> save_draft(Draft d, std::int64_t now) override {
    if (!clean_all(d.title, d.agency, d.summary, d.body_html)) return invalid_text();
    std::lock_guard lock(write_mu_);
    if (d.id == 0) {
      d.slug = unique_slug("drafts", d.site_id, d.title);
      auto s = writer_.prepare(
          "INSERT INTO drafts (site_id, slug, title, agency, summary, body_html, opens_at, closes_at, created_at, updated_at) "
          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?9)");
      s.bind(1, d.site_id).bind(2, d.slug).bind(3, d.title).bind(4, d.agency).bind(5, d.summary).bind(6, d.body_html);
      s.bind(7, d.opens_at).bind(8, d.closes_at).bind(9, now);
      return finish_insert(s);
    }
    auto s = writer_.prepare(
        "UPDATE drafts SET title = ?3, agency = ?4, summary = ?5, body_html = ?6, opens_at = ?7, closes_at = ?8, "
        "updated_at = ?9 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, d.site_id).bind(2, d.id).bind(3, d.title).bind(4, d.agency).bind(5, d.summary).bind(6, d.body_html);
    s.bind(7, d.opens_at).bind(8, d.closes_at).bind(9, now);
    if (auto st = finish_change(s); !st) return st;
    return d.id;
  }

  Status delete_draft(Id site_id, Id id) override { return delete_row("drafts", site_id, id); }

  Result<Id> add_comment(Id site_id, DraftComment c, std::int64_t now) override {
    if (!clean_all(c.sender_name, c.sender_contact, c.body)) return invalid_text();
    std::lock_guard lock(write_mu_);
    // The window is checked by the insert itself: a comment one second late is never stored.
    auto s = writer_.prepare(
        "INSERT INTO draft_comments (draft_id, sender_name, sender_contact, body, created_at) "
        "SELECT id, ?3, ?4, ?5, ?6 FROM drafts WHERE site_id = ?1 AND id = ?2 AND opens_at <= ?6 AND closes_at > ?6");
    s.bind(1, site_id).bind(2, c.draft_id).bind(3, c.sender_name).bind(4, c.sender_contact).bind(5, c.body).bind(6, now);
    s.step();
    if (!s.done()) return Status::error(Code::io, writer_.error());
    if (writer_.changes() == 0) return Status::error(Code::conflict, "dự thảo không nhận góp ý vào lúc này");
    return writer_.last_insert_id();
  }

  std::vector<DraftComment> comments(Id site_id, Id draft_id) override {
    auto r = reader();
    auto s = r->prepare(
        "SELECT c.id, c.draft_id, c.sender_name, c.sender_contact, c.body, c.created_at FROM draft_comments c "
        "JOIN drafts d ON d.id = c.draft_id WHERE d.site_id = ?1 AND c.draft_id = ?2 ORDER BY c.created_at, c.id");
    s.bind(1, site_id).bind(2, draft_id);
    std::vector<DraftComment> out;
    while (s.step()) out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.i64(5)});
    return out;
  }

  std::vector<ScheduleItem> schedule(Id site_id, std::int64_t from, std::int64_t to) override {
    auto r = reader();
    auto s = r->prepare("SELECT id, site_id, starts_at, leader, content, place, attendees FROM schedule_items "
                        "WHERE site_id = ?1 AND starts_at >= ?2 AND starts_at < ?3 ORDER BY starts_at, id");
    s.bind(1, site_id).bind(2, from).bind(3, to);
    std::vector<ScheduleItem> out;
    while (s.step()) out.push_back({s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.text(5), s.text(6)});
    return out;
  }

  Result<Id> save_schedule_item(ScheduleItem i, std::int64_t now) override {
    if (!clean_all(i.leader, i.content, i.place, i.attendees)) return invalid_text();
    std::lock_guard lock(write_mu_);
    if (i.id == 0) {
      auto s = writer_.prepare("INSERT INTO schedule_items (site_id, starts_at, leader, content, place, attendees, "
                               "created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?7)");
      s.bind(1, i.site_id).bind(2, i.starts_at).bind(3, i.leader).bind(4, i.content).bind(5, i.place).bind(6, i.attendees);
      s.bind(7, now);
      return finish_insert(s);
    }
    auto s = writer_.prepare("UPDATE schedule_items SET starts_at = ?3, leader = ?4, content = ?5, place = ?6, "
                             "attendees = ?7, updated_at = ?8 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, i.site_id).bind(2, i.id).bind(3, i.starts_at).bind(4, i.leader).bind(5, i.content).bind(6, i.place);
    s.bind(7, i.attendees).bind(8, now);
    if (auto st = finish_change(s); !st) return st;
    return i.id;
  }

  Status delete_schedule_item(Id site_id, Id id) override { return delete_row("schedule_items", site_id, id); }

  // ---- Organisation ----

  std::string site_text(Id site_id, std::string_view key, std::string_view lang) override {
    auto r = reader();
    auto s = r->prepare("SELECT body_html FROM site_texts WHERE site_id = ?1 AND key = ?2 AND lang = ?3");
    s.bind(1, site_id).bind(2, key).bind(3, lang);
    return s.step() ? s.text(0) : std::string();
  }

  Status set_site_text(Id site_id, std::string_view key, std::string_view lang, std::string body_html) override {
    if (!clean(body_html)) return invalid_text();
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare("INSERT INTO site_texts (site_id, key, lang, body_html) VALUES (?1,?2,?3,?4) "
                             "ON CONFLICT (site_id, key, lang) DO UPDATE SET body_html = excluded.body_html");
    s.bind(1, site_id).bind(2, key).bind(3, lang).bind(4, body_html);
    s.step();
    return s.done() ? Status::ok() : Status::error(Code::invalid, writer_.error());
  }

  std::vector<OrgUnit> org_units(Id site_id) override {
    auto r = reader();
    auto s = r->prepare("SELECT id, site_id, COALESCE(parent_id, 0), name, name_en, functions, functions_en, address, phone, "
                        "email, leaders, position FROM org_units WHERE site_id = ?1 ORDER BY COALESCE(parent_id, 0), position, id");
    s.bind(1, site_id);
    std::vector<OrgUnit> out;
    while (s.step())
      out.push_back({s.i64(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8),
                     s.text(9), s.text(10), s.i32(11)});
    return out;
  }

  Result<Id> save_org_unit(OrgUnit u) override {
    if (!clean_all(u.name, u.name_en, u.functions, u.functions_en, u.address, u.phone, u.email, u.leaders))
      return invalid_text();
    std::lock_guard lock(write_mu_);
    if (u.parent_id) {
      auto p = writer_.prepare("SELECT 1 FROM org_units WHERE site_id = ?1 AND id = ?2");
      p.bind(1, u.site_id).bind(2, u.parent_id);
      if (!p.step() || u.parent_id == u.id) return Status::error(Code::invalid, "đơn vị cấp trên không hợp lệ");
    }
    if (u.id == 0) {
      auto s = writer_.prepare("INSERT INTO org_units (site_id, parent_id, name, name_en, functions, functions_en, address, "
                               "phone, email, leaders, position) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
      s.bind(1, u.site_id).bind_null_if_zero(2, u.parent_id).bind(3, u.name).bind(4, u.name_en).bind(5, u.functions);
      s.bind(6, u.functions_en).bind(7, u.address).bind(8, u.phone).bind(9, u.email).bind(10, u.leaders).bind(11, u.position);
      return finish_insert(s);
    }
    auto s = writer_.prepare("UPDATE org_units SET parent_id = ?3, name = ?4, name_en = ?5, functions = ?6, functions_en = ?7, "
                             "address = ?8, phone = ?9, email = ?10, leaders = ?11, position = ?12 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, u.site_id).bind(2, u.id).bind_null_if_zero(3, u.parent_id).bind(4, u.name).bind(5, u.name_en);
    s.bind(6, u.functions).bind(7, u.functions_en).bind(8, u.address).bind(9, u.phone).bind(10, u.email).bind(11, u.leaders);
    s.bind(12, u.position);
    if (auto st = finish_change(s); !st) return st;
    return u.id;
  }

  Status delete_org_unit(Id site_id, Id id) override { return delete_row("org_units", site_id, id); }

  Status delete_row(const char* table, Id site_id, Id id) {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(std::string("DELETE FROM ") + table + " WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    return finish_change(s);
  }

  Status append_audit(AuditEntry e) override {
    if (!clean_all(e.actor, e.action, e.target, e.address, e.detail)) return invalid_text();
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(
        "INSERT INTO audit_log (site_id, at, actor_id, actor, action, target, address, detail) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    s.bind(1, e.site_id).bind(2, e.at ? e.at : unix_now()).bind_null_if_zero(3, e.actor_id).bind(4, e.actor);
    s.bind(5, e.action).bind(6, e.target).bind(7, e.address).bind(8, e.detail);
    auto r = finish_insert(s);
    return r ? Status::ok() : r.status();
  }

  std::vector<AuditEntry> audit(Id site_id, int limit, int offset) override {
    auto r = reader();
    auto s = r->prepare(
        "SELECT id, site_id, at, COALESCE(actor_id,0), actor, action, target, address, detail FROM audit_log "
        "WHERE site_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2 OFFSET ?3");
    s.bind(1, site_id).bind(2, std::max(0, limit)).bind(3, std::max(0, offset));
    std::vector<AuditEntry> out;
    while (s.step())
      out.push_back({s.i64(0), s.i64(1), s.i64(2), s.i64(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)});
    return out;
  }

 private:
  static constexpr const char* kUserCols =
      "id, site_id, name, display_name, password_hash, role, disabled, created_at, updated_at, totp_secret";

  static User read_user_row(Stmt& s) {
    return User{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.i32(6) != 0, s.i64(7), s.i64(8), s.text(9)};
  }

  template <class K>
  Result<User> read_user(const char* where, Id site_id, const K& key) {
    auto r = reader();
    auto s = r->prepare(std::string("SELECT ") + kUserCols + " FROM users WHERE " + where);
    s.bind(1, site_id).bind(2, key);
    if (s.step()) return read_user_row(s);
    return Status::error(Code::not_found, "không có tài khoản này");
  }

  // Caller holds write_mu_. Why an update at a version touched no row.
  Status stale_or_missing(Id site_id, Id id) {
    auto s = writer_.prepare("SELECT version FROM articles WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (!s.step()) return Status::error(Code::not_found, "không có bài viết này");
    return Status::error(Code::conflict, "bài viết đã được người khác lưu (phiên bản " + std::to_string(s.i32(0)) + ")");
  }

  // Caller holds write_mu_: reads through the writer, so it sees its own transaction.
  Result<Article> read_article_locked(Id site_id, Id id) {
    auto s = writer_.prepare(std::string("SELECT ") + kArticleCols + " FROM articles WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (s.step()) return read_article(s);
    return Status::error(Code::not_found, "không có bài viết này");
  }

  Status finish_change(Stmt& s) {
    s.step();
    if (!s.done()) return Status::error(Code::io, writer_.error());
    if (writer_.changes() == 0) return Status::error(Code::not_found, "không có bản ghi này");
    return Status::ok();
  }

  // RAII checkout of a reader connection from the pool.
  class Lease {
   public:
    Lease(SqliteStore& s, std::unique_ptr<Connection> c) : s_(s), c_(std::move(c)) {}
    ~Lease() { s_.give_back(std::move(c_)); }
    Connection* operator->() { return c_.get(); }
    Connection& operator*() { return *c_; }

   private:
    SqliteStore& s_;
    std::unique_ptr<Connection> c_;
  };

  Lease reader() {
    std::unique_lock lock(pool_mu_);
    pool_cv_.wait(lock, [&] { return !readers_.empty(); });
    auto c = std::move(readers_.back());
    readers_.pop_back();
    return Lease(*this, std::move(c));
  }

  void give_back(std::unique_ptr<Connection> c) {
    {
      std::lock_guard lock(pool_mu_);
      readers_.push_back(std::move(c));
    }
    pool_cv_.notify_one();
  }

  Status migrate() {
    std::lock_guard lock(write_mu_);
    if (auto e = writer_.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                              "applied_at INTEGER NOT NULL)");
        !e.empty())
      return Status::error(Code::io, e);
    int current = 0;
    {
      auto s = writer_.prepare("SELECT COALESCE(MAX(version),0) FROM schema_version");
      if (s.step()) current = s.i32(0);
    }
    for (const auto& m : sqlite::kMigrations) {
      if (m.version <= current) continue;
      std::string sql = "BEGIN IMMEDIATE;" + std::string(m.sql) +
                        "INSERT INTO schema_version VALUES (" + std::to_string(m.version) +
                        ", " + std::to_string(unix_now()) + "); COMMIT;";
      if (auto e = writer_.exec(sql); !e.empty()) {
        writer_.exec("ROLLBACK");
        return Status::error(Code::io, "migration " + std::to_string(m.version) + " failed: " + e);
      }
    }
    return Status::ok();
  }

  // Caller holds write_mu_.
  std::string unique_slug(const char* table, Id site_id, const std::string& from) {
    std::string base = text::slugify(from);
    if (base.empty()) base = "muc";
    std::string sql = std::string("SELECT 1 FROM ") + table + " WHERE site_id = ?1 AND slug = ?2";
    for (int n = 1;; ++n) {
      std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
      auto s = writer_.prepare(sql);
      s.bind(1, site_id).bind(2, candidate);
      if (!s.step()) return candidate;
    }
  }

  // Caller holds write_mu_.
  Result<Id> insert_article(Article& a) {
    if (!clean_all(a.title, a.slug, a.lead, a.body_html, a.cover_caption, a.source, a.author)) return invalid_text();
    if (a.title.empty()) return Status::error(Code::invalid, "bài viết cần có tiêu đề");
    a.slug = unique_slug("articles", a.site_id, a.slug.empty() ? a.title : a.slug);
    if (a.slug.empty()) a.slug = "bai-viet";
    if (a.created_at == 0) a.created_at = a.published_at;
    if (a.updated_at == 0) a.updated_at = std::max(a.created_at, a.published_at);
    auto s = writer_.prepare(
        "INSERT INTO articles (site_id, category_id, title, slug, lead, body_html, cover_media_id, cover_caption, "
        "source, author, status, is_featured, is_demo, published_at, created_at, updated_at, created_by, genre, "
        "related_override) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)");
    s.bind(1, a.site_id).bind(2, a.category_id).bind(3, a.title).bind(4, a.slug).bind(5, a.lead);
    s.bind(6, a.body_html).bind_null_if_zero(7, a.cover_media_id).bind(8, a.cover_caption).bind(9, a.source);
    s.bind(10, a.author).bind(11, to_string(a.status)).bind(12, a.is_featured).bind(13, a.is_demo);
    s.bind(14, a.published_at).bind(15, a.created_at).bind(16, a.updated_at).bind_null_if_zero(17, a.created_by);
    s.bind(18, a.genre).bind(19, a.related_override);
    auto id = finish_insert(s);
    if (!id) return id;
    if (auto st = index_article(*id, a.title, a.lead, a.body_html); !st) return st;
    return id;
  }

  // The search row of an article: its words as written and folded. Caller holds write_mu_.
  Status index_article(Id id, const std::string& title, const std::string& lead, const std::string& body_html) {
    std::string text = lead + "\n" + text::html_to_text(body_html);
    {
      auto d = writer_.prepare("DELETE FROM article_fts WHERE rowid = ?1");
      d.bind(1, id);
      d.step();
    }
    auto s = writer_.prepare("INSERT INTO article_fts (rowid, title_x, body_x, title_f, body_f) VALUES (?1,?2,?3,?4,?5)");
    s.bind(1, id).bind(2, title).bind(3, text).bind(4, text::fold(title)).bind(5, text::fold(text));
    s.step();
    if (!s.done()) return Status::error(Code::io, writer_.error());
    return Status::ok();
  }

  Result<Id> finish_insert(Stmt& s) {
    s.step();
    if (!s.done()) {
      int rc = s.rc();
      std::string msg = writer_.error();
      Code code = (rc & 0xff) == SQLITE_CONSTRAINT ? Code::conflict : Code::io;
      return Status::error(code, msg);
    }
    return writer_.last_insert_id();
  }

  std::mutex write_mu_;  // guards writer_: SQLite allows one writer; we make that explicit
  Connection writer_;
  std::mutex pool_mu_;  // guards readers_
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options) {
  auto store = std::make_unique<SqliteStore>();
  if (auto st = store->open(options); !st) return st;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace portico
