// What the two engines say differently: see dialect.h.
#include "store/sql/dialect.h"

#include <algorithm>
#include <charconv>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/unicode.h"

namespace portico::sql {

namespace {

const char* table_name(SearchTable t) {
  switch (t) {
    case SearchTable::articles: return "article_fts";
    case SearchTable::documents: return "document_fts";
    case SearchTable::questions: return "question_fts";
  }
  return "article_fts";
}

// A tsvector holds at most 1 MB; the words past the first few hundred kilobytes of a text
// add nothing a reader would search for (positions stop counting at 16,383 anyway).
constexpr std::size_t kIndexedBytes = 256 * 1024;

// index_words' output (words one space apart) as views into it.
std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A query term's words as the index cuts them (one typed word may be several).
std::string term_words(const TextQuery::Term& t, bool folded) {
  std::string joined;
  for (const auto& w : folded ? t.folded : t.words) joined += w + " ";
  return text::index_words(joined, folded);
}

// A title and a text as a tsvector literal ('word':1A,4A 'other':2A,9 …): the title's words
// weighted A, the text's D (PostgreSQL's default, written without a letter), positions
// counted across both as setweight(title) || setweight(text) would. Made here from the words
// index_words cut, so that the server only reads the literal instead of parsing the text
// again with its own rules (four fifths of the cost of indexing). Limits as tsvector's:
// positions up to 16,383, 255 of them per word; words over 1,000 bytes are left out, so
// that a pair of them stays under tsvector's 2,047.
std::string tsvector_literal(const std::string& title, const std::string& body, bool folded,
                             std::string* pairs = nullptr) {
  struct Entry {
    std::string at;  // "1A,4A,9"
    int n = 0;
  };
  const std::string words[2] = {text::index_words(text::cut(title, kIndexedBytes), folded),
                                text::index_words(text::cut(body, kIndexedBytes), folded)};
  std::unordered_map<std::string_view, Entry> entries;  // views into words
  std::vector<std::string_view> order;                  // first appearance
  std::unordered_set<std::string> seen_pairs;
  int pos = 0;
  for (int part = 0; part < 2; ++part) {
    std::string_view previous;  // pairs stay within the title or the text, as FTS5's columns do
    for (std::string_view word : split_words(words[part])) {
      pos = std::min(pos + 1, 16383);
      if (word.size() > 1000) {
        previous = {};
        continue;
      }
      if (pairs && !previous.empty()) {
        std::string pair = std::string(previous) + "_" + std::string(word);
        if (seen_pairs.insert(pair).second) {
          *pairs += pairs->empty() ? "'" : " '";
          *pairs += pair;
          *pairs += "'";
        }
      }
      previous = word;
      auto [it, fresh] = entries.try_emplace(word);
      if (fresh) order.push_back(word);
      Entry& e = it->second;
      if (e.n >= 255) continue;
      if (e.n++) e.at += ',';
      char buf[8];
      auto r = std::to_chars(buf, buf + sizeof buf, pos);
      e.at.append(buf, r.ptr);
      if (part == 0) e.at += 'A';
    }
  }
  std::string out;
  for (auto word : order) {
    out += out.empty() ? "'" : " '";
    out += word;
    out += "':";
    out += entries[word].at;
  }
  return out;
}

// A TextQuery as a tsquery: terms joined by &, the words of a term by <-> (a phrase), the
// last word of a prefix term with :*. Words are letters and digits only (index_words), each
// quoted, so nothing of the reader's is read as tsquery syntax.
std::string tsquery(const TextQuery& q, bool folded) {
  std::string out;
  for (const auto& t : q.terms) {
    std::string words = term_words(t, folded);
    if (words.empty()) continue;
    std::string phrase;
    for (auto w : split_words(words)) {
      phrase += phrase.empty() ? "'" : " <-> '";
      phrase += w;
      phrase += "'";
    }
    if (t.prefix) phrase += ":*";
    out += (out.empty() ? "" : " & ") + phrase;
  }
  return out;
}

}  // namespace

SearchRow search_row(Engine e, SearchTable t, Id id, std::string title, std::string body) {
  SearchRow r{.id = id, .title = std::move(title), .body = std::move(body)};
  if (e == Engine::postgresql) {
    r.f = tsvector_literal(r.title, r.body, true, t == SearchTable::articles ? &r.p : nullptr);
    r.x = tsvector_literal(r.title, r.body, false);
  } else {
    r.title_f = text::fold(r.title);
    r.body_f = text::fold(r.body);
  }
  return r;
}

Status make_search_range(Connection& c, Id id) {
  if (c.engine() != Engine::postgresql) return Status::ok();
  auto span = c.prepare("SELECT article_fts_span(?1, ?2)");
  span.bind(1, id).bind(2, kSearchSpan);
  while (span.step()) {
  }
  return span.done() ? Status::ok() : Status::error(Code::io, c.error());
}

Status write_index(Connection& c, SearchTable t, const SearchRow& row, bool range_made) {
  std::string table = table_name(t);
  if (c.engine() == Engine::postgresql) {
    // An article's row also carries what searches filter on (kept by the trigger
    // articles_search_follow when the article changes).
    // And its pairs of neighbouring folded words (p), which find a phrase's rows at once, and
    // the text it was made from (t), for snippets.
    auto s = c.prepare(t == SearchTable::articles
                           ? "INSERT INTO article_fts (id, f, x, p, t, site_id, category_id, status, published_at) "
                             "SELECT ?1, CAST(?2 AS tsvector), CAST(?3 AS tsvector), CAST(?4 AS tsvector), ?5, site_id, "
                             "category_id, status, published_at FROM articles WHERE id = ?1 ON CONFLICT (id) DO UPDATE "
                             "SET f = excluded.f, x = excluded.x, p = excluded.p, t = excluded.t, site_id = excluded.site_id, "
                             "category_id = excluded.category_id, status = excluded.status, published_at = excluded.published_at"
                           : "INSERT INTO " + table + " (id, f, x) VALUES (?1, CAST(?2 AS tsvector), CAST(?3 AS tsvector)) "
                             "ON CONFLICT (id) DO UPDATE SET f = excluded.f, x = excluded.x");
    if (t == SearchTable::articles && !range_made)
      if (auto st = make_search_range(c, row.id); !st) return st;
    s.bind(1, row.id).bind(2, row.f).bind(3, row.x);
    if (t == SearchTable::articles) s.bind(4, row.p).bind(5, row.body);
    s.step();
    return s.done() ? Status::ok() : Status::error(Code::io, c.error());
  }
  if (auto st = drop_index(c, t, row.id); !st) return st;
  auto s = c.prepare("INSERT INTO " + table + " (rowid, title_x, body_x, title_f, body_f) VALUES (?1,?2,?3,?4,?5)");
  s.bind(1, row.id).bind(2, row.title).bind(3, row.body).bind(4, row.title_f).bind(5, row.body_f);
  s.step();
  return s.done() ? Status::ok() : Status::error(Code::io, c.error());
}

Status add_to_index(Connection& c, SearchTable t, std::span<const SearchRow> rows) {
  // PostgreSQL: kRows rows a statement, one round trip to the server for them all.
  constexpr std::size_t kRows = 32;
  if (c.engine() != Engine::postgresql || rows.size() < kRows) {
    for (const auto& row : rows)
      if (auto st = write_index(c, t, row, true); !st) return st;
    return Status::ok();
  }
  const bool article = t == SearchTable::articles;
  const int per_row = article ? 5 : 3;
  std::string values;
  for (std::size_t i = 0; i < kRows; ++i) {
    int p = static_cast<int>(i) * per_row;
    values += i ? ",(" : "(CAST(";
    values += "?" + std::to_string(p + 1) + (i ? "" : " AS BIGINT)");
    for (int k = 2; k <= per_row; ++k) values += ",?" + std::to_string(p + k);
    values += ")";
  }
  const std::string sql = article ? "INSERT INTO article_fts (id, f, x, p, t, site_id, category_id, status, published_at) "
                               "SELECT v.id, CAST(v.f AS tsvector), CAST(v.x AS tsvector), CAST(v.p AS tsvector), v.t, "
                               "a.site_id, a.category_id, a.status, a.published_at FROM (VALUES " + values +
                               ") AS v (id, f, x, p, t) JOIN articles a ON a.id = v.id"
                             : std::string("INSERT INTO ") + table_name(t) + " (id, f, x) SELECT v.id, CAST(v.f AS tsvector), "
                               "CAST(v.x AS tsvector) FROM (VALUES " + values + ") AS v (id, f, x)";
  std::size_t i = 0;
  for (; i + kRows <= rows.size(); i += kRows) {
    auto s = c.prepare(sql);
    for (std::size_t k = 0; k < kRows; ++k) {
      const auto& row = rows[i + k];
      int p = static_cast<int>(k) * per_row;
      s.bind(p + 1, row.id).bind(p + 2, row.f).bind(p + 3, row.x);
      if (article) s.bind(p + 4, row.p).bind(p + 5, row.body);
    }
    s.step();
    if (!s.done()) return Status::error(Code::io, c.error());
  }
  return add_to_index(c, t, rows.subspan(i));
}

Status drop_index(Connection& c, SearchTable t, Id id) {
  auto s = c.prepare(std::string("DELETE FROM ") + table_name(t) +
                     (c.engine() == Engine::postgresql ? " WHERE id = ?1" : " WHERE rowid = ?1"));
  s.bind(1, id);
  s.step();
  return s.done() ? Status::ok() : Status::error(Code::io, c.error());
}

Status clear_index(Connection& c, SearchTable t) {
  std::string table = table_name(t);
  std::string sql = "DELETE FROM " + table;
  if (c.engine() == Engine::postgresql) {
    // TRUNCATE, not DELETE: the index made again in this transaction would also hold the
    // rows it deleted (a GIN index twice the size, half of it dead, slow to read).
    sql = "TRUNCATE " + table + "; DROP INDEX IF EXISTS " + table + "_f";
    if (t == SearchTable::articles) sql += "; DROP INDEX IF EXISTS article_fts_p";
  }
  if (auto e = c.exec(sql); !e.empty()) return Status::error(Code::io, e);
  return Status::ok();
}

Status finish_index(Connection& c, SearchTable t) {
  std::string table = table_name(t);
  if (c.engine() == Engine::sqlite) {
    // FTS5 deletes a row by adding its words again as deletions: emptied and filled, the
    // index held every row twice and as many segments as it was written in (100k articles:
    // 250 MB more, search p95 15 ms against 6) until merged into one.
    if (auto e = c.exec("INSERT INTO " + table + " (" + table + ") VALUES ('optimize')"); !e.empty())
      return Status::error(Code::io, e);
    return Status::ok();
  }
  // And the planner's figures, which a search's plan depends on (a table filled at once has none).
  std::string sql = "CREATE INDEX " + table + "_f ON " + table + " USING GIN (f); ";
  if (t == SearchTable::articles) sql += "CREATE INDEX article_fts_p ON article_fts USING GIN (p); ";
  if (auto e = c.exec(sql + "ANALYZE " + table); !e.empty()) return Status::error(Code::io, e);
  return Status::ok();
}

std::string match_ids(Engine e, SearchTable t, const char* id_column, int n) {
  std::string table = table_name(t), p = "?" + std::to_string(n);
  if (e == Engine::postgresql)
    return std::string(id_column) + " IN (SELECT id FROM " + table + " WHERE f @@ CAST(" + p + " AS tsquery))";
  return std::string(id_column) + " IN (SELECT rowid FROM " + table + " WHERE " + table + " MATCH " + p + ")";
}

std::string match_text(Engine e, const TextQuery& q) { return e == Engine::postgresql ? tsquery(q, true) : fts5_match(q); }

std::string match_written(const TextQuery& q) { return tsquery(q, false); }

std::string match_pairs(const TextQuery& q) {
  std::string out;
  for (const auto& t : q.terms) {
    std::string words = term_words(t, true);
    auto list = split_words(words);
    for (std::size_t i = 1; i < list.size(); ++i) {
      out += (out.empty() ? "'" : " & '") + std::string(list[i - 1]) + "_" + std::string(list[i]) + "'";
      if (t.prefix && i + 1 == list.size()) out += ":*";
    }
  }
  return out;
}

std::string article_search_sql(Engine e, const std::string& where, std::size_t window, SearchPass pass) {
  if (e == Engine::postgresql) {
    // The search row holds the article's site, category, state and time: the matches are
    // filtered without a join (`a` is the search row), and its tsvectors lie in the row
    // (pg migration 7), so testing and ranking a row reads no other page. Each match is
    // ranked where it is read, before the sort, which then moves narrow rows. ts_rank's
    // weights are {D, C, B, A}: folded title 0.5 and text 0.05, as written 1 and 0.1
    // (portico_rank's 10, 1, 20, 2); normalisation 1 divides by the log of the length.
    const std::string ranked = "SELECT a.id, ts_rank('{0.05,0,0,0.5}', a.f, CAST(?1 AS tsquery), 1) + "
                               "ts_rank('{0.1,0,0,1}', a.x, CAST(?8 AS tsquery), 1), a.published_at, a.site_id FROM ";
    const std::string rows = "article_fts a WHERE a.status = 'published' AND a.published_at <= ?3 AND a.id >= ?10" + where;
    if (pass == SearchPass::newest)
      // The newest rows, each tested: worth it when most of them match.
      return ranked + "(SELECT a.id, a.f, a.x, a.published_at, a.site_id FROM " + rows + " ORDER BY a.id DESC LIMIT " +
             std::to_string(kNewestRows) + ") a WHERE a.f @@ CAST(?1 AS tsquery) ORDER BY a.id DESC LIMIT ?12";
    if (pass == SearchPass::all)
      // Through the GIN indexes: "+ 0" keeps the planner from walking the key backwards and
      // testing each row.
      return ranked + rows + " AND a.id < ?11 AND a.f @@ CAST(?1 AS tsquery) ORDER BY a.id + 0 DESC LIMIT ?12";
    // The rows holding the phrase's pairs (the GIN index of p), each tested for the phrase
    // itself. ts_match_vq is @@ as a function: the planner does not read f's index for it,
    // which would add every row holding the phrase's words in any order.
    return ranked + rows + " AND a.id < ?11 AND a.p @@ CAST(?9 AS tsquery) AND ts_match_vq(a.f, CAST(?1 AS tsquery)) "
           "ORDER BY a.id + 0 DESC LIMIT ?12";
  }
  // CROSS JOIN keeps the full-text index as the outer loop, read newest first.
  return "SELECT a.id, portico_rank(article_fts), a.published_at, a.site_id FROM article_fts CROSS JOIN articles a "
         "ON a.id = article_fts.rowid WHERE article_fts MATCH ?1 AND a.status = 'published' AND a.published_at <= ?3" +
         where + " ORDER BY article_fts.rowid DESC LIMIT " + std::to_string(window);
}

std::string indexed_text(Engine e, const char* id_expr) {
  return e == Engine::postgresql ? std::string("(SELECT t FROM article_fts WHERE id = ") + id_expr + ")"
                                 : std::string("(SELECT body_x FROM article_fts WHERE rowid = ") + id_expr + ")";
}

double match_share(const TextQuery& q, const std::unordered_map<std::string, double>& shares) {
  if (shares.empty()) return 1;
  double least = 1;
  for (const auto& t : q.terms) {
    std::string folded = term_words(t, true);
    auto words = split_words(folded);
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (t.prefix && i + 1 == words.size()) continue;
      auto it = shares.find(std::string(words[i]));
      least = std::min(least, it == shares.end() ? 0.0 : it->second);
    }
  }
  return least;
}

// Each word is a quoted string, so nothing of the reader's reaches FTS5 as syntax; the
// folded words must match, the words as written only add to the rank (portico_rank weighs
// the columns). Empty for an empty query.
std::string fts5_match(const TextQuery& q) {
  auto quoted = [](const std::vector<std::string>& words, bool prefix) {
    std::string out = "\"";
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i) out += ' ';
      for (char c : words[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + (prefix ? "\"*" : "\"");
  };
  std::string folded, written;
  for (const auto& t : q.terms) {
    folded += (folded.empty() ? "" : " ") + quoted(t.folded, t.prefix);
    written += (written.empty() ? "" : " ") + quoted(t.words, t.prefix);
  }
  if (q.terms.empty()) return {};
  return "{title_f body_f} : (" + folded + ") OR {title_x body_x} : (" + written + ")";
}

std::string year_of_day(Engine e, const std::string& day) {
  if (e == Engine::postgresql)
    return "CAST(EXTRACT(YEAR FROM to_timestamp(" + day + " * 86400) AT TIME ZONE 'UTC') AS INTEGER)";
  return "CAST(strftime('%Y', " + day + " * 86400, 'unixepoch') AS INTEGER)";
}

}  // namespace portico::sql
