// The storage interface: every read and write of portal data goes through Store; the data
// it carries is in model.h.
// One implementation, sql::SqlStore (store/sql), over SQLite (the embedded default) or PostgreSQL;
// open_store picks the engine from the URL. All SQL lives behind this interface.
// Thread safety: every method may be called from any thread concurrently.
// Errors: every read but schema_version returns a Result; a list whose statement fails is
// an error (Code::io), not an empty or shortened list.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/model.h"

namespace portico {

class Store {
 public:
  virtual ~Store() = default;

  virtual int schema_version() = 0;
  // The version of the last migration this build knows: a database at another version is
  // not this build's to serve (one migrated further by a newer node, one restored from older).
  virtual int known_schema_version() const = 0;

  virtual Result<Site> site_for_host(std::string_view host) = 0;  // falls back to the default site
  virtual Result<Site> site(Id id) = 0;
  // Every site, by id; an error when they cannot be read (never an empty list for it: an
  // empty list means a new installation, which gets the demo).
  virtual Result<std::vector<Site>> sites() = 0;
  // Changes with every change to sites, by any process; a server reloads its sites when it does.
  virtual Result<std::int64_t> sites_generation() = 0;
  virtual Result<std::vector<Category>> categories(Id site_id) = 0;  // ordered by parent, position

  virtual Result<Article> article(Id site_id, Id id) = 0;
  virtual Result<Article> article_by_slug(Id site_id, std::string_view slug) = 0;
  virtual Result<ArticleList> published(const ArticleQuery& q) = 0;  // newest first
  virtual Result<Media> media(Id site_id, Id id) = 0;
  virtual Result<std::vector<Media>> recent_media(Id site_id, int limit) = 0;  // newest first
  // Articles in any state; in one category when category_id is not 0.
  virtual Result<std::int64_t> article_count(Id site_id, Id category_id = 0) = 0;

  // Writes. Text must be valid UTF-8; it is stored in NFC. Slugs are made from the
  // name or title when empty, and made unique within the site with a "-2", "-3" suffix.
  // A site and its first categories, all or none. A section's parent_id is 0 or the
  // 1-based position of an earlier entry in `sections`; site_id is ignored.
  virtual Result<Id> create_site(Site s, std::vector<Category> sections = {}) = 0;
  // Everything but id, slug, is_default and totp_roles; conflict for a host another site has.
  virtual Status update_site(const Site& s) = 0;
  virtual Result<Id> create_category(Category c) = 0;
  // Name, parent, position, description, hidden, link. The slug (the URL) never changes.
  virtual Status update_category(const Category& c) = 0;
  virtual Result<Id> create_media(Media m) = 0;
  virtual Result<Id> create_article(Article a) = 0;
  // All or nothing, in one transaction.
  virtual Status create_articles(std::vector<Article> articles) = 0;
  virtual Status set_article_status(Id site_id, Id id, ArticleStatus s, std::int64_t now) = 0;
  virtual Result<std::vector<ArticleSummary>> newsroom_list(const NewsroomQuery& q) = 0;

  // Saves content (title, lead, body, category, source, author, cover, featured, genre) and
  // records a revision, in one transaction. a.id == 0 creates a draft. Otherwise the
  // article must still be at expected_version (conflict if someone saved in between).
  // Returns the article as stored (id, slug, new version).
  virtual Result<Article> save_article(Article a, int expected_version, Id saved_by, std::int64_t now) = 0;
  // Changes status, publication time and workflow note, at expected_version.
  virtual Result<Article> transition(Id site_id, Id id, int expected_version, ArticleStatus to,
                                     std::int64_t published_at, std::string note, std::int64_t now) = 0;
  virtual Result<std::vector<Revision>> revisions(Id site_id, Id article_id) = 0;  // newest first
  // The earliest publication time after `after` of a site's published article, 0 when none.
  virtual Result<std::int64_t> next_scheduled(Id site_id, std::int64_t after) = 0;

