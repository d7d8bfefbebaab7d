// What the two engines say differently: see dialect.h.
#include "store/sql/dialect.h"

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

std::string words_of(const std::string& s, bool folded) { return text::index_words(text::cut(s, kIndexedBytes), folded); }

// A TextQuery as a tsquery: terms joined by &, the words of a term by <-> (a phrase), the
// last word of a prefix term with :*. Words are letters and digits only (index_words), each
// quoted, so nothing of the reader's is read as tsquery syntax.
std::string tsquery(const TextQuery& q, bool folded) {
  std::string out;
  for (const auto& t : q.terms) {
    std::string joined;
    for (const auto& w : folded ? t.folded : t.words) joined += w + " ";
    std::string words = text::index_words(joined, folded);
    if (words.empty()) continue;
    std::string phrase;
    std::size_t start = 0;
    while (start < words.size()) {
      auto end = words.find(' ', start);
      if (end == std::string::npos) end = words.size();
      phrase += (phrase.empty() ? "'" : " <-> '") + words.substr(start, end - start) + "'";
      start = end + 1;
    }
    if (t.prefix) phrase += ":*";
    out += (out.empty() ? "" : " & ") + phrase;
  }
  return out;
}

}  // namespace

Status write_index(Connection& c, SearchTable t, Id id, const std::string& title, const std::string& body) {
  std::string table = table_name(t);
  if (c.engine() == Engine::postgresql) {
    auto s = c.prepare("INSERT INTO " + table + " (id, f, x) VALUES (?1, "
                       "setweight(to_tsvector('simple', ?2), 'A') || setweight(to_tsvector('simple', ?3), 'D'), "
                       "setweight(to_tsvector('simple', ?4), 'A') || setweight(to_tsvector('simple', ?5), 'D')) "
                       "ON CONFLICT (id) DO UPDATE SET f = excluded.f, x = excluded.x");
    s.bind(1, id).bind(2, words_of(title, true)).bind(3, words_of(body, true)).bind(4, words_of(title, false));
    s.bind(5, words_of(body, false));
    s.step();
    return s.done() ? Status::ok() : Status::error(Code::io, c.error());
  }
  if (auto st = drop_index(c, t, id); !st) return st;
  auto s = c.prepare("INSERT INTO " + table + " (rowid, title_x, body_x, title_f, body_f) VALUES (?1,?2,?3,?4,?5)");
  s.bind(1, id).bind(2, title).bind(3, body).bind(4, text::fold(title)).bind(5, text::fold(body));
  s.step();
  return s.done() ? Status::ok() : Status::error(Code::io, c.error());
}

Status drop_index(Connection& c, SearchTable t, Id id) {
  auto s = c.prepare(std::string("DELETE FROM ") + table_name(t) +
                     (c.engine() == Engine::postgresql ? " WHERE id = ?1" : " WHERE rowid = ?1"));
  s.bind(1, id);
  s.step();
  return s.done() ? Status::ok() : Status::error(Code::io, c.error());
}

Status clear_index(Connection& c, SearchTable t) {
  if (auto e = c.exec(std::string("DELETE FROM ") + table_name(t)); !e.empty()) return Status::error(Code::io, e);
  return Status::ok();
}

std::string match_ids(Engine e, SearchTable t, const char* id_column, int n) {
  std::string table = table_name(t), p = "?" + std::to_string(n);
  if (e == Engine::postgresql)
    return std::string(id_column) + " IN (SELECT id FROM " + table + " WHERE f @@ to_tsquery('simple', " + p + "))";
  return std::string(id_column) + " IN (SELECT rowid FROM " + table + " WHERE " + table + " MATCH " + p + ")";
}

std::string match_text(Engine e, const TextQuery& q) { return e == Engine::postgresql ? tsquery(q, true) : fts5_match(q); }

std::string match_written(const TextQuery& q) { return tsquery(q, false); }

std::string article_search_sql(Engine e, const std::string& where, std::size_t window) {
  if (e == Engine::postgresql)
    // ts_rank's weights are {D, C, B, A}: folded title 0.5 and text 0.05, as written 1 and
    // 0.1 (portico_rank's 10, 1, 20, 2); normalisation 1 divides by the log of the length.
    return "SELECT a.id, ts_rank('{0.05,0,0,0.5}', s.f, to_tsquery('simple', ?1), 1) + "
           "ts_rank('{0.1,0,0,1}', s.x, to_tsquery('simple', ?8), 1), a.published_at, a.site_id "
           "FROM article_fts s JOIN articles a ON a.id = s.id WHERE s.f @@ to_tsquery('simple', ?1) "
           "AND a.status = 'published' AND a.published_at <= ?3" +
           where + " ORDER BY s.id DESC LIMIT " + std::to_string(window);
  // CROSS JOIN keeps the full-text index as the outer loop, read newest first.
  return "SELECT a.id, portico_rank(article_fts), a.published_at, a.site_id FROM article_fts CROSS JOIN articles a "
         "ON a.id = article_fts.rowid WHERE article_fts MATCH ?1 AND a.status = 'published' AND a.published_at <= ?3" +
         where + " ORDER BY article_fts.rowid DESC LIMIT " + std::to_string(window);
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
