// The Store over SQL: search and its index (the engines' statements in dialect.h).
#include <future>
#include <limits>
#include <set>
#include <tuple>
#include <unordered_map>

#include "store/sql/sql_store.h"

namespace portico {

namespace sql {

Result<SearchResults> SqlStore::search(const SearchQuery& q) {
  if (q.text.empty()) return Status::error(Code::invalid, "từ khoá cần có ít nhất một chữ hoặc số");
  // The newest kSearchWindow matching articles (by id, which follows publication) are
  // ranked; the total is exact up to that many. Common words match most of the archive,
  // and ranking all of it costs tens of milliseconds; a reader pages through at most
  // the first hundred pages anyway.
  std::string where;
  {
    // The sites' own articles, and those shared to shared_to (a province's, on a commune).
    std::string own = q.sites.empty() ? std::string(" AND a.site_id = ?2") : category_filter("a.site_id", q.sites);
    if (q.shared_to)
      own = " AND (" + own.substr(5) + " OR a.id IN (SELECT article_id FROM article_shares WHERE site_id = ?7))";
    where += own;
  }
  where += category_filter("a.category_id", q.categories);
  if (q.from) where += " AND a.published_at >= ?5";
  if (q.to) where += " AND a.published_at < ?6";
  const Engine engine = writer_->engine();
  struct Match {
    Id id;
    double score;
    std::int64_t published_at;
    Id site;
  };
  std::vector<Match> matches;
  auto r = reader();
  const std::string text = match_text(engine, q.text);
  const std::string pairs = engine == Engine::postgresql ? match_pairs(q.text) : std::string();
  const std::string written = engine == Engine::postgresql ? match_written(q.text) : std::string();
  // One pass: appends its matches, at most `limit` (PostgreSQL: ids in [from, below)).
  auto run = [&](SearchPass pass, Id from, Id below, std::size_t limit) -> Status {
    auto s = r->prepare(article_search_sql(engine, where, kSearchWindow, pass));
    s.bind(1, text).bind(3, q.now);
    if (engine == Engine::postgresql)
      s.bind(8, written).bind(9, pairs).bind(10, from).bind(11, below).bind(12, static_cast<std::int64_t>(limit));
    if (q.sites.empty()) s.bind(2, q.site_id);
    if (q.from) s.bind(5, q.from);
    if (q.to) s.bind(6, q.to);
    if (q.shared_to) s.bind(7, q.shared_to);
    while (s.step()) matches.push_back({s.i64(0), s.f64(1), s.i64(2), s.i64(3)});
    if (!s.done()) return Status::error(Code::invalid, r->error());
    return Status::ok();
  };
  if (engine == Engine::sqlite) {
    if (auto st = run(SearchPass::all, 0, 0, kSearchWindow); !st) return st;
  } else {
    // Passes over ranges of ids, newest first (dialect.h), until the window is full.
    Id top = 0;
    {
      auto s = r->prepare("SELECT COALESCE(MAX(id), 0) FROM articles");
      if (!s.step()) return Status::error(Code::io, r->error());
      top = s.i64(0);
    }
    const Id newest_span = top / kSearchSpan * kSearchSpan;
    const double share = word_share(*r, q.text);
    if (pairs.empty() && share >= 0.5) {
      // Words in most articles: the newest rows of the last two ranges, tested, are likely
      // to hold the window; when they do not, the passes below read those rows again.
      if (auto st = run(SearchPass::newest, std::max<Id>(0, newest_span - kSearchSpan), 0, kSearchWindow); !st) return st;
      if (matches.size() < kSearchWindow) matches.clear();
    }
    // The first range is as many rows as should hold the window, by the words' share, and
    // at least the last two ranges (all the rows for rare words); each next range is twice
    // the one before.
    Id below = std::numeric_limits<Id>::max();
    Id width = share < 0.01 ? top + 1 : static_cast<Id>(1.2 * kSearchWindow / share);
    width = std::max<Id>(width, top - newest_span + kSearchSpan);
    while (matches.size() < kSearchWindow && below > 0) {
      Id from = std::max<Id>(0, (std::min(below, top + 1) - width) / kSearchSpan * kSearchSpan);
      if (auto st = run(pairs.empty() ? SearchPass::all : SearchPass::phrase, from, below, kSearchWindow - matches.size()); !st)
        return st;
      below = from;
      width *= 2;
    }
  }
  auto newer = [](const Match& a, const Match& b) {
    return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
  };
  if (q.newest_first)
    std::sort(matches.begin(), matches.end(), newer);
  else
    std::sort(matches.begin(), matches.end(), [&](const Match& a, const Match& b) {
      return a.score != b.score ? a.score > b.score : newer(a, b);  // relevance, then recency
    });
  SearchResults out;
  out.total = static_cast<std::int64_t>(matches.size());
  out.capped = matches.size() >= kSearchWindow;
  // A match from a site outside the search's own was shared to shared_to: it counts there.
  auto own_site = [&](Id site) {
    return q.sites.empty() ? site == q.site_id : std::find(q.sites.begin(), q.sites.end(), site) != q.sites.end();
  };
  if (!q.sites.empty()) {
    for (Id site : q.sites) out.per_site.emplace_back(site, 0);
    for (const auto& m : matches) {
      Id counted = !q.shared_to || own_site(m.site) ? m.site : q.shared_to;
      for (auto& [site, n] : out.per_site)
        if (site == counted) {
          ++n;
          break;
        }
    }
  }
  std::size_t from = std::min<std::size_t>(matches.size(), static_cast<std::size_t>(std::max(0, q.offset)));
  std::size_t to = std::min<std::size_t>(matches.size(), from + static_cast<std::size_t>(std::max(0, q.limit)));
  if (from == to) return out;
  // The page's articles in one statement (on PostgreSQL one round trip, not one a hit): the
  // ids as parameters, the last repeated up to a multiple of ten, so that a few statements
  // serve every page size.
  const std::size_t n = to - from, slots = (n + 9) / 10 * 10;
  std::string ids;
  for (std::size_t k = 1; k <= slots; ++k) ids += (k > 1 ? ",?" : "?") + std::to_string(k);
  auto s = r->prepare("SELECT id, category_id, title, slug, lead, COALESCE(cover_media_id,0), published_at, updated_at, " +
                      indexed_text(engine, "articles.id") + " FROM articles WHERE id IN (" + ids + ")");
  for (std::size_t k = 0; k < slots; ++k) s.bind(static_cast<int>(k + 1), matches[from + std::min(k, n - 1)].id);
  std::unordered_map<Id, SearchHit> read;  // by id; placed in the matches' order below
  while (s.step())
    read[s.i64(0)] = {0, false, {s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.i64(5), s.i64(6), s.i64(7)},
                      s.text(8)};
  if (!s.done()) return Status::error(Code::io, r->error());
  for (std::size_t i = from; i < to; ++i)
    if (auto it = read.find(matches[i].id); it != read.end()) {
      it->second.site_id = matches[i].site;
      it->second.shared = !own_site(matches[i].site);
      out.items.push_back(std::move(it->second));
    }
  return out;
}

double SqlStore::word_share(Connection& c, const TextQuery& text) {
  std::lock_guard lock(shares_mu_);
  std::int64_t now = unix_now();
  if (shares_read_at_ == 0 || now - shares_read_at_ > 300) {
    std::unordered_map<std::string, double> shares;
    auto s = c.prepare(kWordSharesSql);
    while (s.step()) shares.emplace(s.text(0), s.f64(1));
    if (!s.done()) return 1;  // not known: as if common
    word_shares_ = std::move(shares);
    shares_read_at_ = now;
  }
  return match_share(text, word_shares_);
}

Result<std::int64_t> SqlStore::reindex() {
  std::lock_guard lock(write_mu_);
  const Engine engine = writer_->engine();
  return in_transaction([&]() -> Result<std::int64_t> {
    for (auto t : {SearchTable::articles, SearchTable::documents, SearchTable::questions})
      if (auto st = clear_index(*writer_, t); !st) return st;
    std::int64_t n = 0;
    // Read first, then write: one connection cannot step through a result while it writes.
    // A batch's rows are made (their words found and folded, most of the work) on another
    // thread while this one writes the batch before: on PostgreSQL Portico's work and the
    // server's overlap, on SQLite two cores share it.
    auto each = [&](SearchTable t, const char* sql, auto&& text_of) -> Status {
      std::vector<std::tuple<Id, std::string, std::string, std::string, std::string>> rows;
      {
        auto s = writer_->prepare(sql);
        while (s.step()) rows.emplace_back(s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4));
        if (!s.done()) return Status::error(Code::io, writer_->error());
      }
      if (t == SearchTable::articles) {  // each range of ids made once, not once a row
        std::set<Id> ranges;
        for (const auto& row : rows) ranges.insert(std::get<0>(row) / kSearchSpan);
        for (Id k : ranges)
          if (auto st = make_search_range(*writer_, k * kSearchSpan); !st) return st;
      }
      constexpr std::size_t kBatch = 256;
      auto make = [&](std::size_t from) {
        std::vector<SearchRow> out;
        for (std::size_t i = from; i < std::min(rows.size(), from + kBatch); ++i) {
          auto& [id, a, b, c, d] = rows[i];
          SearchRow r = text_of(id, a, b, c, d);
          out.push_back(search_row(engine, t, id, std::move(r.title), std::move(r.body)));
        }
        return out;
      };
      // Declared after what it reads: on an early return it is waited for before they go.
      std::future<std::vector<SearchRow>> next;
      if (!rows.empty()) next = std::async(std::launch::async, make, 0);
      for (std::size_t from = 0; from < rows.size(); from += kBatch) {
        auto batch = next.get();
        if (from + kBatch < rows.size()) next = std::async(std::launch::async, make, from + kBatch);
        if (auto st = add_to_index(*writer_, t, batch); !st) return st;
        n += static_cast<std::int64_t>(batch.size());
      }
      return Status::ok();
    };
    auto st = each(SearchTable::articles, "SELECT id, title, lead, body_html, '' FROM articles",
                   [](Id id, auto& title, auto& lead, auto& body, auto&) { return article_text(id, title, lead, body); });
    if (st)
      st = each(SearchTable::documents,
                "SELECT id, number, summary, doc_type || '\n' || issuer || '\n' || signer || '\n' || field, "
                "body_html FROM documents",
                [](Id id, auto& number, auto& summary, auto& details, auto& body) {
                  return document_text(id, number, summary, details, body);
                });
    if (st)
      st = each(SearchTable::questions,
                "SELECT id, title, topic, body || '\n' || answer || '\n' || department, '' FROM questions "
                "WHERE status = 'published'",
                [](Id id, auto& title, auto& topic, auto& rest, auto&) { return question_text(id, title, topic, rest); });
    for (auto t : {SearchTable::articles, SearchTable::documents, SearchTable::questions})
      if (st) st = finish_index(*writer_, t);
    if (!st) return st;
    std::lock_guard shares(shares_mu_);
    shares_read_at_ = 0;  // the statistics are new
    return n;
  });
}

}  // namespace sql

}  // namespace portico
