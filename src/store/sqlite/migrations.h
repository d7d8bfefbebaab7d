// Internal to store/sqlite: the forward-only schema migrations of the SQLite engine, in order.
#pragma once
#include "store/sql/db.h"

namespace portico::sqlite {

// Appending is the only allowed change: a released migration is never edited.
inline constexpr sql::Migration kMigrations[] = {
    {1, R"SQL(
CREATE TABLE sites (
  site_id      INTEGER PRIMARY KEY,
  host         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  portal_title TEXT NOT NULL DEFAULT 'Cổng thông tin điện tử',
  agency       TEXT NOT NULL DEFAULT '',
  responsible  TEXT NOT NULL DEFAULT '',
  licence      TEXT NOT NULL DEFAULT '',
  address      TEXT NOT NULL DEFAULT '',
  phone        TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  brand_color  TEXT NOT NULL DEFAULT '#a50e0e',
  is_default   INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL
);
CREATE TABLE categories (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites(site_id),
  parent_id   INTEGER REFERENCES categories(id),
  name        TEXT NOT NULL,
  slug        TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (site_id, slug)
);
CREATE TABLE media (
  id         INTEGER PRIMARY KEY,
  site_id    INTEGER NOT NULL REFERENCES sites(site_id),
  file_name  TEXT NOT NULL,
  mime       TEXT NOT NULL,
  width      INTEGER NOT NULL DEFAULT 0,
  height     INTEGER NOT NULL DEFAULT 0,
  alt        TEXT NOT NULL DEFAULT '',
  bytes      INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (site_id, file_name)
);
CREATE TABLE articles (
  id             INTEGER PRIMARY KEY,
  site_id        INTEGER NOT NULL REFERENCES sites(site_id),
  category_id    INTEGER NOT NULL REFERENCES categories(id),
  title          TEXT NOT NULL,
  slug           TEXT NOT NULL,
  lead           TEXT NOT NULL DEFAULT '',
  body_html      TEXT NOT NULL DEFAULT '',
  cover_media_id INTEGER REFERENCES media(id),
  cover_caption  TEXT NOT NULL DEFAULT '',
  source         TEXT NOT NULL DEFAULT '',
  author         TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN ('draft','pending','published','taken_down')),
  is_featured    INTEGER NOT NULL DEFAULT 0,
  is_demo        INTEGER NOT NULL DEFAULT 0,
  published_at   INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (site_id, slug)
);
CREATE INDEX articles_by_category ON articles (site_id, status, category_id, published_at DESC, id DESC);
CREATE INDEX articles_by_date ON articles (site_id, status, published_at DESC, id DESC);
CREATE INDEX articles_featured ON articles (site_id, status, is_featured, published_at DESC);
)SQL"},
    {2, R"SQL(
ALTER TABLE sites ADD COLUMN slug TEXT NOT NULL DEFAULT '';
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  site_id       INTEGER NOT NULL REFERENCES sites(site_id),
  name          TEXT NOT NULL,
  display_name  TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin','approver','editor','reviewer')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  UNIQUE (site_id, name)
);
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  site_id      INTEGER NOT NULL REFERENCES sites(site_id),
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf         TEXT NOT NULL,
  address      TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (site_id, user_id);
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  site_id    INTEGER NOT NULL REFERENCES sites(site_id),
  at         INTEGER NOT NULL,
  actor_id   INTEGER REFERENCES users(id),
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  target     TEXT NOT NULL DEFAULT '',
  address    TEXT NOT NULL DEFAULT '',
  detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_time ON audit_log (site_id, at DESC, id DESC);
-- Append-only: the database itself refuses to change or remove history.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
ALTER TABLE articles ADD COLUMN created_by INTEGER REFERENCES users(id);
CREATE INDEX articles_by_author ON articles (site_id, created_by, status, updated_at DESC);
)SQL"},
    {3, R"SQL(
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN workflow_note TEXT NOT NULL DEFAULT '';
CREATE TABLE article_revisions (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites(site_id),
  article_id  INTEGER NOT NULL REFERENCES articles(id),
  version     INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  title       TEXT NOT NULL,
  lead        TEXT NOT NULL,
  body_html   TEXT NOT NULL,
  source      TEXT NOT NULL,
  author      TEXT NOT NULL,
  saved_by    INTEGER REFERENCES users(id),
  saved_at    INTEGER NOT NULL,
  UNIQUE (article_id, version)
);
)SQL"},
    {4, R"SQL(
ALTER TABLE categories ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
)SQL"},
    {5, R"SQL(
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  site_id      INTEGER NOT NULL REFERENCES sites(site_id),
  user_id      INTEGER NOT NULL REFERENCES users(id),
  token_digest TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_by_user ON api_tokens (site_id, user_id);
)SQL"},
    {6, R"SQL(
ALTER TABLE media ADD COLUMN renditions TEXT NOT NULL DEFAULT '';
CREATE INDEX media_recent ON media (site_id, id DESC);
)SQL"},
    {7, R"SQL(
ALTER TABLE articles ADD COLUMN genre TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN royalty_base INTEGER NOT NULL DEFAULT 100000;
CREATE TABLE royalty_genres (
  site_id     INTEGER NOT NULL REFERENCES sites(site_id),
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  coefficient REAL NOT NULL CHECK (coefficient >= 0 AND coefficient <= 100),
  position    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, code)
);
CREATE INDEX articles_by_publication ON articles (site_id, published_at);
)SQL"},
    {8, R"SQL(
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN totp_roles TEXT NOT NULL DEFAULT '';
)SQL"},
    {9, R"SQL(
ALTER TABLE articles ADD COLUMN related_override TEXT NOT NULL DEFAULT '';
)SQL"},
    {10, R"SQL(
-- The reader's sidebar. Totals live apart from articles, so editing never resets them.
CREATE TABLE article_ratings (
  site_id    INTEGER NOT NULL REFERENCES sites(site_id),
  article_id INTEGER NOT NULL REFERENCES articles(id),
  visitor    TEXT NOT NULL,
  stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  address    TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, visitor)
);
CREATE TABLE rating_totals (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id),
  site_id    INTEGER NOT NULL REFERENCES sites(site_id),
  points     INTEGER NOT NULL DEFAULT 0,
  count      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE polls (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites(site_id),
  question    TEXT NOT NULL,
  multiple    INTEGER NOT NULL DEFAULT 0,
  opens_at    INTEGER NOT NULL,
  closes_at   INTEGER NOT NULL,
  category_id INTEGER REFERENCES categories(id),
  created_at  INTEGER NOT NULL
);
CREATE TABLE poll_options (
  id       INTEGER PRIMARY KEY,
  poll_id  INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
  label    TEXT NOT NULL,
  position INTEGER NOT NULL,
  votes    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE poll_voters (
  poll_id    INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
  visitor    TEXT NOT NULL,
  address    TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (poll_id, visitor)
);
CREATE TABLE visit_days (
  site_id INTEGER NOT NULL REFERENCES sites(site_id),
  day     INTEGER NOT NULL,  -- days since 1970-01-01 in Asia/Ho_Chi_Minh
  views   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day)
);
CREATE TABLE widget_settings (
  site_id  INTEGER NOT NULL REFERENCES sites(site_id),
  kind     TEXT NOT NULL,
  position INTEGER NOT NULL,
  visible  INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (site_id, kind)
);
CREATE TABLE links (
  id       INTEGER PRIMARY KEY,
  site_id  INTEGER NOT NULL REFERENCES sites(site_id),
  name     TEXT NOT NULL,
  url      TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE places (
  id       INTEGER PRIMARY KEY,
  site_id  INTEGER NOT NULL REFERENCES sites(site_id),
  name     TEXT NOT NULL,
  address  TEXT NOT NULL DEFAULT '',
  lat      REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon      REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  weather  INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE weather_readings (
  place_id    INTEGER PRIMARY KEY REFERENCES places(id) ON DELETE CASCADE,
  observed_at INTEGER NOT NULL,
  temperature REAL NOT NULL,
  humidity    REAL NOT NULL,
  wind        REAL NOT NULL,
  code        INTEGER NOT NULL
);
CREATE TABLE videos (
  id            INTEGER PRIMARY KEY,
  site_id       INTEGER NOT NULL REFERENCES sites(site_id),
  title         TEXT NOT NULL,
  file_name     TEXT NOT NULL DEFAULT '',
  mime          TEXT NOT NULL DEFAULT '',
  embed_url     TEXT NOT NULL DEFAULT '',
  captions_file TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);
)SQL"},
    {11, R"SQL(
-- Search: each article's title and text as written (…_x, matched with their accents) and
-- folded (…_f: no case, no diacritics, đ → d), rowid = articles.id. Filled by the store
-- when an article is saved; an existing database is indexed once at start-up.
CREATE VIRTUAL TABLE article_fts USING fts5(title_x, body_x, title_f, body_f,
  tokenize = 'unicode61 remove_diacritics 0');
)SQL"},
    {12, R"SQL(
-- Legal documents (Văn bản). Dates are days since 1970-01-01 in Asia/Ho_Chi_Minh; 0: none.
CREATE TABLE documents (
  id           INTEGER PRIMARY KEY,
  site_id      INTEGER NOT NULL REFERENCES sites(site_id),
  slug         TEXT NOT NULL,
  number       TEXT NOT NULL,
  doc_type     TEXT NOT NULL,
  issuer       TEXT NOT NULL,
  signer       TEXT NOT NULL DEFAULT '',
  field        TEXT NOT NULL DEFAULT '',
  summary      TEXT NOT NULL,
  body_html    TEXT NOT NULL DEFAULT '',
  issued_on    INTEGER NOT NULL,
  effective_on INTEGER NOT NULL DEFAULT 0,
  expires_on   INTEGER NOT NULL DEFAULT 0,
  annulled     INTEGER NOT NULL DEFAULT 0,
  replaced_by  INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (site_id, slug),
  UNIQUE (site_id, number, issuer)
);
CREATE INDEX documents_newest ON documents(site_id, issued_on DESC, id DESC);
CREATE TABLE document_files (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  file_name     TEXT NOT NULL,
  original_name TEXT NOT NULL,
  mime          TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  position      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX document_files_of ON document_files(document_id, position);
-- The same columns as article_fts, so content::parse_search's expressions work on both:
-- title = number and summary; body = type, issuer, signer, field and full text.
CREATE VIRTUAL TABLE document_fts USING fts5(title_x, body_x, title_f, body_f,
  tokenize = 'unicode61 remove_diacritics 0');
)SQL"},
    {13, R"SQL(
-- Q&A and citizen feedback (Hỏi đáp – Góp ý). sender_* and the attachment are personal data
-- (Decree 13/2023): only the newsroom roles that handle questions read them; public pages
-- and the API read the other columns only.
CREATE TABLE questions (
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL REFERENCES sites(site_id),
  code            TEXT NOT NULL UNIQUE,
  topic           TEXT NOT NULL,
  title           TEXT NOT NULL,
  body            TEXT NOT NULL,
  sender_name     TEXT NOT NULL,
  sender_contact  TEXT NOT NULL,
  attachment_file TEXT NOT NULL DEFAULT '',
  attachment_name TEXT NOT NULL DEFAULT '',
  attachment_mime TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'new'
                  CHECK (status IN ('new', 'assigned', 'answered', 'published', 'rejected')),
  department      TEXT NOT NULL DEFAULT '',
  answer          TEXT NOT NULL DEFAULT '',
  reason          TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  published_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX questions_queue ON questions(site_id, status, created_at DESC);
-- Published questions only: title and topic, question and answer.
CREATE VIRTUAL TABLE question_fts USING fts5(title_x, body_x, title_f, body_f,
  tokenize = 'unicode61 remove_diacritics 0');
)SQL"},
    {14, R"SQL(
-- Datasets (Thông tin tổng hợp): a table kept as CSV text (header row; first column labels,
-- the others numbers), drawn as an HTML table and an SVG chart.
CREATE TABLE datasets (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites(site_id),
  slug        TEXT NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT '',
  source_url  TEXT NOT NULL DEFAULT '',
  unit        TEXT NOT NULL DEFAULT '',
  chart       TEXT NOT NULL DEFAULT 'bar' CHECK (chart IN ('bar', 'line')),
  table_csv   TEXT NOT NULL,
  headline    TEXT NOT NULL DEFAULT '',
  featured    INTEGER NOT NULL DEFAULT 0,
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (site_id, slug)
);
)SQL"},
    {15, R"SQL(
-- Drafts open for public comment (Lấy ý kiến dự thảo). A comment's sender_* are personal
-- data, read only by the newsroom roles that handle questions.
CREATE TABLE drafts (
  id         INTEGER PRIMARY KEY,
  site_id    INTEGER NOT NULL REFERENCES sites(site_id),
  slug       TEXT NOT NULL,
  title      TEXT NOT NULL,
  agency     TEXT NOT NULL DEFAULT '',
  summary    TEXT NOT NULL DEFAULT '',
  body_html  TEXT NOT NULL DEFAULT '',
  opens_at   INTEGER NOT NULL,
  closes_at  INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (site_id, slug)
);
CREATE TABLE draft_comments (
  id             INTEGER PRIMARY KEY,
  draft_id       INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  sender_name    TEXT NOT NULL,
  sender_contact TEXT NOT NULL,
  body           TEXT NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE INDEX draft_comments_of ON draft_comments(draft_id, created_at);
-- Leaders' work schedule (Lịch công tác): one row per engagement.
CREATE TABLE schedule_items (
  id        INTEGER PRIMARY KEY,
  site_id   INTEGER NOT NULL REFERENCES sites(site_id),
  starts_at INTEGER NOT NULL,
  leader    TEXT NOT NULL,
  content   TEXT NOT NULL,
  place     TEXT NOT NULL DEFAULT '',
  attendees TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX schedule_items_time ON schedule_items(site_id, starts_at);
)SQL"},
    {16, R"SQL(
-- Organisation (Giới thiệu): the site's own texts in Vietnamese and English, and its units
-- with their leaders (the organisation chart and the contact page).
CREATE TABLE site_texts (
  site_id   INTEGER NOT NULL REFERENCES sites(site_id),
  key       TEXT NOT NULL,           -- "intro", "functions", "contact"
  lang      TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
  body_html TEXT NOT NULL,
  PRIMARY KEY (site_id, key, lang)
);
CREATE TABLE org_units (
  id           INTEGER PRIMARY KEY,
  site_id      INTEGER NOT NULL REFERENCES sites(site_id),
  parent_id    INTEGER REFERENCES org_units(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  name_en      TEXT NOT NULL DEFAULT '',
  functions    TEXT NOT NULL DEFAULT '',
  functions_en TEXT NOT NULL DEFAULT '',
  address      TEXT NOT NULL DEFAULT '',
  phone        TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  leaders      TEXT NOT NULL DEFAULT '',  -- one per line: name; title; title in English; phone; e-mail
  position     INTEGER NOT NULL DEFAULT 0
);
)SQL"},
    {17, R"SQL(
-- A menu entry may point elsewhere instead of listing articles: a section of the portal
-- ("/van-ban") or another site (the national public-service portal).
ALTER TABLE categories ADD COLUMN link TEXT NOT NULL DEFAULT '';
-- Sites made before this kept "Văn bản" and "Hỏi đáp" at the end of their menu in code;
-- they become ordinary, editable entries.
INSERT INTO categories (site_id, parent_id, name, slug, position, link)
SELECT s.site_id, NULL, x.name, x.slug,
       (SELECT COALESCE(MAX(position), 0) FROM categories c WHERE c.site_id = s.site_id AND c.parent_id IS NULL) + x.n,
       x.link
FROM sites s,
     (SELECT 1 AS n, 'Văn bản' AS name, 'van-ban' AS slug, '/van-ban' AS link
      UNION ALL SELECT 2, 'Hỏi đáp', 'hoi-dap', '/hoi-dap') x
WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.site_id = s.site_id AND c.slug = x.slug);
)SQL"},
    {18, R"SQL(
-- The featured articles (three of a hundred thousand) are found in their own index, in the
-- order the home page wants them: without id the planner walked every published article.
DROP INDEX articles_featured;
CREATE INDEX articles_featured ON articles (site_id, status, is_featured, published_at DESC, id DESC);
-- A section with sub-categories lists several categories in date order: with category_id in
-- the date index the rows a deep page skips are read from the index alone.
DROP INDEX articles_by_date;
CREATE INDEX articles_by_date ON articles (site_id, status, published_at DESC, id DESC, category_id);
)SQL"},
    {19, R"SQL(
-- A tree of sites: the province and its sub-portals (communes, wards, departments), each
-- of a kind whose name is data ("Tỉnh", "Xã", "Phường", "Sở"…). A disabled site answers a
-- notice instead of its pages.
ALTER TABLE sites ADD COLUMN parent_id INTEGER REFERENCES sites(site_id);
ALTER TABLE sites ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
-- Sites made by "portico site add" before it named the portal.
UPDATE sites SET portal_title = 'Cổng thông tin điện tử' WHERE portal_title = '';
-- Bumped by every change to sites, whichever process makes it: a running server compares
-- it once a second and reloads its sites (a site added or changed from the command line).
CREATE TABLE site_generation (n INTEGER NOT NULL);
INSERT INTO site_generation VALUES (1);
CREATE TRIGGER sites_insert_generation AFTER INSERT ON sites BEGIN UPDATE site_generation SET n = n + 1; END;
-- (not a change of TOTP roles or royalty settings, which pages do not show)
CREATE TRIGGER sites_update_generation
AFTER UPDATE OF host, name, portal_title, agency, responsible, licence, address, phone, email, brand_color, parent_id,
                kind, disabled ON sites
BEGIN UPDATE site_generation SET n = n + 1; END;
CREATE TRIGGER sites_delete_generation AFTER DELETE ON sites BEGIN UPDATE site_generation SET n = n + 1; END;
)SQL"},
    {20, R"SQL(
-- News shared down: a site's article shown on its sub-portals too (the same record).
CREATE TABLE article_shares (
  site_id      INTEGER NOT NULL REFERENCES sites(site_id),     -- where it is shown
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  from_site_id INTEGER NOT NULL REFERENCES sites(site_id),     -- the article's own site
  shared_by    INTEGER,
  shared_at    INTEGER NOT NULL,
  PRIMARY KEY (site_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_shares_article ON article_shares (article_id);
CREATE INDEX article_shares_from ON article_shares (from_site_id, site_id);
-- News proposed up ("Tin từ cơ sở"): taken as a copy, or declined with a reason.
CREATE TABLE article_proposals (
  id           INTEGER PRIMARY KEY,
  site_id      INTEGER NOT NULL REFERENCES sites(site_id),     -- proposed to
  from_site_id INTEGER NOT NULL REFERENCES sites(site_id),
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'taken', 'declined')),
  note         TEXT NOT NULL DEFAULT '',
  reason       TEXT NOT NULL DEFAULT '',
  proposed_by  INTEGER,
  proposed_at  INTEGER NOT NULL,
  decided_by   INTEGER,
  decided_at   INTEGER NOT NULL DEFAULT 0,
  copy_id      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX article_proposals_pending ON article_proposals (article_id) WHERE state = 'pending';
CREATE INDEX article_proposals_to ON article_proposals (site_id, state, proposed_at);
-- Where an article's source is read: a copy taken from a sub-portal links its original.
ALTER TABLE articles ADD COLUMN source_url TEXT NOT NULL DEFAULT '';
)SQL"},
    {21, R"SQL(
-- Accounts across sites: a platform administrator is an administrator of every site; an
-- account may hold a role on other sites than its own.
ALTER TABLE users ADD COLUMN platform INTEGER NOT NULL DEFAULT 0;
CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  site_id INTEGER NOT NULL REFERENCES sites(site_id),
  role    TEXT NOT NULL,
  PRIMARY KEY (user_id, site_id)
) WITHOUT ROWID;
CREATE INDEX user_roles_site ON user_roles (site_id);
)SQL"},
    {22, R"SQL(
-- A site's own emblem and masthead image, from its media library.
ALTER TABLE sites ADD COLUMN logo_media_id INTEGER REFERENCES media(id);
ALTER TABLE sites ADD COLUMN banner_media_id INTEGER REFERENCES media(id);
DROP TRIGGER sites_update_generation;
CREATE TRIGGER sites_update_generation
AFTER UPDATE OF host, name, portal_title, agency, responsible, licence, address, phone, email, brand_color, parent_id,
                kind, disabled, logo_media_id, banner_media_id ON sites
BEGIN UPDATE site_generation SET n = n + 1; END;
)SQL"},
    {23, R"SQL(
-- Several nodes on one database (PostgreSQL; the same tables here): a category's change
-- moves the generation too, so every node reads its sites and menus again.
CREATE TRIGGER categories_insert_generation AFTER INSERT ON categories BEGIN UPDATE site_generation SET n = n + 1; END;
CREATE TRIGGER categories_update_generation AFTER UPDATE ON categories BEGIN UPDATE site_generation SET n = n + 1; END;
CREATE TRIGGER categories_delete_generation AFTER DELETE ON categories BEGIN UPDATE site_generation SET n = n + 1; END;
-- Failed sign-ins of the last minutes, whichever node saw them (an account locks on all).
CREATE TABLE sign_in_failures (account TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX sign_in_failures_account ON sign_in_failures (account, at);
-- Visitors seen in the last minutes by any node ("online now").
CREATE TABLE online_visitors (
  site_id INTEGER NOT NULL,
  visitor TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, visitor)
);
CREATE INDEX online_visitors_seen ON online_visitors (site_id, seen_at);
)SQL"},
    {24, R"SQL(
-- Maintenance: a notice shown on every page from a time (until another), a read-only mode;
-- and the monitoring script the national EMC system issues for the site.
ALTER TABLE sites ADD COLUMN notice TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN notice_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN notice_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN monitor_script TEXT NOT NULL DEFAULT '';
DROP TRIGGER sites_update_generation;
CREATE TRIGGER sites_update_generation
AFTER UPDATE OF host, name, portal_title, agency, responsible, licence, address, phone, email, brand_color, parent_id,
                kind, disabled, logo_media_id, banner_media_id, notice, notice_from, notice_until, read_only,
                monitor_script ON sites
BEGIN UPDATE site_generation SET n = n + 1; END;
)SQL"},
    {25, R"SQL(
-- An article's rating totals move into its own row: the article page, read at each miss of
-- the page cache, takes one lookup instead of two. An edit names its columns and leaves
-- them be.
ALTER TABLE articles ADD COLUMN rating_points INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET rating_points = t.points, rating_count = t.count FROM rating_totals t WHERE t.article_id = articles.id;
DROP TABLE rating_totals;
)SQL"},
};

}  // namespace portico::sqlite
