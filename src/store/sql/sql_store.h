// The Store over SQL, private to src/store/: one implementation for both engines (SQLite,
// PostgreSQL), through sql/db.h. Its methods are defined by domain in sql_store.cpp (opening,
// sites, categories, articles, media), search.cpp (search and its index), accounts.cpp, sharing.cpp (news shared down
// and proposed up), widgets.cpp (the sidebar) and gov.cpp (documents, Q&A, datasets,
// drafts, schedule, organisation). What the engines do differently (schema, full-text
// search) is in dialect.h and each engine's migrations.
#pragma once
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "store/sql/db.h"
#include "store/sql/dialect.h"
#include "store/store.h"
#include "text/html.h"
#include "text/unicode.h"

namespace portico::sql {



// Validates and normalises every text field before it is written.
inline bool clean(std::string& s) {
  if (!text::is_valid_utf8(s)) return false;
  s = text::to_nfc(s);
  return true;
}

template <class... S>
inline bool clean_all(S&... s) {
  return (clean(s) && ...);
}

// Record-keeping time (created_at of sites and media, migration dates); content times
// (published_at, updated_at) come from the caller's Clock.
inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

inline Status invalid_text() { return Status::error(Code::invalid, "văn bản không phải UTF-8 hợp lệ"); }
// Times come from the caller's Clock (a test's, a node's), never from the store's own.
inline Status no_time() { return Status::error(Code::invalid, "thiếu thời điểm (lấy từ đồng hồ của cổng)"); }

// " AND <column> IN (3,7,9)": the ids are numbers, written into the statement so that the
// planner sees how many there are; empty: no condition.
inline std::string category_filter(const char* column, const std::vector<Id>& ids) {
  if (ids.empty()) return {};
  std::string out = std::string(" AND ") + column + (ids.size() == 1 ? " = " : " IN (");
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return ids.size() == 1 ? out : out + ")";
}

inline constexpr const char* kArticleCols =
    "id, site_id, category_id, title, slug, lead, body_html, cover_media_id, cover_caption, source, author, status, "
    "is_featured, is_demo, published_at, created_at, updated_at, created_by, version, workflow_note, genre, "
    "related_override, source_url, rating_points, rating_count";  // plain columns: a NULL reads as 0

inline Article read_article(Stmt& s) {
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
  a.source_url = s.text(22);
  a.rating = {s.i64(23), s.i64(24)};
  return a;
}

inline constexpr const char* kSiteCols =
    "site_id, host, name, portal_title, agency, responsible, licence, address, phone, email, brand_color, is_default, "
    "slug, totp_roles, COALESCE(parent_id, 0), kind, disabled, COALESCE(logo_media_id, 0), COALESCE(banner_media_id, 0), "
    "notice, notice_from, notice_until, read_only, monitor_script";


inline Media read_media(Stmt& s) {
  return Media{s.i64(0), s.i64(1), s.text(2), s.text(3), s.i32(4), s.i32(5), s.text(6), s.i64(7), s.text(8), s.i64(9)};
}

inline Site read_site(Stmt& s) {
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
  x.parent_id = s.i64(14);
  x.kind = s.text(15);
  x.disabled = s.i32(16) != 0;
  x.logo_media_id = s.i64(17);
  x.banner_media_id = s.i64(18);
  x.notice = s.text(19);
  x.notice_from = s.i64(20);
  x.notice_until = s.i64(21);
  x.read_only = s.i32(22) != 0;
  x.monitor_script = s.text(23);
  return x;
}

inline constexpr std::size_t kSearchWindow = 500;

class SqlStore final : public Store {
 public:
  // Migrates with the engine's migrations (oldest first), through the writer, then serves
  // reads from the readers.
  Status open(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers,
              std::span<const Migration> migrations);
  int schema_version() override;
  int known_schema_version() const override { return known_version_; }
  Result<Site> site_for_host(std::string_view host) override;
  Result<Site> site(Id id) override;
  Result<std::vector<Site>> sites() override;
  Result<std::int64_t> sites_generation() override;
  Result<std::vector<Category>> categories(Id site_id) override;
  Result<Article> article(Id site_id, Id id) override;
  Result<Article> article_by_slug(Id site_id, std::string_view slug) override;
  Result<ArticleList> published(const ArticleQuery& q) override;
  Result<Media> media(Id site_id, Id id) override;
  Result<std::vector<Media>> recent_media(Id site_id, int limit) override;
  Result<std::int64_t> article_count(Id site_id, Id category_id) override;
  Result<Id> create_site(Site x, std::vector<Category> sections) override;
  Status update_site(const Site& x) override;
  Result<Id> create_category(Category c) override;