  // Sharing: a site's article shown on other sites (its sub-portals) as well, the same
  // record, so edits and take-down follow at once. set_shares replaces the sites an
  // article of site_id is shared to (not_found for another site's article).
  virtual Status set_shares(Id site_id, Id article_id, const std::vector<Id>& targets, Id by, std::int64_t now) = 0;
  virtual Result<std::vector<Id>> shares(Id site_id, Id article_id) = 0;  // the sites it is shared to
  // Every site some article of site_id is shared to: whose pages go when site_id's change.
  virtual Result<std::vector<Id>> share_targets(Id site_id) = 0;
  // Published articles shared to site_id, newest first; items carry their own site_id.
  virtual Result<ArticleList> shared_with(Id site_id, std::int64_t now, int offset, int limit) = 0;
  // The article with this slug shared to site_id (any state), newest first when two are.
  virtual Result<Article> shared_article(Id site_id, std::string_view slug) = 0;

  // Proposals up: conflict when the article has one pending already.
  virtual Result<Id> add_proposal(const Proposal& p) = 0;
  // Those addressed to site_id: pending first (oldest first), then decided (newest first).
  virtual Result<std::vector<Proposal>> proposals(Id site_id, int limit) = 0;
  // Those made of one article, newest first.
  virtual Result<std::vector<Proposal>> proposals_of(Id from_site_id, Id article_id) = 0;
  virtual Result<Proposal> proposal(Id site_id, Id id) = 0;
  // Takes a pending proposal: inserts `copy` (on site_id, published, with its first
  // revision) and marks the proposal taken, in one transaction. conflict unless pending.
  virtual Result<Id> take_proposal(Id site_id, Id id, Article copy, Id by, std::int64_t now) = 0;
  // conflict unless pending.
  virtual Status decline_proposal(Id site_id, Id id, std::string reason, Id by, std::int64_t now) = 0;

  // Accounts. Names are unique per site (conflict otherwise).
  virtual Result<Id> create_user(User u) = 0;
  virtual Result<User> user_by_name(Id site_id, std::string_view name) = 0;
  virtual Result<User> user(Id site_id, Id id) = 0;
  virtual Result<std::vector<User>> users(Id site_id) = 0;  // by name, in Vietnamese alphabetical order
  // Display name, password hash, role, disabled, TOTP. With end_sessions, the user's
  // sessions are deleted in the same transaction: a new password or role, or a disabled
  // account, is never left with a browser still signed in.
  virtual Status update_user(const User& u, bool end_sessions) = 0;
  virtual Status set_totp_roles(Id site_id, std::string_view roles) = 0;
  // Who signs in on a site under a name or an id: the site's own account, else one of
  // another site granted a role on it (set_site_role), else a platform administrator. The
  // User returned keeps its own site_id; its role is the one it holds on site_id ("admin"
  // for a platform administrator).
  virtual Result<User> member(Id site_id, std::string_view name) = 0;
  virtual Result<User> member_by_id(Id site_id, Id user_id) = 0;
  // Gives an account a role on another site, or takes it away (role empty), ending the
  // account's sessions there. conflict when the site has another account of that name.
  virtual Status set_site_role(Id user_id, Id site_id, std::string_view role) = 0;
  // The other sites an account holds a role on, by site id.
  virtual Result<std::vector<std::pair<Id, std::string>>> site_roles(Id user_id) = 0;

  virtual Status create_session(const Session& s) = 0;
  virtual Result<Session> session(std::string_view token_digest) = 0;
  virtual Status delete_session(std::string_view token_digest) = 0;
  // Failed sign-ins by key (an account), kept in the database so that every node sharing
  // it counts them: one more at `at` (rows of the key older than a day go), the times of
  // those since `since` (oldest first), and all of the key's forgotten after a success.
  virtual Status add_sign_in_failure(std::string_view key, std::int64_t at) = 0;
  virtual Result<std::vector<std::int64_t>> sign_in_failures(std::string_view key, std::int64_t since) = 0;
  virtual Status clear_sign_in_failures(std::string_view key) = 0;

  // Royalties: genres with coefficients, the base amount per coefficient point, and the
  // articles published in [from, to) (demo content never counts).
  virtual Result<std::vector<Genre>> genres(Id site_id) = 0;
  virtual Status save_genres(Id site_id, const std::vector<Genre>& genres, std::int64_t royalty_base) = 0;
  virtual Result<std::int64_t> royalty_base(Id site_id) = 0;
  virtual Result<std::vector<RoyaltyItem>> royalty_items(Id site_id, std::int64_t from, std::int64_t to) = 0;

