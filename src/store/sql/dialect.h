// Internal to store/sql: what the two engines say differently in the statements of the
// store (their schemas are in their own migrations). Mostly full-text search: Each searchable table (articles, documents, published questions) has a search
// table keyed by its id holding its title and body as written and folded (text::fold):
//  - SQLite: an FTS5 table (title_x, body_x, title_f, body_f; rowid = id), matched with an
//    FTS5 expression of quoted words, ranked by portico_rank (sqlite/db.cpp);
//  - PostgreSQL: two tsvectors, f (folded) with a GIN index and x (as written), title words
//    weighted A and body words D, written as tsvector literals from the words
//    text::index_words cuts (no text-search configuration is involved, so the database's
//    locale does not matter); matched with a tsquery literal over f (phrases with <->,
//    prefixes with :*), ranked by ts_rank on both. An article's row also holds its site,
//    category, state and time (kept by a trigger), so a search filters without a join, and
//    p, the pairs of neighbouring folded words ('dang_vien'), whose GIN index finds a
//    phrase's rows without reading each row's positions.
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
// Deletes every row of a search table before it is filled again, and (PostgreSQL) drops
// its GIN index, which is built once from all the rows far faster than row by row;
// finish_index makes it again. Caller is in a transaction.
Status clear_index(Connection& c, SearchTable t);
Status finish_index(Connection& c, SearchTable t);

// "<id column> IN (ids of t matching parameter ?n)", with match_text(q) bound to ?n.
std::string match_ids(Engine e, SearchTable t, const char* id_column, int n);
std::string match_text(Engine e, const TextQuery& q);
// The words as written, for the rank (PostgreSQL only; SQLite's expression holds both).
std::string match_written(const TextQuery& q);
// PostgreSQL: every pair of neighbouring folded words of the query's phrases, as a tsquery
// over the pairs column p ('phat_trien' & 'trien_dang' …); empty when it has no phrase.
std::string match_pairs(const TextQuery& q);

// The newest matching published articles (up to `window`), as rows of (id, rank, published_at,
// site_id), higher rank better. Parameters: ?1 match_text, ?2 site (when `where` says so),
// ?3 now, ?8 match_written, ?9 match_pairs; `where` adds conditions on a (an article, or on
// PostgreSQL its search row). On PostgreSQL a query with a phrase is one pass (`phrase`:
// the rows holding its pairs of words, tested newest first); another runs in up to two
// (kNewestRows): first among the newest rows only, read newest first, which finds the
// window at once when the words are common; when that finds fewer, among all the rows
// through the GIN index (`all`). SQLite's FTS5 reads its index newest first: one pass.
enum class SearchPass { newest, all, phrase };
inline constexpr int kNewestRows = 600;
std::string article_search_sql(Engine e, const std::string& where, std::size_t window, SearchPass pass);

// A TextQuery as an FTS5 expression (SQLite).
std::string fts5_match(const TextQuery& q);

// The year (a number, in UTC) of a day counted from 1970-01-01.
std::string year_of_day(Engine e, const std::string& day_expr);

}  // namespace portico::sql