  // Under write_mu_.
  Result<Id> insert_category(Category& c);
  Status update_category(const Category& c0) override;
  Result<Id> create_media(Media m) override;
  Result<Id> create_article(Article a) override;
  Status create_articles(std::vector<Article> articles) override;
  Status set_article_status(Id site_id, Id id, ArticleStatus st, std::int64_t now) override;
  Result<std::vector<ArticleSummary>> newsroom_list(const NewsroomQuery& q) override;
  Result<Article> save_article(Article a, int expected_version, Id saved_by, std::int64_t now) override;
  Result<Article> transition(Id site_id, Id id, int expected_version, ArticleStatus to, std::int64_t published_at,
                             std::string note, std::int64_t now) override;

  Result<std::vector<Revision>> revisions(Id site_id, Id article_id) override;
  Result<std::int64_t> next_scheduled(Id site_id, std::int64_t after) override;

  // ---- Sharing and proposals (sqlite_sharing.cpp) ----

  Status set_shares(Id site_id, Id article_id, const std::vector<Id>& targets, Id by, std::int64_t now) override;
  Result<std::vector<Id>> shares(Id site_id, Id article_id) override;
  Result<std::vector<Id>> share_targets(Id site_id) override;
  Result<ArticleList> shared_with(Id site_id, std::int64_t now, int offset, int limit) override;
  Result<Article> shared_article(Id site_id, std::string_view slug) override;
  Result<Id> add_proposal(const Proposal& p) override;
  Result<std::vector<Proposal>> proposals(Id site_id, int limit) override;
  Result<std::vector<Proposal>> proposals_of(Id from_site_id, Id article_id) override;
  Result<Proposal> proposal(Id site_id, Id id) override;
  Result<Id> take_proposal(Id site_id, Id id, Article copy, Id by, std::int64_t now) override;
  Status decline_proposal(Id site_id, Id id, std::string reason, Id by, std::int64_t now) override;
  Result<Id> create_user(User u) override;
  Result<User> user_by_name(Id site_id, std::string_view name) override;
  Result<User> user(Id site_id, Id id) override;
  Result<std::vector<User>> users(Id site_id) override;
  Status update_user(const User& u0, bool end_sessions) override;
  Status set_totp_roles(Id site_id, std::string_view roles) override;
  Result<User> member(Id site_id, std::string_view name) override;
  Result<User> member_by_id(Id site_id, Id user_id) override;
  Status set_site_role(Id user_id, Id site_id, std::string_view role) override;
  Result<std::vector<std::pair<Id, std::string>>> site_roles(Id user_id) override;
  Status create_session(const Session& x) override;
  Result<Session> session(std::string_view digest) override;
  Status delete_session(std::string_view digest) override;
  Status add_sign_in_failure(std::string_view key, std::int64_t at) override;
  Result<std::vector<std::int64_t>> sign_in_failures(std::string_view key, std::int64_t since) override;
  Status clear_sign_in_failures(std::string_view key) override;
  Result<std::vector<Genre>> genres(Id site_id) override;
  Status save_genres(Id site_id, const std::vector<Genre>& genres, std::int64_t base) override;
  Result<std::int64_t> royalty_base(Id site_id) override;
  Result<std::vector<RoyaltyItem>> royalty_items(Id site_id, std::int64_t from, std::int64_t to) override;
  Status create_token(Id site_id, Id user_id, std::string_view digest, std::int64_t now) override;
  Result<Id> token_user(Id site_id, std::string_view digest) override;
  Result<int> revoke_tokens(Id site_id, Id user_id, std::int64_t now) override;

  // ---- Search ----

  Result<SearchResults> search(const SearchQuery& q) override;
  Result<std::int64_t> reindex() override;

  // ---- The reader's sidebar ----