  // API bearer tokens: only digests are stored. token_user gives the owner of a live token.
  virtual Status create_token(Id site_id, Id user_id, std::string_view token_digest, std::int64_t now) = 0;
  virtual Result<Id> token_user(Id site_id, std::string_view token_digest) = 0;
  virtual Result<int> revoke_tokens(Id site_id, Id user_id, std::int64_t now) = 0;  // how many

  // Published articles that match q.text, ranked (TextQuery) or newest first; invalid when
  // q.text is empty.
  virtual Result<SearchResults> search(const SearchQuery& q) = 0;
  // Rebuilds the search index of every article, document and published question (after an
  // upgrade, a copy); returns how many rows it indexed.
  virtual Result<std::int64_t> reindex() = 0;

  // Ratings: one per visitor and article (conflict on a repeat). The rating and the new
  // totals are written in one transaction; the totals returned include it. The portal
  // passes an empty address (it does not keep readers' addresses); the column is for imports.
  virtual Result<RatingTotals> add_rating(Id site_id, Id article_id, std::string_view visitor, int stars,
                                          std::string_view address, std::int64_t now) = 0;

  // Polls. save_poll creates (id 0) or updates question, times, placement and option labels;
  // options can be added or removed only while nobody has voted (conflict otherwise).
  virtual Result<Id> save_poll(Poll p, std::int64_t now) = 0;
  virtual Result<Poll> poll(Id site_id, Id id) = 0;
  virtual Result<std::vector<Poll>> polls(Id site_id) = 0;  // newest first
  virtual Status delete_poll(Id site_id, Id id) = 0;
  // One vote per visitor (conflict); options must belong to the poll (invalid).
  virtual Result<Poll> add_vote(Id site_id, Id poll_id, std::string_view visitor, const std::vector<Id>& options,
                                std::string_view address, std::int64_t now) = 0;

  // Page views per day, added in one transaction.
  virtual Status add_visits(Id site_id, const std::vector<VisitDay>& days) = 0;
  virtual Result<std::vector<VisitDay>> visit_days(Id site_id, std::int64_t from_day) = 0;  // oldest first
  virtual Result<std::int64_t> visit_total(Id site_id) = 0;
  // "Online now" across nodes: the visitors this node saw (at `at`) recorded, those not seen
  // since `since` forgotten, and how many of the site's remain.
  virtual Result<std::int64_t> note_online(Id site_id, const std::vector<std::string>& visitors, std::int64_t at,
                                           std::int64_t since) = 0;

  virtual Result<std::vector<WidgetSetting>> widget_settings(Id site_id) = 0;  // by position
  virtual Status save_widget_settings(Id site_id, const std::vector<WidgetSetting>& settings) = 0;  // replaces all

  virtual Result<std::vector<Link>> links(Id site_id) = 0;  // by position
  virtual Result<Id> save_link(Link l) = 0;  // id 0: create
  virtual Status delete_link(Id site_id, Id id) = 0;
  virtual Result<std::vector<Place>> places(Id site_id) = 0;
  virtual Result<Id> save_place(Place p) = 0;
  virtual Status delete_place(Id site_id, Id id) = 0;
  virtual Result<std::vector<WeatherReading>> weather(Id site_id) = 0;
  virtual Status save_weather(const WeatherReading& w) = 0;
  virtual Result<std::vector<Video>> videos(Id site_id, int limit) = 0;  // newest first
  virtual Result<Video> video(Id site_id, Id id) = 0;
  virtual Result<Id> create_video(Video v) = 0;
  virtual Status delete_video(Id site_id, Id id) = 0;

