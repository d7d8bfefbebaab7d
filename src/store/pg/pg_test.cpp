// The libpq layer, and the store's connections, against a real PostgreSQL server: tests/pg/with_server.sh starts a private
// one and passes its address in PORTICO_PG_URL (ctest entry "postgresql").
#include "store/pg/pg.h"

#include "store/pg/migrations.h"
#include "store/upgrade_check.h"
#include "store/store.h"
#include "text/unicode.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <thread>

using namespace portico;
using namespace portico::pg;

namespace {

std::string url() {
  const char* u = std::getenv("PORTICO_PG_URL");
  return u ? u : "";
}

class Pg : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(url().empty()) << "run under tests/pg/with_server.sh";
    auto c = Connection::open(url());
    ASSERT_TRUE(c.is_ok()) << c.status().message();
    db_ = std::move(*c);
    ASSERT_TRUE(db_->exec("DROP TABLE IF EXISTS t; CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                          "n BIGINT NOT NULL DEFAULT 0 CHECK (n >= 0), note TEXT)"));
  }
  std::unique_ptr<Connection> db_;
};

}  // namespace

TEST_F(Pg, ParametersAndValuesTravelAsTheyAre) {
  std::string name = "Xã Hùng Lợi – “đảng viên” 🙂";  // NFC, with punctuation and an emoji
  auto ins = db_->run("INSERT INTO t (name, n, note) VALUES ($1, $2, $3) RETURNING id", Params(name, std::int64_t{1} << 40, std::nullopt));
  ASSERT_TRUE(ins.is_ok()) << ins.status().message();
  ASSERT_EQ(ins->size(), 1);
  auto rows = db_->run("SELECT name, n, note, n > 0 FROM t WHERE id = $1", Params(ins->i64(0, 0)));
  ASSERT_TRUE(rows.is_ok());
  EXPECT_EQ(rows->text(0, 0), name);
  EXPECT_EQ(rows->i64(0, 1), std::int64_t{1} << 40);
  EXPECT_TRUE(rows->null(0, 2));
  EXPECT_TRUE(rows->boolean(0, 3));
  // The same statement again is the prepared one; a parameter is never SQL.
  auto again = db_->run("SELECT name, n, note, n > 0 FROM t WHERE id = $1", Params(std::string("1; DROP TABLE t")));
  EXPECT_FALSE(again.is_ok());
  EXPECT_EQ(again.status().code(), Code::invalid);  // 22P02: not a number
  auto count = db_->run("UPDATE t SET n = n + 1 WHERE name = $1", Params(name));
  ASSERT_TRUE(count.is_ok());
  EXPECT_EQ(count->affected(), 1);
}

TEST_F(Pg, ConstraintsAreConflictsOrInvalid) {
  ASSERT_TRUE(db_->run("INSERT INTO t (name) VALUES ($1)", Params("a")).is_ok());
  auto dup = db_->run("INSERT INTO t (name) VALUES ($1)", Params("a"));
  EXPECT_EQ(dup.status().code(), Code::conflict);
  auto negative = db_->run("INSERT INTO t (name, n) VALUES ($1, $2)", Params("b", -1));
  EXPECT_EQ(negative.status().code(), Code::invalid);
  EXPECT_THROW((void)db_->run("SELECT nothing FROM nowhere"), std::logic_error);  // our mistake, not the reader's
}

TEST_F(Pg, ATransactionIsAllOrNothing) {
  {
    Transaction tx(*db_);
    ASSERT_TRUE(tx.begun());
    ASSERT_TRUE(db_->run("INSERT INTO t (name) VALUES ($1)", Params("một")).is_ok());
  }  // no commit: rolled back
  {
    Transaction tx(*db_);
    ASSERT_TRUE(db_->run("INSERT INTO t (name) VALUES ($1)", Params("hai")).is_ok());
    EXPECT_FALSE(db_->run("INSERT INTO t (name) VALUES ($1)", Params("hai")).is_ok());
    EXPECT_FALSE(tx.commit());  // a statement failed: COMMIT is a ROLLBACK, and says so
  }
  {
    Transaction tx(*db_);
    ASSERT_TRUE(db_->run("INSERT INTO t (name) VALUES ($1)", Params("ba")).is_ok());
    EXPECT_TRUE(tx.commit());
  }
  auto rows = db_->run("SELECT name FROM t ORDER BY id");
  ASSERT_TRUE(rows.is_ok());
  ASSERT_EQ(rows->size(), 1);
  EXPECT_EQ(rows->text(0, 0), "ba");
}