  // Runs f inside a write transaction on c; rolls back when f fails or throws. Without c: on
  // the writer, and the caller holds write_mu_.
  template <class F>
  static auto in_transaction(Connection& c, F&& f) -> decltype(f()) {
    Transaction tx(c);
    if (auto st = tx.began(); !st) return st;
    auto r = f();
    if (!r) return r;
    if (auto st = tx.commit(); !st) return st;
    return r;
  }
  template <class F>
  auto in_transaction(F&& f) -> decltype(f()) {
    return in_transaction(*writer_, std::forward<F>(f));
  }

  // f(Connection&) for a write that the database's own constraints keep right when several
  // run at once (a rating: one per visitor, totals by increment; a vote; a plain insert).
  // On PostgreSQL it takes any pooled connection, so that concurrent commits overlap and
  // share a WAL flush instead of queueing for the one writer; SQLite has one writer.
  template <class F>
  auto concurrent_write(F&& f) -> decltype(f(std::declval<Connection&>())) {
    if (writer_->engine() == Engine::postgresql) {
      auto r = reader();
      return f(*r);
    }
    std::lock_guard lock(write_mu_);
    return f(*writer_);
  }

  Result<RatingTotals> add_rating(Id site_id, Id article_id, std::string_view visitor, int stars,
                                  std::string_view address, std::int64_t now) override;

  // False when a statement failed (the options or the count may then be missing).
  static bool read_options(Connection& c, Poll& p);
  static constexpr const char* kPollCols =
      "id, site_id, question, multiple, opens_at, closes_at, COALESCE(category_id,0) FROM polls";

  static Poll read_poll(Stmt& s);
  Result<Id> save_poll(Poll p, std::int64_t now) override;
  Result<Poll> poll(Id site_id, Id id) override;
  Result<std::vector<Poll>> polls(Id site_id) override;
  Status delete_poll(Id site_id, Id id) override;
  Result<Poll> add_vote(Id site_id, Id poll_id, std::string_view visitor, const std::vector<Id>& options,
                        std::string_view address, std::int64_t now) override;

  Status add_visits(Id site_id, const std::vector<VisitDay>& days) override;
  Result<std::vector<VisitDay>> visit_days(Id site_id, std::int64_t from_day) override;
  Result<std::int64_t> visit_total(Id site_id) override;
  Result<std::int64_t> note_online(Id site_id, const std::vector<std::string>& visitors, std::int64_t at,
                                   std::int64_t since) override;
  Result<std::vector<WidgetSetting>> widget_settings(Id site_id) override;
  Status save_widget_settings(Id site_id, const std::vector<WidgetSetting>& settings) override;
  Result<std::vector<Link>> links(Id site_id) override;
  Result<Id> save_link(Link l) override;
  Status delete_link(Id site_id, Id id) override;
  Result<std::vector<Place>> places(Id site_id) override;
  Result<Id> save_place(Place p) override;
  Status delete_place(Id site_id, Id id) override;
  Result<std::vector<WeatherReading>> weather(Id site_id) override;
  Status save_weather(const WeatherReading& w) override;
  static constexpr const char* kVideoCols =
      "SELECT id, site_id, title, file_name, mime, embed_url, captions_file, created_at FROM videos ";
  static Video read_video(Stmt& s);
  Result<std::vector<Video>> videos(Id site_id, int limit) override;
  Result<Video> video(Id site_id, Id id) override;
  Result<Id> create_video(Video v) override;
  Status delete_video(Id site_id, Id id) override;

  // ---- Legal documents ----

  static constexpr const char* kDocumentCols =
      "SELECT d.id, d.site_id, d.slug, d.number, d.doc_type, d.issuer, d.signer, d.field, d.summary, d.body_html, "
      "d.issued_on, d.effective_on, d.expires_on, d.annulled, COALESCE(d.replaced_by, 0), COALESCE(r.number, ''), "
      "COALESCE(r.slug, ''), d.created_at, d.updated_at FROM documents d LEFT JOIN documents r ON r.id = d.replaced_by ";
  static Document read_document(Stmt& s);
  // The state as SQL, against ?1 = today.
  static constexpr const char* kDocumentState =
      "(CASE WHEN d.replaced_by IS NOT NULL THEN 'replaced' "
      "WHEN d.annulled = 1 OR (d.expires_on > 0 AND d.expires_on <= ?1) THEN 'expired' "
      "WHEN d.effective_on > ?1 THEN 'pending' ELSE 'effective' END)";