  // Legal documents. save_document creates (id 0) or updates the fields (the slug never
  // changes), adds d.files after those the document has and deletes the rows of drop_files;
  // (number, issuer) is unique per site (conflict). All of it and the search index are
  // written in one transaction. create_documents is all or nothing.
  virtual Result<Document> document(Id site_id, Id id) = 0;
  virtual Result<Document> document_by_slug(Id site_id, std::string_view slug) = 0;
  virtual Result<DocumentList> documents(const DocumentQuery& q) = 0;
  virtual Result<std::vector<Document>> documents_numbered(Id site_id, std::string_view number) = 0;  // exact number
  virtual Result<Id> save_document(Document d, std::int64_t now, const std::vector<Id>& drop_files) = 0;
  virtual Status create_documents(std::vector<Document> docs, std::int64_t now) = 0;
  virtual Status delete_document(Id site_id, Id id) = 0;  // its files' rows go with it
  virtual Result<Id> add_document_file(Id site_id, DocumentFile f) = 0;

  // Q&A. create_question stores a new question (status new); update_question writes the
  // moderation fields (status, department, answer, reason, published_at) and keeps the
  // search index to the published ones, in one transaction.
  virtual Result<Id> create_question(Question q) = 0;
  virtual Result<Question> question(Id site_id, Id id) = 0;
  virtual Result<Question> question_by_code(Id site_id, std::string_view code) = 0;
  virtual Result<QuestionList> questions(const QuestionQuery& q) = 0;
  virtual Status update_question(const Question& q) = 0;
  // Of published questions, with counts, in Vietnamese alphabetical order.
  virtual Result<std::vector<Facet>> question_topics(Id site_id) = 0;

  // Datasets, by position then id. save_dataset creates (id 0; the slug is made from the
  // title) or updates (the slug never changes).
  virtual Result<std::vector<Dataset>> datasets(Id site_id) = 0;
  virtual Result<Dataset> dataset(Id site_id, Id id) = 0;
  virtual Result<Dataset> dataset_by_slug(Id site_id, std::string_view slug) = 0;
  virtual Result<Id> save_dataset(Dataset d, std::int64_t now) = 0;
  virtual Status delete_dataset(Id site_id, Id id) = 0;

  // Drafts for comment, newest first. add_comment is refused (conflict) outside the draft's
  // [opens_at, closes_at) at `now`, checked in the same statement that writes it.
  virtual Result<std::vector<Draft>> drafts(Id site_id) = 0;
  virtual Result<Draft> draft(Id site_id, Id id) = 0;
  virtual Result<Draft> draft_by_slug(Id site_id, std::string_view slug) = 0;
  virtual Result<Id> save_draft(Draft d, std::int64_t now) = 0;
  virtual Status delete_draft(Id site_id, Id id) = 0;
  virtual Result<Id> add_comment(Id site_id, DraftComment c, std::int64_t now) = 0;
  virtual Result<std::vector<DraftComment>> comments(Id site_id, Id draft_id) = 0;  // oldest first

  // The work schedule: items starting in [from, to), by time.
  virtual Result<std::vector<ScheduleItem>> schedule(Id site_id, std::int64_t from, std::int64_t to) = 0;
  virtual Result<Id> save_schedule_item(ScheduleItem i, std::int64_t now) = 0;
  virtual Status delete_schedule_item(Id site_id, Id id) = 0;

  // Organisation. site_text gives "" when unset; lang is "vi" or "en".
  virtual Result<std::string> site_text(Id site_id, std::string_view key, std::string_view lang) = 0;
  virtual Status set_site_text(Id site_id, std::string_view key, std::string_view lang, std::string body_html) = 0;
  virtual Result<std::vector<OrgUnit>> org_units(Id site_id) = 0;  // by parent, position, id
  virtual Result<Id> save_org_unit(OrgUnit u) = 0;         // id 0: create
  virtual Status delete_org_unit(Id site_id, Id id) = 0;   // and its sub-units

  // Append-only: there is no way to change or remove an entry.
  virtual Status append_audit(AuditEntry e) = 0;
  virtual Result<std::vector<AuditEntry>> audit(Id site_id, int limit, int offset) = 0;
};

struct SqliteOptions {
  std::string path;     // database file
  int readers = 4;      // read connections in the pool
  int busy_timeout_ms = 5000;
};

// Opens (creating if needed) and migrates the database.
Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options);