// The store's own pool of connections (SqlStore::reader, SqlConnection::check) on this
// server: shared by threads, exact, and made again when the server drops them.
std::unique_ptr<Store> store_on_server() {
  auto s = open_store({.url = url(), .readers = 4});
  EXPECT_TRUE(s.is_ok()) << s.status().message();
  return s.is_ok() ? std::move(*s) : nullptr;
}

TEST_F(Pg, AStoreSharesItsConnectionsAndCountsExactly) {
  auto store = store_on_server();
  ASSERT_TRUE(store);
  auto site = store->create_site({.host = "dem.vn", .name = "Xã Đếm"});
  ASSERT_TRUE(site.is_ok()) << site.status().message();
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < 250; ++k) {
        ASSERT_TRUE(store->add_visits(*site, {{20000, 1}}).is_ok());
        EXPECT_TRUE(store->visit_total(*site).is_ok());  // a read through the pool between the writes
      }
    });
  for (auto& t : threads) t.join();
  auto total = store->visit_total(*site);
  ASSERT_TRUE(total.is_ok()) << total.status().message();
  EXPECT_EQ(*total, 2000);
}

TEST_F(Pg, ADroppedConnectionIsMadeAgainBeforeItIsLent) {
  auto store = store_on_server();
  ASSERT_TRUE(store);
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(store->sites().is_ok());
  // The server ends every other session (an administrator, a failover).
  auto killed = db_->run(
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
  ASSERT_TRUE(killed.is_ok());
  EXPECT_GE(killed->i64(0, 0), 2);
  // Their processes end a moment later; wait until they have (at most 5 s).
  for (int i = 0; i < 100; ++i) {
    auto left = db_->run("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    ASSERT_TRUE(left.is_ok());
    if (left->i64(0, 0) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (int i = 0; i < 4; ++i) {
    auto r = store->sites();
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_FALSE(r->empty());
  }
}

// The channel between nodes (store.h): a message reaches every listener of the same schema
// and none of another; a job's lock has one holder at a time and passes on when the
// holder's connection goes; a listener whose connection was cut says so when it is back.
TEST_F(Pg, NodesOfOneSchemaHearEachOtherAndOneLeadsAJob) {
  ASSERT_TRUE(db_->exec("DROP SCHEMA IF EXISTS other CASCADE; CREATE SCHEMA other"));
  auto a = open_channel(url());
  auto b = open_channel(url());
  auto elsewhere = open_channel(url() + "&options=-csearch_path%3Dother");
  ASSERT_TRUE(a.is_ok() && b.is_ok() && elsewhere.is_ok()) << a.status().message();
  ASSERT_TRUE(*a && *b && *elsewhere);
  auto sqlite = open_channel("sqlite:/tmp/x.db");
  ASSERT_TRUE(sqlite.is_ok());
  EXPECT_EQ(*sqlite, nullptr) << "one process: no channel";

  std::string big(Channel::kMaxMessage - 10, 'x');
  ASSERT_TRUE((*a)->send("xin chào\nnút B"));
  ASSERT_TRUE((*a)->send(big));
  auto hear = [](Channel& ch, std::size_t n) {
    std::vector<std::string> heard;
    for (int i = 0; i < 50 && heard.size() < n; ++i) {
      auto h = ch.receive(std::chrono::milliseconds(100));
      EXPECT_TRUE(h.is_ok()) << h.status().message();
      if (!h.is_ok()) break;
      EXPECT_FALSE(h->reconnected);
      heard.insert(heard.end(), h->messages.begin(), h->messages.end());
    }
    return heard;
  };
  EXPECT_EQ(hear(**b, 2), (std::vector<std::string>{"xin chào\nnút B", big}));
  EXPECT_EQ(hear(**a, 2).size(), 2u) << "the sender hears itself (app/node_link.h skips its own)";
  auto other = (*elsewhere)->receive(std::chrono::milliseconds(100));
  ASSERT_TRUE(other.is_ok());
  EXPECT_TRUE(other->messages.empty()) << "another installation's schema hears nothing";

  auto led_a = (*a)->lead("thoi-tiet");
  auto led_b = (*b)->lead("thoi-tiet");
  auto led_elsewhere = (*elsewhere)->lead("thoi-tiet");
  ASSERT_TRUE(led_a.is_ok() && led_b.is_ok() && led_elsewhere.is_ok());
  EXPECT_TRUE(*led_a);
  EXPECT_FALSE(*led_b);
  EXPECT_TRUE(*led_elsewhere) << "locks are per schema";
  EXPECT_TRUE(*(*a)->lead("thoi-tiet")) << "held, asked again";
  a->reset();  // node A dies: its session ends, and its lock with it
  bool took = false;
  for (int i = 0; i < 50 && !took; ++i) {
    auto r = (*b)->lead("thoi-tiet");
    ASSERT_TRUE(r.is_ok());
    took = *r;
    if (!took) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(took);

  // B's connection is cut (a server restart, a failover): it reconnects and says it may have missed messages.
  ASSERT_TRUE(db_->run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
                       "datname = current_database() AND query LIKE '%pg_try_advisory_lock%'").is_ok());
  bool reconnected = false;
  for (int i = 0; i < 50 && !reconnected; ++i) {
    auto h = (*b)->receive(std::chrono::milliseconds(20));
    if (h.is_ok()) reconnected = h->reconnected;
  }
  EXPECT_TRUE(reconnected);
}

// The search rows are partitioned by ranges of ids (pg migration 3) and a search reads the
// ranges newest first: matches in ranges far apart, with empty ranges between, are all
// found, in order; with more matches than its window of 500, a search keeps the newest.
TEST_F(Pg, ASearchReadsTheRangesOfIdsNewestFirst) {
  auto store = store_on_server();
  ASSERT_TRUE(store);
  auto site = store->create_site({.host = "tim.vn", .name = "Xã Tìm"});
  ASSERT_TRUE(site.is_ok()) << site.status().message();
  auto cat = store->create_category({0, *site, 0, "Tin", "", 1, ""});
  ASSERT_TRUE(cat.is_ok()) << cat.status().message();
  std::int64_t at = 1000;
  // n articles from id `from` on (0: wherever the ids are), every `every`-th about the
  // countryside, the others about roads.
  auto add = [&](Id from, int n, int every) {
    if (from) {
      ASSERT_TRUE(db_->exec("ALTER TABLE articles ALTER COLUMN id RESTART WITH " + std::to_string(from)));
    }
    std::vector<Article> batch;
    for (int i = 0; i < n; ++i) {
      Article a;
      a.site_id = *site;
      a.category_id = *cat;
      a.title = (i % every == 0 ? "Xây dựng nông thôn mới số " : "Sửa đường giao thông số ") + std::to_string(at);
      a.status = ArticleStatus::published;
      a.published_at = ++at;
      batch.push_back(std::move(a));
    }
    auto st = store->create_articles(std::move(batch));
    ASSERT_TRUE(st.is_ok()) << st.message();
  };
  auto query = [](std::vector<std::string> words) {
    TextQuery q;
    TextQuery::Term t{words, {}, false};
    for (const auto& w : words) t.folded.push_back(text::fold(w));
    q.terms.push_back(std::move(t));
    return q;
  };
  auto titles = [&](TextQuery text, int offset, int limit, std::int64_t* total) {
    auto r = store->search({.site_id = *site, .text = std::move(text), .now = at + 1, .newest_first = true,
                            .offset = offset, .limit = limit});
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    std::vector<std::string> out;
    if (!r.is_ok()) return out;
    *total = r->total;
    for (const auto& h : r->items) out.push_back(h.article.title);
    return out;
  };
  add(0, 3, 1);           // the first range: 3 matches
  add(30000, 3, 2);       // 2 matches (30000, 30002)
  add(52000, 1, 1);       // 1
  add(70000, 4, 2);       // 2, the newest
  std::int64_t total = 0;
  auto found = titles(query({"nông", "thôn"}), 0, 20, &total);
  EXPECT_EQ(total, 8);
  ASSERT_EQ(found.size(), 8u);
  EXPECT_EQ(found.front(), "Xây dựng nông thôn mới số 1009");
  EXPECT_EQ(found.back(), "Xây dựng nông thôn mới số 1000");
  TextQuery phrase = query({"nông", "thôn", "mới"});
  EXPECT_EQ(titles(phrase, 0, 20, &total), found);  // the words of a phrase, one term
  // With the planner's figures, a word in most rows is first tried on the newest rows.
  ASSERT_TRUE(db_->exec("ANALYZE article_fts"));
  EXPECT_EQ(titles(query({"số"}), 0, 1, &total).front(), "Sửa đường giao thông số 1010");
  EXPECT_EQ(total, 11);
  // 600 more in the newest range, every one a match: the window holds the newest 500.
  add(0, 600, 1);
  titles(query({"nong", "thon"}), 0, 1, &total);
  EXPECT_EQ(total, 500);
  EXPECT_EQ(titles(query({"nong", "thon"}), 499, 1, &total).front(), "Xây dựng nông thôn mới số 1111");
  auto ranges = db_->run("SELECT count(*) FROM pg_inherits WHERE inhparent = CAST('article_fts' AS regclass)");
  ASSERT_TRUE(ranges.is_ok());
  EXPECT_GE(ranges->i64(0, 0), 4);  // made as the ids reached them
}

TEST(PgOpen, AServerThatCannotBeReachedIsNamedWithoutItsPassword) {
  auto c = Connection::open("postgresql://portico:secret@/portico?host=/nonexistent-portico&port=1");
  ASSERT_FALSE(c.is_ok());
  EXPECT_NE(c.status().message().find("/nonexistent-portico"), std::string::npos) << c.status().message();
  EXPECT_EQ(c.status().message().find("secret"), std::string::npos) << c.status().message();
  EXPECT_FALSE(open_store({.url = "postgresql:///portico?host=/nonexistent-portico", .readers = 2}).is_ok());
}

// Upgrades: the schema built at every released version in a schema of its own, every
// table filled (key k, references to row k of the table referred to or NULL when that one
// is not filled yet, a CHECK … = ANY (ARRAY[…]) column its first value), then opened by the
// store, which migrates it to the latest: every row kept, every table read whole.
TEST_F(Pg, EveryEarlierVersionFilledMigratesToTheLatestKeepingEveryRow) {
  const int latest = std::end(pg::kMigrations)[-1].version;
  for (const auto& from : pg::kMigrations) {
    if (from.version == latest) break;
    SCOPED_TRACE("from schema version " + std::to_string(from.version));
    std::string schema = "upgrade_from_" + std::to_string(from.version);
    ASSERT_TRUE(db_->exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema + "; SET search_path = " +
                          schema + "; CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"));
    for (const auto& m : pg::kMigrations) {
      if (m.version > from.version) break;
      ASSERT_TRUE(db_->exec(std::string(m.sql) + ";INSERT INTO schema_version VALUES (" + std::to_string(m.version) + ", 0)"))
          << "migration " << m.version;
    }
    auto all = [&](const std::string& sql) {
      auto r = db_->run(sql, Params(schema));
      EXPECT_TRUE(r.is_ok()) << r.status().message();
      return r.is_ok() ? std::move(*r) : Rows();
    };
    Rows tables = all("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' "
                      "AND table_name !~ '_fts' AND table_name NOT IN ('schema_version', 'site_generation') ORDER BY 1");
    // (table, column) → the table referred to, and whether the column may be NULL.
    Rows refs = all("SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, NOT a.attnotnull "
                    "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
                    "WHERE c.contype = 'f' AND c.connamespace = $1::regnamespace");
    Rows checks = all("SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
                      "WHERE contype = 'c' AND connamespace = $1::regnamespace");
    std::map<std::pair<std::string, std::string>, std::pair<std::string, bool>> ref;
    for (int i = 0; i < refs.size(); ++i) ref[{refs.text(i, 0), refs.text(i, 1)}] = {refs.text(i, 2), refs.boolean(i, 3)};
    std::vector<std::string> order, names;
    for (int i = 0; i < tables.size(); ++i) names.push_back(tables.text(i, 0));
    std::set<std::string> placed;
    while (order.size() < names.size()) {
      std::size_t before = order.size();
      for (const auto& t : names) {
        bool ready = !placed.contains(t);
        for (const auto& [key, to] : ref)
          if (key.first == t && to.first != t && !to.second && !placed.contains(to.first)) ready = false;
        if (ready) order.push_back(t), placed.insert(t);
      }
      ASSERT_GT(order.size(), before) << "tables that refer to each other through NOT NULL columns";
    }
    std::map<std::string, std::int64_t> rows_before;
    std::set<std::string> filled;
    for (const auto& t : order) {
      auto read = db_->run("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND "
                           "table_name = $2 ORDER BY ordinal_position", Params(schema, t));
      ASSERT_TRUE(read.is_ok()) << read.status().message();
      const Rows& cols = *read;
      for (int k = 1; k <= 2; ++k) {
        std::string names_sql, values;
        for (int i = 0; i < cols.size(); ++i) {
          std::string col = cols.text(i, 0), type = cols.text(i, 1), v;
          std::smatch m;
          std::string in_list;
          for (int j = 0; j < checks.size(); ++j) {
            std::string def = checks.text(j, 1);
            if (checks.text(j, 0) == t && std::regex_search(def, m, std::regex("\\(" + col + " = ANY \\(ARRAY\\[('[^']*')")))
              in_list = m[1].str();
          }
          auto r = ref.find({t, col});
          if (!in_list.empty()) v = in_list;
          else if (r != ref.end() && r->second.second && (r->second.first == t || !filled.contains(r->second.first))) v = "NULL";
          else if (r != ref.end() || type == "bigint" || type == "integer" || type == "smallint") v = std::to_string(k);
          else if (type == "double precision" || type == "real") v = std::to_string(k) + ".5";
          else if (type == "bytea") v = "'\\x00'";
          else if (type == "boolean") v = "true";
          else v = "'" + t + " " + col + " số " + std::to_string(k) + " – Tiếng Việt'";
          names_sql += (names_sql.empty() ? "" : ", ") + col;
          values += (values.empty() ? "" : ", ") + v;
        }
        auto st = db_->exec("INSERT INTO " + t + " (" + names_sql + ") VALUES (" + values + ")");
        ASSERT_TRUE(st) << t << ": " << st.message();
      }
      filled.insert(t);
      rows_before[t] = 2;
    }
    ASSERT_GE(rows_before.size(), 5u);
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> folded_before;
    for (const auto& f : test_support::kFoldedTables) {
      if (!rows_before.contains(f.table)) continue;
      auto r = db_->run(f.before);
      ASSERT_TRUE(r.is_ok()) << r.status().message();
      folded_before[f.table] = {r->i64(0, 0), r->i64(0, 1)};
    }
    ASSERT_TRUE(db_->exec("SET search_path = public"));

    const std::string at = url() + "&options=-csearch_path%3D" + schema;
    test_support::expect_upgrade(at, from.version, latest);
    if (HasFatalFailure()) return;
    ASSERT_TRUE(db_->exec("SET search_path = " + schema));
    for (const auto& [t, n] : rows_before) {
      if (auto f = test_support::folded(t)) {  // gone, its content where it went
        auto gone = db_->run("SELECT to_regclass($1) IS NULL", Params(schema + "." + t));
        ASSERT_TRUE(gone.is_ok()) << gone.status().message();
        EXPECT_EQ(gone->text(0, 0), "t") << t << " is still there";
        auto r = db_->run(f->after);
        ASSERT_TRUE(r.is_ok()) << r.status().message();
        EXPECT_EQ(std::make_pair(r->i64(0, 0), r->i64(0, 1)), folded_before[t]) << t << " folded wrongly";
        continue;
      }
      auto count = db_->run("SELECT COUNT(*) FROM " + schema + "." + t);
      ASSERT_TRUE(count.is_ok()) << t << " is gone";
      EXPECT_GE(count->i64(0, 0), n) << t << " lost rows";
    }
    ASSERT_TRUE(db_->exec("SET search_path = public"));
    auto sums = check_database(at);
    EXPECT_TRUE(sums.is_ok()) << sums.status().message();
    ASSERT_TRUE(db_->exec("DROP SCHEMA " + schema + " CASCADE"));
  }
}

// Last: it stops the server and starts it again.
TEST_F(Pg, WhileTheServerIsDownRequestsAreUnavailableThenItReconnects) {
  const char* stop = std::getenv("PORTICO_PG_STOP");
  const char* start = std::getenv("PORTICO_PG_START");
  ASSERT_TRUE(stop && start);
  auto store = store_on_server();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->site_for_host("dem.vn").is_ok() || store->create_site({.host = "dem.vn", .name = "Xã Đếm"}).is_ok());
  auto site = store->site_for_host("dem.vn");
  ASSERT_TRUE(site.is_ok());
  auto before = store->visit_total(site->id);
  ASSERT_TRUE(before.is_ok());
  ASSERT_TRUE(store->add_visits(site->id, {{1, 1}}).is_ok());  // the writer's connection is open
  db_.reset();
  ASSERT_EQ(std::system(stop), 0);
  EXPECT_THROW((void)store->sites(), Unavailable);
  EXPECT_THROW((void)store->sites(), Unavailable);
  ASSERT_EQ(std::system(start), 0);
  // The same store, no restart of ours: the next request is served, and the next write is
  // written (its transaction starts on a connection made again, not the one the restart cut).
  auto r = store->sites();
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_FALSE(r->empty());
  EXPECT_TRUE(store->add_visits(site->id, {{1, 1}}).is_ok());
  // A write while it is down is refused, and the one after it is written.
  ASSERT_EQ(std::system(stop), 0);
  EXPECT_THROW((void)store->add_visits(site->id, {{1, 1}}), Unavailable);
  ASSERT_EQ(std::system(start), 0);
  EXPECT_TRUE(store->add_visits(site->id, {{1, 1}}).is_ok());
  auto after = store->visit_total(site->id);
  ASSERT_TRUE(after.is_ok());
  EXPECT_EQ(*after, *before + 3);
}
