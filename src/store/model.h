// The data the Store reads and writes: the model structs of every domain (sites, categories,
// articles and media, accounts and sessions, search, the sidebar, the government sections,
// sharing between sites) and the names of their enums (names.cpp). store.h is the interface.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portico {

using Id = std::int64_t;

struct Site {
  Id id = 0;
  std::string slug;          // "huyen-yen-son": names the site on the command line
  std::string host;          // "yenson.tuyenquang.gov.vn"; the default site answers unknown hosts
  std::string name;          // "Huyện Yên Sơn"
  std::string portal_title;  // "Cổng thông tin điện tử"
  std::string agency;        // Cơ quan chủ quản
  std::string responsible;   // Chịu trách nhiệm chính
  std::string licence;       // Giấy phép, may be empty
  std::string address, phone, email;
  std::string brand_color;   // "#a50e0e"
  bool is_default = false;
  std::string totp_roles;    // "admin,approver": roles that must use two-factor sign-in
  Id parent_id = 0;          // the site it is a sub-portal of (a commune's province); 0: a root
  std::string kind;          // "Tỉnh", "Xã", "Phường", "Đặc khu", "Sở": data, not code
  bool disabled = false;     // its pages answer a notice
  Id logo_media_id = 0;      // an image of its media library shown instead of the theme's emblem; 0: none
  Id banner_media_id = 0;    // an image behind its masthead; 0: none
  // Maintenance: `notice` is shown on every page from notice_from until notice_until (unix
  // seconds; 0: no end); read_only refuses every write but the newsroom's sign-in and this
  // setting with a 503 and a notice, while pages keep serving.
  std::string notice;
  std::int64_t notice_from = 0, notice_until = 0;
  bool read_only = false;
  // The monitoring script the national EMC system issues for the site (an https URL), loaded
  // by its pages; its host is the one third party the Content-Security-Policy admits for it.
  std::string monitor_script;

  bool notice_shown(std::int64_t now) const {
    return !notice.empty() && now >= notice_from && (notice_until == 0 || now < notice_until);
  }
};

struct Category {
  Id id = 0;
  Id site_id = 0;
  Id parent_id = 0;  // 0: top level
  std::string name;
  std::string slug;
  int position = 0;
  std::string description;
  bool hidden = false;  // kept out of the menu, the home page and the sidebar
  std::string link;     // "": a news category with its own articles; else where its menu entry points
                        // ("/van-ban", "https://dichvucong.gov.vn")
};

enum class ArticleStatus { draft, pending, published, taken_down };
const char* to_string(ArticleStatus s);
std::optional<ArticleStatus> parse_article_status(std::string_view s);

struct Media {
  Id id = 0;
  Id site_id = 0;
  std::string file_name;  // under <data>/media/
  std::string mime;
  int width = 0, height = 0;
  std::string alt;
  std::int64_t bytes = 0;
  std::string renditions;  // "320,800,1600": widths of "<base>-<w>.webp" files; empty for single files
  std::int64_t created_at = 0;  // from the caller's Clock
};

struct RatingTotals {
  std::int64_t points = 0;  // sum of stars
  std::int64_t count = 0;
};

struct Article {
  Id id = 0;
  Id site_id = 0;
  Id category_id = 0;
  std::string title;
  std::string slug;
  std::string lead;
  std::string body_html;  // sanitised
  Id cover_media_id = 0;  // 0: none
  std::string cover_caption;
  std::string source;     // "Theo TQĐT"
  std::string author;
  ArticleStatus status = ArticleStatus::draft;
  bool is_featured = false;
  bool is_demo = false;
  std::int64_t published_at = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  Id created_by = 0;  // user; 0: imported or demo
  int version = 1;    // bumped by every save and transition: the optimistic lock
  std::string genre;  // royalty genre code ("tin", "phong-su", …); empty: not counted
  std::string related_override;  // "12,40": articles the editor chose as related, first
  std::string workflow_note;  // the last return comment or take-down reason
  // Where the source named in `source` is read (an article taken from a sub-portal links
  // its original); set when the article is made, kept by saves.
  std::string source_url;
  // Its readers' ratings when it was read (with it, in one statement); saves ignore it.
  RatingTotals rating;
};

