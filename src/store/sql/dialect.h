// Internal to store/sql: what the two engines say differently in the statements of the
// store (their schemas are in their own migrations). Mostly full-text search: Each searchable table (articles, documents, published questions) has a search
// table keyed by its id holding its title and body as written and folded (text::fold):
//  - SQLite: an FTS5 table (title_x, body_x, title_f, body_f; rowid = id), matched with an
//    FTS5 expression of quoted words, ranked by portico_rank (sqlite/db.cpp);
//  - PostgreSQL: two tsvectors on the 'simple' configuration, f (folded) with a GIN index
//    and x (as written), title words weighted A and body words D; matched with a tsquery
//    over f (phrases with <->, prefixes with :*), ranked by ts_rank on both.
// A TextQuery matches on the folded words; the words as written only add to the rank.
#pragma once
#include <string>

#include "store/model.h"
#include "store/sql/db.h"

namespace portico::sql {

enum class SearchTable { articles, documents, questions };

// Replaces the search row of id (title and body as plain text). Caller is in a transaction.
Status write_index(Connection& c, SearchTable t, Id id, const std::string& title, const std::string& body);
Status drop_index(Connection& c, SearchTable t, Id id);
// Deletes every row of a search table (before reindexing).
Status clear_index(Connection& c, SearchTable t);

// "<id column> IN (ids of t matching parameter ?n)", with match_text(q) bound to ?n.
std::string match_ids(Engine e, SearchTable t, const char* id_column, int n);
std::string match_text(Engine e, const TextQuery& q);
// The words as written, for the rank (PostgreSQL only; SQLite's expression holds both).
std::string match_written(const TextQuery& q);

// The newest matching published articles (up to `window`), as rows of (id, rank, published_at,
// site_id), higher rank better. Parameters: ?1 match_text, ?2 site (when `where` says so),
// ?3 now, ?8 match_written; `where` adds conditions on a (articles).
std::string article_search_sql(Engine e, const std::string& where, std::size_t window);

// A TextQuery as an FTS5 expression (SQLite).
std::string fts5_match(const TextQuery& q);

// The year (a number, in UTC) of a day counted from 1970-01-01.
std::string year_of_day(Engine e, const std::string& day_expr);

}  // namespace portico::sql