// The engine a database URL names: "sqlite:PATH" (a file, created if needed), or
// "postgresql://…" (a libpq URI: sockets, SSL modes, ~/.pgpass and PGPASSWORD as libpq
// reads them). Opened and migrated; one Store over either (store/sql).
struct StoreOptions {
  std::string url;
  int readers = 8;  // read connections in the pool
  int busy_timeout_ms = 5000;
};
Result<std::unique_ptr<Store>> open_store(const StoreOptions& options);
// A database URL fit for a log or a message: a password in it is replaced by ***.
std::string redacted_url(std::string_view url);
// Whether a database URL names a server (postgresql:// or postgres://), not a file.
bool names_server(std::string_view url);
// The file a "sqlite:PATH" URL names (sqlite:///var/portico.db too); empty for another URL.
std::string sqlite_file(std::string_view url);

// What the processes that share one database say to each other (PostgreSQL's LISTEN and
// NOTIFY on a connection of its own), and which of them runs a job that must run once per
// installation (a session-level advisory lock, let go when the process or its connection
// dies). Messages and locks are the database's schema's own: installations in other
// schemas of the same server hear nothing of them. Used by one thread.
class Channel {
 public:
  virtual ~Channel() = default;
  // To every process listening on this database, this one included (messages carry their
  // sender's name, app/node_link.h). At most kMaxMessage bytes.
  static constexpr std::size_t kMaxMessage = 7900;
  virtual Status send(std::string_view message) = 0;
  // What was sent since the last call, waiting up to `timeout` for the first message.
  // `reconnected`: the connection was lost and made again since the last call, so messages
  // may have been missed in between. An error while the server cannot be reached.
  struct Heard {
    std::vector<std::string> messages;
    bool reconnected = false;
  };
  virtual Result<Heard> receive(std::chrono::milliseconds timeout) = 0;
  // Whether this process holds the lock named `job` (taking it if it is free). Held until
  // the connection goes: then false until taken again.
  virtual Result<bool> lead(std::string_view job) = 0;
};
// The channel of the database at `url`; null for a database only one process opens (SQLite).
Result<std::unique_ptr<Channel>> open_channel(const std::string& url);

// Moving an installation: copies every table of the database at from_url into the one at
// to_url (either engine), in one transaction on the target, then rebuilds the target's
// search index. Both are migrated first. The target must hold no data (conflict otherwise);
// a table of the source the copy does not know is refused, never left behind. Afterwards
// each table's row count and checksum (of its rows' values, in any order) are compared on
// both sides; a difference is an error. Returns the tables as copied.
struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
  std::string checksum;  // 16 hex digits
};
// progress hears each step as it ends ("chép 33 bảng: 41,2 s"…).
Result<std::vector<CopiedTable>> copy_database(const std::string& from_url, const std::string& to_url,
                                               const std::function<void(const std::string&)>& progress = {});

// The schema version of the database at `url` as it is (0: a new database; nothing is
// migrated), the one this build migrates to, and whether it holds any site.
struct SchemaState {
  int current = 0;
  int known = 0;
  bool has_data = false;
};
Result<SchemaState> schema_state(const std::string& url);

// The database's part of a backup (app/backup.h adds the files and the manifest): a
// consistent copy of the database at `url`, made while it serves and takes writes, into the
// directory `dir`. SQLite: database.sqlite by VACUUM INTO, at whatever schema it is.
// PostgreSQL at this build's schema: every table read in one REPEATABLE READ snapshot into
// database.sqlite (so a backup restores into either engine, through copy_database).
// PostgreSQL at another schema (the copy made before an upgrade): database.pgdump by
// pg_dump in its custom format, for pg_restore. `tables`: each table of the copy with its
// rows and checksum (empty for a pg_dump).
struct DatabaseBackup {
  std::string file;
  std::string format;  // "sqlite" or "pg_dump"
  int schema_version = 0;
  std::vector<CopiedTable> tables;
};
Result<DatabaseBackup> backup_database(const std::string& url, const std::string& dir,
                                       const std::function<void(const std::string&)>& progress = {});
// SQLite's integrity check (a failure is io), then each table with its rows and checksum,
// read in one snapshot: what a restore compares with the backup's manifest.
Result<std::vector<CopiedTable>> check_database(const std::string& url);

}  // namespace portico
