// The storage interface: every read and write of portal data goes through Store.
// Implementations: store/sqlite (embedded default). All SQL lives behind this interface.
// Thread safety: every method may be called from any thread concurrently.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace portico {

using Id = std::int64_t;

struct Site {
  Id id = 0;
  std::string host;          // "yenson.tuyenquang.gov.vn"; the default site answers unknown hosts
  std::string name;          // "Huyện Yên Sơn"
  std::string portal_title;  // "Cổng thông tin điện tử"
  std::string agency;        // Cơ quan chủ quản
  std::string responsible;   // Chịu trách nhiệm chính
  std::string licence;       // Giấy phép, may be empty
  std::string address, phone, email;
  std::string brand_color;   // "#a50e0e"
  bool is_default = false;
};

struct Category {
  Id id = 0;
  Id site_id = 0;
  Id parent_id = 0;  // 0: top level
  std::string name;
  std::string slug;
  int position = 0;
  std::string description;
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
};

struct ArticleQuery {
  Id site_id = 0;
  Id category_id = 0;       // 0: every category
  Id exclude_category = 0;  // 0: none
  bool featured_only = false;
  std::int64_t now = 0;     // only articles published at or before this time
  int offset = 0;
  int limit = 10;
};

struct ArticleList {
  std::vector<ArticleSummary> items;
  std::int64_t total = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual int schema_version() = 0;

  virtual Result<Site> site_for_host(std::string_view host) = 0;  // falls back to the default site
  virtual Result<Site> site(Id id) = 0;
  virtual std::vector<Site> sites() = 0;
  virtual std::vector<Category> categories(Id site_id) = 0;  // ordered by parent, position

  virtual Result<Article> article(Id site_id, Id id) = 0;
  virtual Result<Article> article_by_slug(Id site_id, std::string_view slug) = 0;
  virtual ArticleList published(const ArticleQuery& q) = 0;  // newest first
  virtual Result<Media> media(Id site_id, Id id) = 0;
  virtual std::int64_t article_count(Id site_id) = 0;
  virtual std::int64_t last_change(Id site_id) = 0;  // newest updated_at of anything public

  // Writes. Text must be valid UTF-8; it is stored in NFC. Slugs are made from the
  // name or title when empty, and made unique within the site with a "-2", "-3" suffix.
  virtual Result<Id> create_site(Site s) = 0;
  virtual Result<Id> create_category(Category c) = 0;
  virtual Result<Id> create_media(Media m) = 0;
  virtual Result<Id> create_article(Article a) = 0;
  // All or nothing, in one transaction.
  virtual Status create_articles(std::vector<Article> articles) = 0;
  virtual Status set_article_status(Id site_id, Id id, ArticleStatus s, std::int64_t now) = 0;
};

struct SqliteOptions {
  std::string path;     // database file
  int readers = 4;      // read connections in the pool
  int busy_timeout_ms = 5000;
};

// Opens (creating if needed) and migrates the database.
Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options);

}  // namespace portico