  Result<Document> read_one_document(Connection& c, const std::string& where, Id site_id, std::string_view key, Id id);
  Result<Document> document(Id site_id, Id id) override;
  Result<Document> document_by_slug(Id site_id, std::string_view slug) override;
  Result<DocumentList> documents(const DocumentQuery& q) override;
  Result<std::vector<Document>> documents_numbered(Id site_id, std::string_view number) override;

  // Caller holds write_mu_.
  Status check_document(Document& d);

  // Caller holds write_mu_ inside a transaction.
  Result<Id> write_document(Document& d, std::int64_t now);
  static Status duplicate_document(const Document& d);
  Result<Id> insert_document_file(DocumentFile& f);
  Result<Id> save_document(Document d, std::int64_t now, const std::vector<Id>& drop_files) override;
  Status create_documents(std::vector<Document> docs, std::int64_t now) override;
  Status delete_document(Id site_id, Id id) override;
  Result<Id> add_document_file(Id site_id, DocumentFile f) override;

  // ---- Q&A ----

  static constexpr const char* kQuestionCols =
      "SELECT id, site_id, code, topic, title, body, sender_name, sender_contact, attachment_file, attachment_name, "
      "attachment_mime, status, department, answer, reason, created_at, updated_at, published_at FROM questions ";
  static Question read_question(Stmt& s);
  Result<Id> create_question(Question q) override;
  Result<Question> question(Id site_id, Id id) override;
  Result<Question> question_by_code(Id site_id, std::string_view code) override;
  Result<QuestionList> questions(const QuestionQuery& q) override;
  Result<std::vector<Facet>> question_topics(Id site_id) override;
  Status update_question(const Question& in) override;

  // ---- Datasets ----

  static constexpr const char* kDatasetCols =
      "SELECT id, site_id, slug, title, description, source, source_url, unit, chart, table_csv, headline, featured, "
      "position, created_at, updated_at FROM datasets ";
  static Dataset read_dataset(Stmt& s);
  Result<std::vector<Dataset>> datasets(Id site_id) override;
  Result<Dataset> dataset(Id site_id, Id id) override;
  Result<Dataset> dataset_by_slug(Id site_id, std::string_view slug) override;
  Result<Id> save_dataset(Dataset d, std::int64_t now) override;
  Status delete_dataset(Id site_id, Id id) override;

  // ---- Drafts for comment, the work schedule ----

  static constexpr const char* kDraftCols =
      "SELECT d.id, d.site_id, d.slug, d.title, d.agency, d.summary, d.body_html, d.opens_at, d.closes_at, d.created_at, "
      "d.updated_at, (SELECT COUNT(*) FROM draft_comments c WHERE c.draft_id = d.id) FROM drafts d ";
  static Draft read_draft(Stmt& s);
  Result<std::vector<Draft>> drafts(Id site_id) override;
  Result<Draft> draft(Id site_id, Id id) override;
  Result<Draft> draft_by_slug(Id site_id, std::string_view slug) override;
  Result<Id> save_draft(Draft d, std::int64_t now) override;
  Status delete_draft(Id site_id, Id id) override;
  Result<Id> add_comment(Id site_id, DraftComment c, std::int64_t now) override;
  Result<std::vector<DraftComment>> comments(Id site_id, Id draft_id) override;
  Result<std::vector<ScheduleItem>> schedule(Id site_id, std::int64_t from, std::int64_t to) override;
  Result<Id> save_schedule_item(ScheduleItem i, std::int64_t now) override;
  Status delete_schedule_item(Id site_id, Id id) override;

  // ---- Organisation ----

  Result<std::string> site_text(Id site_id, std::string_view key, std::string_view lang) override;
  Status set_site_text(Id site_id, std::string_view key, std::string_view lang, std::string body_html) override;
  Result<std::vector<OrgUnit>> org_units(Id site_id) override;
  Result<Id> save_org_unit(OrgUnit u) override;
  Status delete_org_unit(Id site_id, Id id) override;
  Status delete_row(const char* table, Id site_id, Id id);
  Status append_audit(AuditEntry e) override;
  Result<std::vector<AuditEntry>> audit(Id site_id, int limit, int offset) override;

