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
//    phrase's rows without reading each row's positions. article_fts is partitioned by
//    ranges of ids, read newest first (SearchPass).
// A TextQuery matches on the folded words; the words as written only add to the rank.
#pragma once
#include <span>
#include <string>
#include <unordered_map>

#include "store/model.h"
#include "store/sql/db.h"

namespace portico::sql {

enum class SearchTable { articles, documents, questions };

// A search row: its title and body as plain text, and what the engine indexes made from
// them. Making it (finding and folding the words) is most of the work of writing a row,
// and needs no connection: reindex makes rows on another thread while it writes others.
struct SearchRow {
  Id id = 0;
  std::string title, body;
  std::string title_f, body_f;  // SQLite: folded (text::fold)
  std::string f, x, p;          // PostgreSQL: tsvector literals, folded, as written, pairs (articles)
};
SearchRow search_row(Engine e, SearchTable t, Id id, std::string title, std::string body);
// Replaces the search row. Caller is in a transaction. range_made: the caller has made the
// row's range of ids already (make_search_range), as reindex does once for each range.
Status write_index(Connection& c, SearchTable t, const SearchRow& row, bool range_made = false);
inline Status write_index(Connection& c, SearchTable t, Id id, std::string title, std::string body) {
  return write_index(c, t, search_row(c.engine(), t, id, std::move(title), std::move(body)));
}
// Adds rows to a search table that has none of them (reindex, after clear_index), their
// ranges of ids made: on PostgreSQL many rows a statement.
Status add_to_index(Connection& c, SearchTable t, std::span<const SearchRow> rows);
// PostgreSQL: makes the partition of article_fts that id's row falls in, if it is not there
// (pg migration 3). Nothing to do on SQLite.
Status make_search_range(Connection& c, Id id);
Status drop_index(Connection& c, SearchTable t, Id id);
// Deletes every row of a search table before it is filled again, and (PostgreSQL) drops
// its GIN index, which is built once from all the rows far faster than row by row;
// finish_index makes it again (SQLite: merges the FTS5 index into one segment, without
// the deleted rows). Caller is in a transaction.
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

// The newest matching published articles, as rows of (id, rank, published_at, site_id),
// higher rank better. Parameters: ?1 match_text, ?2 site (when `where` says so), ?3 now,
// ?8 match_written, ?9 match_pairs, ?10 and ?11 the ids from and below which (PostgreSQL);
// `where` adds conditions on a (an article, or on PostgreSQL its search row).
// SQLite's FTS5 reads its index newest first: one pass (`all`) finds the newest `window`.
// PostgreSQL's GIN index cannot: its search rows are partitioned by ranges of kSearchSpan
// ids (pg migration 3), and a search runs passes over ranges of ids, newest first, until
// it has `window` rows (at most ?12 in each pass), each pass reading only the indexes of
// its ranges:
//  - `newest`: the kNewestRows newest rows from ?10, each tested, which finds the window at
//    once when the words are in most articles (chosen from the words' shares, word_shares);
//  - `all`: the rows of the range through the GIN index of f;
//  - `phrase`: the rows of the range holding each pair of the phrase's neighbouring words
//    (the GIN index of p), nearly all of them rows of the phrase, each tested for it.
enum class SearchPass { newest, all, phrase };
inline constexpr int kNewestRows = 600;
inline constexpr Id kSearchSpan = 10000;
std::string article_search_sql(Engine e, const std::string& where, std::size_t window, SearchPass pass);
// PostgreSQL: the share of search rows holding each of the most common folded words, from
// the planner's statistics of article_fts (empty before its first ANALYZE), as (word, share).
// The smallest share of the query's folded words (an upper bound of the share of rows it
// matches); a word not among `shares` is rare (0), the last word of a prefix unknown (1).
// 1 when `shares` is empty (no statistics yet).
double match_share(const TextQuery& q, const std::unordered_map<std::string, double>& shares);
inline constexpr const char* kWordSharesSql =
    "SELECT u.e, u.fr FROM pg_stats s, unnest(CAST(CAST(s.most_common_elems AS TEXT) AS TEXT[]), "
    "s.most_common_elem_freqs) AS u(e, fr) WHERE s.schemaname = current_schema() AND s.tablename = 'article_fts' "
    "AND s.attname = 'f' AND s.inherited AND u.e IS NOT NULL";

// The text an article's search row was written from (its lead and the text of its body),
// for a snippet without parsing the HTML again: a subquery on the article's id.
std::string indexed_text(Engine e, const char* id_expr);

// A TextQuery as an FTS5 expression (SQLite).
std::string fts5_match(const TextQuery& q);

// The year (a number, in UTC) of a day counted from 1970-01-01.
std::string year_of_day(Engine e, const std::string& day_expr);

}  // namespace portico::sql