// One saved state of an article's content.
struct Revision {
  Id id = 0;
  Id article_id = 0;
  int version = 0;
  Id category_id = 0;
  std::string title, lead, body_html, source, author;
  Id saved_by = 0;
  std::string saved_by_name;
  std::int64_t saved_at = 0;
};

// What lists and cards need: no body.
struct ArticleSummary {
  Id id = 0;
  Id category_id = 0;
  std::string title;
  std::string slug;
  std::string lead;
  Id cover_media_id = 0;
  std::int64_t published_at = 0;
  std::int64_t updated_at = 0;
  Id site_id = 0;  // set by lists that mix sites (articles shared to a site); 0 otherwise
};

struct ArticleQuery {
  Id site_id = 0;
  std::vector<Id> categories;  // empty: every category; else any of these
  Id exclude_category = 0;     // 0: none
  bool featured_only = false;
  std::int64_t now = 0;     // only articles published at or before this time
  int offset = 0;
  int limit = 10;
  bool with_total = true;  // false: ArticleList::total stays 0 (lists that show no page count)
};

struct ArticleList {
  std::vector<ArticleSummary> items;
  std::int64_t total = 0;
};

// A newsroom account. The role is stored by name: "admin", "approver", "editor", "reviewer".
struct User {
  Id id = 0;
  Id site_id = 0;
  std::string name;          // sign-in name, unique per site
  std::string display_name;
  std::string password_hash; // argon2id, libsodium's encoded form
  std::string role;
  bool disabled = false;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::string totp_secret;   // base32; empty: no two-factor sign-in
  // A platform administrator: an administrator of every site, who alone adds and changes
  // sub-portals. Set when the account is made.
  bool platform = false;
};