 private:
  static constexpr const char* kUserCols =
      "id, site_id, name, display_name, password_hash, role, disabled, created_at, updated_at, totp_secret, platform";

  static User read_user_row(Stmt& s) {
    return User{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.i32(6) != 0, s.i64(7), s.i64(8), s.text(9),
                s.i32(10) != 0};
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
    auto s = writer_->prepare("SELECT version FROM articles WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (!s.step()) return Status::error(Code::not_found, "không có bài viết này");
    return Status::error(Code::conflict, "bài viết đã được người khác lưu (phiên bản " + std::to_string(s.i32(0)) + ")");
  }

  // Caller holds write_mu_: reads through the writer, so it sees its own transaction.
  Result<Article> read_article_locked(Id site_id, Id id) {
    auto s = writer_->prepare(std::string("SELECT ") + kArticleCols + " FROM articles WHERE site_id = ?1 AND id = ?2");
    s.bind(1, site_id).bind(2, id);
    if (s.step()) return read_article(s);
    return Status::error(Code::not_found, "không có bài viết này");
  }

  Status finish_change(Stmt& s) {
    s.step();
    if (!s.done()) return Status::error(Code::io, writer_->error());
    if (writer_->changes() == 0) return Status::error(Code::not_found, "không có bản ghi này");
    return Status::ok();
  }

  // RAII checkout of a reader connection from the pool.
  class Lease {
   public:
    Lease(SqlStore& s, std::unique_ptr<Connection> c) : s_(s), c_(std::move(c)) {}
    ~Lease() { s_.give_back(std::move(c_)); }
    Connection* operator->() { return c_.get(); }
    Connection& operator*() { return *c_; }

   private:
    SqlStore& s_;
    std::unique_ptr<Connection> c_;
  };

  Lease reader() {
    std::unique_lock lock(pool_mu_);
    pool_cv_.wait(lock, [&] { return !readers_.empty(); });
    auto c = std::move(readers_.back());
    readers_.pop_back();
    lock.unlock();
    try {
      c->check();  // a dropped server connection is made again (or Unavailable)
    } catch (...) {
      give_back(std::move(c));
      throw;
    }
    return Lease(*this, std::move(c));
  }

  void give_back(std::unique_ptr<Connection> c) {
    {
      std::lock_guard lock(pool_mu_);
      readers_.push_back(std::move(c));
    }
    pool_cv_.notify_one();
  }

  // Applies the migrations newer than the database's, each in its own transaction with
  // its record in schema_version. Two processes starting at once (nodes sharing one
  // PostgreSQL) take turns: the engine's begin() locks the database for writing.
  Status migrate(std::span<const Migration> migrations);

  // Caller holds write_mu_.
  std::string unique_slug(const char* table, Id site_id, const std::string& from) {
    std::string base = text::slugify(from);
    if (base.empty()) base = "muc";
    std::string sql = std::string("SELECT 1 FROM ") + table + " WHERE site_id = ?1 AND slug = ?2";
    for (int n = 1;; ++n) {
      std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
      auto s = writer_->prepare(sql);
      s.bind(1, site_id).bind(2, candidate);
      if (!s.step()) return candidate;
    }
  }

  // Caller holds write_mu_.
  Result<Id> insert_article(Article& a) {
    if (!clean_all(a.title, a.slug, a.lead, a.body_html, a.cover_caption, a.source, a.author, a.source_url))
      return invalid_text();
    if (a.title.empty()) return Status::error(Code::invalid, "bài viết cần có tiêu đề");
    a.slug = unique_slug("articles", a.site_id, a.slug.empty() ? a.title : a.slug);
    if (a.slug.empty()) a.slug = "bai-viet";
    if (a.created_at == 0) a.created_at = a.published_at;
    if (a.updated_at == 0) a.updated_at = std::max(a.created_at, a.published_at);
    auto s = writer_->prepare(
        "INSERT INTO articles (site_id, category_id, title, slug, lead, body_html, cover_media_id, cover_caption, "
        "source, author, status, is_featured, is_demo, published_at, created_at, updated_at, created_by, genre, "
        "related_override, source_url) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)");
    s.bind(1, a.site_id).bind(2, a.category_id).bind(3, a.title).bind(4, a.slug).bind(5, a.lead);
    s.bind(6, a.body_html).bind_null_if_zero(7, a.cover_media_id).bind(8, a.cover_caption).bind(9, a.source);
    s.bind(10, a.author).bind(11, to_string(a.status)).bind(12, a.is_featured).bind(13, a.is_demo);
    s.bind(14, a.published_at).bind(15, a.created_at).bind(16, a.updated_at).bind_null_if_zero(17, a.created_by);
    s.bind(18, a.genre).bind(19, a.related_override).bind(20, a.source_url);
    auto id = finish_insert(s);
    if (!id) return id;
    if (auto st = index_article(*id, a.title, a.lead, a.body_html); !st) return st;
    return id;
  }

  // A saved state of an article's content, as `version`. Caller holds write_mu_.
  Status insert_revision(const Article& a, int version, Id saved_by, std::int64_t now) {
    auto r = writer_->prepare(
        "INSERT INTO article_revisions (site_id, article_id, version, category_id, title, lead, body_html, source, "
        "author, saved_by, saved_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    r.bind(1, a.site_id).bind(2, a.id).bind(3, version).bind(4, a.category_id).bind(5, a.title).bind(6, a.lead);
    r.bind(7, a.body_html).bind(8, a.source).bind(9, a.author).bind_null_if_zero(10, saved_by).bind(11, now);
    r.step();
    return r.done() ? Status::ok() : Status::error(Code::io, writer_->error());
  }

  // The title and text of an article's search row.
  static SearchRow article_text(Id id, const std::string& title, const std::string& lead, const std::string& body_html) {
    return {.id = id, .title = title, .body = lead + "\n" + text::html_to_text(body_html)};
  }
  // A document's: number and summary as the title; type, issuer, signer, field and text as the body.
  static SearchRow document_text(Id id, const std::string& number, const std::string& summary,
                                 const std::string& details, const std::string& body_html) {
    return {.id = id, .title = number + "\n" + summary, .body = details + "\n" + text::html_to_text(body_html)};
  }
  // A published question's: only what the public sees, never the sender's name or contact.
  static SearchRow question_text(Id id, const std::string& title, const std::string& topic, const std::string& rest) {
    return {.id = id, .title = title + "\n" + topic, .body = rest};
  }
  // The search rows, their words as written and folded. Caller holds write_mu_.
  Status index(SearchTable t, SearchRow r) { return write_index(*writer_, t, r.id, std::move(r.title), std::move(r.body)); }
  Status index_article(Id id, const std::string& title, const std::string& lead, const std::string& body_html) {
    return index(SearchTable::articles, article_text(id, title, lead, body_html));
  }
  Status index_document(Id id, const std::string& number, const std::string& summary, const std::string& details,
                        const std::string& body_html) {
    return index(SearchTable::documents, document_text(id, number, summary, details, body_html));
  }
  Status index_question(Id id, const std::string& title, const std::string& topic, const std::string& rest) {
    return index(SearchTable::questions, question_text(id, title, topic, rest));
  }

  static Result<Id> finish_insert(Connection& c, Stmt& s) {
    s.step();
    if (!s.done()) return Status::error(s.constraint() ? Code::conflict : Code::io, c.error());
    return c.last_insert_id();
  }
  Result<Id> finish_insert(Stmt& s) { return finish_insert(*writer_, s); }

  // PostgreSQL search (search.cpp): the smallest share of search rows holding one of the
  // query's words, an upper bound of its matches' share; 1 when not known. From the shares
  // of the most common folded words (kWordSharesSql), read again every few minutes.
  double word_share(Connection& c, const TextQuery& text);
  std::mutex shares_mu_;
  std::unordered_map<std::string, double> word_shares_;
  std::int64_t shares_read_at_ = 0;  // 0: to be read

  int known_version_ = 0;  // the last of the migrations open() was given
  std::mutex write_mu_;  // guards writer_: SQLite allows one writer; we make that explicit
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mu_;  // guards readers_
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

}  // namespace portico::sql