// A signed-in browser. Only a digest of the cookie's token is stored.
struct Session {
  std::string token_digest;
  Id site_id = 0;
  Id user_id = 0;
  std::string csrf;
  std::string address;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

// A genre of work for royalties (nhuận bút) and its coefficient.
struct Genre {
  std::string code;
  std::string name;
  double coefficient = 1.0;
  int position = 0;
};

// One published article in a royalty period.
struct RoyaltyItem {
  Id article_id = 0;
  std::string title, author, genre;
  std::int64_t published_at = 0;
};

struct AuditEntry {
  Id id = 0;
  Id site_id = 0;
  std::int64_t at = 0;
  Id actor_id = 0;        // 0: not a signed-in user (command line, unknown name)
  std::string actor;      // name as given
  std::string action;     // "sign_in", "sign_in_failed", "user_add", ...
  std::string target;
  std::string address;
  std::string detail;
};

// Who made an administrative change: the account (0 and a name for the command line) and
// the address the request came from. Services that write the audit log take one.
struct Actor {
  Id user_id = 0;
  std::string name;
  std::string address;
};

// Newsroom lists: articles in one state, optionally of one author, newest change first.
struct NewsroomQuery {
  Id site_id = 0;
  ArticleStatus status = ArticleStatus::draft;
  Id created_by = 0;               // 0: anyone
  std::int64_t published_after = -1;  // >= 0: only published_at > this (scheduled)
  int limit = 10;
};


// What a reader searches for, in no engine's syntax (content::parse_search makes it): every
// term must match. A term is one word, or a phrase of words in order; its last word may be
// a prefix. Each word comes as written (NFC) and folded (text::fold). A backend matches the
// folded words against the folded text, and ranks the words as written, in the title
// first, above the rest. Words hold letters and digits only.
struct TextQuery {
  struct Term {
    std::vector<std::string> words;   // as written
    std::vector<std::string> folded;  // the same words folded (one may become several, one space apart)
    bool prefix = false;              // the last word is a prefix
  };
  std::vector<Term> terms;
  bool empty() const { return terms.empty(); }
};

// Full-text search over articles. The index holds each article's title and text as written
// and folded (text::fold), and is written in the transaction that saves the article;
// publication rules are applied when searching.
struct SearchQuery {
  Id site_id = 0;
  std::vector<Id> sites;    // several sites at once (a province and its sub-portals); empty: site_id alone
  TextQuery text;           // must not be empty
  std::vector<Id> categories;  // empty: every category; else any of these
  std::int64_t from = 0;    // published_at >= from (0: open)
  std::int64_t to = 0;      // published_at < to (0: open)
  std::int64_t now = 0;     // only what is published by now
  bool newest_first = false;  // otherwise: relevance, then newest
  Id shared_to = 0;         // also the articles shared to this site (0: none)
  int offset = 0;
  int limit = 10;
};

struct SearchHit {
  Id site_id = 0;       // the site the article belongs to
  bool shared = false;  // found as shared to SearchQuery::shared_to
  ArticleSummary article;
  std::string text;  // the lead and the text of the body, as indexed: for the snippet
};

struct SearchResults {
  std::vector<SearchHit> items;
  std::int64_t total = 0;  // exact, unless capped
  bool capped = false;     // more matched than are ranked (the newest 500 are)
  // With several sites: the matches of each among those ranked, by site id.
  std::vector<std::pair<Id, std::int64_t>> per_site;
};

// The reader's sidebar (widgets). Ratings and votes are keyed by a visitor id: the
// first-party "khach" cookie.
struct PollOption {
  Id id = 0;
  std::string label;
  int position = 0;
  std::int64_t votes = 0;
};

struct Poll {
  Id id = 0;
  Id site_id = 0;
  std::string question;
  bool multiple = false;        // several options may be chosen
  std::int64_t opens_at = 0;    // open in [opens_at, closes_at)
  std::int64_t closes_at = 0;
  Id category_id = 0;           // 0: shown site-wide; otherwise on that category and its articles
  std::vector<PollOption> options;
  std::int64_t voters = 0;
};

struct VisitDay {
  std::int64_t day = 0;  // render::vn_day
  std::int64_t views = 0;
};

// Where a sidebar widget goes. kind: "latest", "categories", "rating"…
struct WidgetSetting {
  std::string kind;
  int position = 0;
  bool visible = true;
};

struct Link {  // Website liên kết
  Id id = 0;
  Id site_id = 0;
  std::string name, url;
  int position = 0;
};

struct Place {  // on the map, and where the weather is read
  Id id = 0;
  Id site_id = 0;
  std::string name, address;
  double lat = 0, lon = 0;
  bool weather = true;
  int position = 0;
};

struct WeatherReading {
  Id place_id = 0;
  std::int64_t observed_at = 0;  // when the provider was asked
  double temperature = 0, humidity = 0, wind = 0;  // °C, %, km/h
  int code = 0;  // WMO weather code
};

struct Video {  // Chương trình truyền hình
  Id id = 0;
  Id site_id = 0;
  std::string title;
  std::string file_name;      // an uploaded MP4/WebM under <data>/media, or empty
  std::string mime;
  std::string embed_url;      // or an embed from an allowed host
  std::string captions_file;  // WebVTT under <data>/media, may be empty
  std::int64_t created_at = 0;
};

// Legal documents (Văn bản). Dates are vn_days (render::vn_day); 0: none. Whether a
// document is in force is worked out from the dates, `annulled` and `replaced_by` against
// today (DocumentQuery::today), never stored.
enum class DocumentState { pending, effective, expired, replaced };  // chưa / còn / hết hiệu lực, bị thay thế
const char* to_string(DocumentState s);

struct DocumentFile {
  Id id = 0;
  Id document_id = 0;
  std::string file_name;      // under <data>/media, a generated ASCII name
  std::string original_name;  // as uploaded, Vietnamese kept: the download's name
  std::string mime;
  std::int64_t bytes = 0;
  int position = 0;
};

struct Document {
  Id id = 0;
  Id site_id = 0;
  std::string slug;
  std::string number;    // số/ký hiệu: "03-ĐA/TU"
  std::string doc_type;  // loại văn bản: "Đề án"
  std::string issuer;    // cơ quan ban hành
  std::string signer;
  std::string field;     // lĩnh vực
  std::string summary;   // trích yếu
  std::string body_html; // sanitised full text, may be empty
  std::int64_t issued_on = 0, effective_on = 0, expires_on = 0;
  bool annulled = false;  // declared no longer in force
  Id replaced_by = 0;
  std::string replaced_by_number, replaced_by_slug;  // filled on read
  std::int64_t created_at = 0, updated_at = 0;
  std::vector<DocumentFile> files;  // filled when one document is read
};

struct DocumentQuery {
  Id site_id = 0;
  TextQuery text;  // empty: all
  std::string doc_type, issuer, field;  // exact values; empty: any
  int year = 0;                         // of issued_on; 0: any
  std::optional<DocumentState> state;
  std::int64_t today = 0;               // vn_day the states are worked out for
  int offset = 0;
  int limit = 20;
};

struct Facet {
  std::string value;
  std::int64_t count = 0;
};

// A page of documents, newest issued first, and for each filter the values with their
// counts under the other filters: types, issuers and fields the most common first, then in
// Vietnamese alphabetical order; years newest first; states by code.
struct DocumentList {
  std::vector<Document> items;
  std::int64_t total = 0;
  std::vector<Facet> types, issuers, fields, years, states;
};

// Q&A and citizen feedback. The sender's name, contact and attachment are personal data:
// only the newsroom's question handlers see them.
enum class QuestionStatus { fresh, assigned, answered, published, rejected };  // "new", …
const char* to_string(QuestionStatus s);
std::optional<QuestionStatus> parse_question_status(std::string_view s);

struct Question {
  Id id = 0;
  Id site_id = 0;
  std::string code;   // the sender's tracking code
  std::string topic, title, body;  // plain text
  std::string sender_name, sender_contact;  // personal data
  std::string attachment_file, attachment_name, attachment_mime;  // personal data, under <data>/private
  QuestionStatus status = QuestionStatus::fresh;
  std::string department;  // the unit it is assigned to, shown with the answer
  std::string answer;      // plain text
  std::string reason;      // why it was rejected (shown to the sender by code)
  std::int64_t created_at = 0, updated_at = 0, published_at = 0;
};

struct QuestionQuery {
  Id site_id = 0;
  std::optional<QuestionStatus> status;  // none: every status
  TextQuery text;  // over published questions (status must be published); empty: all
  std::string topic;
  int offset = 0;
  int limit = 20;
};

struct QuestionList {
  std::vector<Question> items;  // newest first (published: by published_at)
  std::int64_t total = 0;
};

// A dataset of "Thông tin tổng hợp": a small table, kept as CSV text (header row; the first
// column labels the rows, the others are numeric series).
struct Dataset {
  Id id = 0;
  Id site_id = 0;
  std::string slug, title, description, source, source_url, unit;
  std::string chart = "bar";  // "bar" or "line"
  std::string table_csv;
  std::string headline;  // the figure the sidebar shows when featured
  bool featured = false;
  int position = 0;
  std::int64_t created_at = 0, updated_at = 0;
};

// A draft open for public comment until closes_at (Lấy ý kiến dự thảo).
struct Draft {
  Id id = 0;
  Id site_id = 0;
  std::string slug, title, agency, summary;
  std::string body_html;  // sanitised
  std::int64_t opens_at = 0, closes_at = 0;
  std::int64_t created_at = 0, updated_at = 0;
  std::int64_t comments = 0;  // filled on read
};

struct DraftComment {
  Id id = 0;
  Id draft_id = 0;
  std::string sender_name, sender_contact;  // personal data
  std::string body;
  std::int64_t created_at = 0;
};

// One engagement of a leader's work schedule (Lịch công tác).
struct ScheduleItem {
  Id id = 0;
  Id site_id = 0;
  std::int64_t starts_at = 0;
  std::string leader, content, place, attendees;
};

// A unit of the organisation chart; leaders are kept as lines "name; title; title in
// English; phone; e-mail" (gov::parse_leaders reads them).
struct OrgUnit {
  Id id = 0;
  Id site_id = 0;
  Id parent_id = 0;  // 0: top level
  std::string name, name_en, functions, functions_en, address, phone, email, leaders;
  int position = 0;
};

// An article a sub-portal proposes to the site above it ("Tin từ cơ sở"), where an
// approver takes it (a copy naming and linking its source) or declines it with a reason.
enum class ProposalState { pending, taken, declined };
const char* to_string(ProposalState s);
struct Proposal {
  Id id = 0;
  Id site_id = 0;       // the site it is proposed to
  Id from_site_id = 0;  // the sub-portal that proposes it
  Id article_id = 0;    // the original, on from_site_id
  ProposalState state = ProposalState::pending;
  std::string note;     // the proposer's words to the approver
  std::string reason;   // why it was declined
  Id proposed_by = 0;
  std::int64_t proposed_at = 0;
  Id decided_by = 0;
  std::int64_t decided_at = 0;
  Id copy_id = 0;       // the copy a taken proposal made
  std::string title;    // the original's, as lists show it (read, never written)
  std::string slug;    // the original's (read, never written)
};

}  // namespace portico
