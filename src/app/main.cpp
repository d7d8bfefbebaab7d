// portico: the command line and the visible wiring of every component.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/backup.h"
#include "app/cli.h"
#include "app/config.h"
#include "app/demo.h"
#include "app/seed.h"
#include "app/log_files.h"
#include "app/metrics.h"
#include "app/node_link.h"
#include "app/portal.h"
#include "http/assets.h"
#include "http/server.h"
#include "media/file_store.h"
#include "render/templates.h"
#include "store/store.h"
#include "widgets/weather.h"
#include "widgets/widgets.h"

namespace fs = std::filesystem;
using namespace portico;
using app::cli::fail;
using app::cli::open_store;
using app::cli::SiteArgs;
using app::cli::UserArgs;
using app::cli::site_command;
using app::cli::user_command;

namespace {

// The theme and the built assets are found next to the binary (build/portico → ../themes).
fs::path exe_dir() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : p.parent_path();
}

std::string find_theme(const std::string& configured) {
  if (!configured.empty()) return configured;
  // build/portico → themes/ of the source tree; an installed bin/portico → share/portico/themes.
  for (auto candidate : {exe_dir() / "../themes/default", exe_dir() / "../share/portico/themes/default",
                         exe_dir() / "themes/default", fs::path("themes/default")})
    if (fs::is_directory(candidate)) return fs::weakly_canonical(candidate).string();
  return "themes/default";
}

// Waits for `how_long`, or less if a stop is asked for (then SIGTERM does not wait out the
// pause); true when stopped.
bool pause_unless_stopped(std::stop_token stop, std::chrono::milliseconds how_long) {
  std::mutex mu;
  std::condition_variable_any cv;
  std::unique_lock lock(mu);
  cv.wait_for(lock, stop, how_long, [] { return false; });
  return stop.stop_requested();
}

// Uncached work at once (config work_threads, 0: this default): one per core with SQLite,
// whose statements run in the process; two per core with a database server, since a thread
// waiting for the server's answer leaves its core idle (the crawl of distinct articles on
// PostgreSQL: about 3,000 pages/s with one per core, 4,400–5,500 with two, on 2 cores).
int work_threads(const app::Config& cfg) {
  if (cfg.work_threads > 0) return cfg.work_threads;
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return names_server(cfg.database) ? 2 * cores : cores;
}

// The installation's signing key (preview links): 32 random bytes, created once, owner-only.
Result<std::string> signing_key(const std::string& data_dir) {
  fs::path path = fs::path(data_dir) / "secret.key";
  std::string key;
  if (std::ifstream in(path, std::ios::binary); in) key.assign(std::istreambuf_iterator<char>(in), {});
  if (key.size() == 32) return key;
  key = random_key();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << key;
    if (!out) return Status::error(Code::io, "không ghi được " + path.string());
  }
  std::error_code ec;
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, ec);
  return key;
}

// The theme's templates and the static files (the theme's and those built next to the binary).
Status load_theme(const std::string& configured, render::Templates& templates, http::Assets& assets) {
  std::string theme = find_theme(configured);
  if (auto st = templates.load(theme + "/templates"); !st) return st;
  // The built assets: next to the binary in a build, share/portico/assets when installed.
  return assets.load({theme + "/static", (exe_dir() / "assets").string(),
                      (exe_dir() / "../share/portico/assets").lexically_normal().string()});
}

int serve(app::Config cfg) {
  if (auto st = app::finish_config(cfg); !st) return fail(st.message());
  auto started = std::chrono::steady_clock::now();
  SystemClock system_clock;
  std::optional<OffsetClock> test_clock;
  if (!cfg.test_clock_file.empty()) test_clock.emplace(cfg.test_clock_file);
  const Clock& clock = test_clock ? static_cast<const Clock&>(*test_clock) : system_clock;
  auto error_log = spdlog::stderr_color_mt("portico");
  spdlog::set_default_logger(error_log);  // what the libraries report (spdlog::error) goes here too
  std::shared_ptr<spdlog::logger> access_log;
  const std::string database = app::cli::database_url(cfg.data_dir, cfg.database);
  if (std::error_code ec; fs::create_directories(cfg.data_dir, ec), ec)
    return fail("không tạo được thư mục dữ liệu " + cfg.data_dir + ": " + ec.message());
  // An upgrade keeps the database as it was first (and a migration that fails leaves it so).
  auto before = app::backup_before_upgrade({cfg.data_dir, database}, cfg.backup_dir, clock.now());
  if (!before) return fail("sao lưu trước khi nâng cấp lược đồ không được, chưa nâng cấp gì: " + before.status().message());
  if (*before)
    error_log->warn("nâng cấp lược đồ cơ sở dữ liệu từ phiên bản {}; bản sao lưu trước khi nâng cấp: {}",
                    (*before)->schema_version, (*before)->dir);
  auto store = open_store(cfg.data_dir, cfg.database, cfg.db_busy_timeout_ms, work_threads(cfg));
  if (!store) return fail(store.status().message());
  fs::path log_dir = cfg.log_dir.empty() ? fs::path(cfg.data_dir) / "log" : fs::path(cfg.log_dir);
  if (std::error_code ec; fs::create_directories(log_dir, ec), ec)
    return fail("không tạo được thư mục nhật ký " + log_dir.string() + ": " + ec.message());
  std::uint64_t log_file_bytes = static_cast<std::uint64_t>(cfg.log_file_mb) << 20;
  std::uint64_t log_total_bytes = static_cast<std::uint64_t>(cfg.log_max_mb) << 20;
  if (cfg.access_log) {
    access_log = std::make_shared<spdlog::logger>(
        "access", std::make_shared<app::DailyFileSink>(log_dir, "access", clock, log_file_bytes,
                                                                     cfg.log_retention_days, log_total_bytes));
    access_log->set_pattern("[%Y-%m-%d %H:%M:%S.%e] %v");
    access_log->flush_on(spdlog::level::warn);
    spdlog::register_logger(access_log);  // flushed every second with the others
    spdlog::flush_every(std::chrono::seconds(1));
  }
  error_log->sinks().push_back(
      std::make_shared<app::DailyFileSink>(log_dir, "error", clock, log_file_bytes, cfg.log_retention_days, log_total_bytes));
  std::string media_dir = (fs::path(cfg.data_dir) / "media").string();
  std::string private_dir = (fs::path(cfg.data_dir) / "private").string();
  for (const auto& dir : {media_dir, private_dir}) media::FileStore(dir).sweep();  // what a crash left half-written
  // Only a database that says it has no sites is new: one that cannot say is an error, never
  // a reason to write the demo into it.
  auto sites = (*store)->sites();
  if (!sites)
    return fail("không đọc được danh sách trang trong " +
                (cfg.database.empty() ? cfg.data_dir : redacted_url(cfg.database)) + ": " + sites.status().message());
  if (sites->empty()) {
    if (cfg.demo) {
      if (auto st = app::install_demo(**store, media_dir, clock.now()); !st) return fail(st.message());
      error_log->info("đã tạo nội dung minh hoạ trong {}", cfg.data_dir);
      sites = (*store)->sites();
      if (!sites || sites->empty()) return fail("không đọc lại được các trang minh hoạ vừa tạo");
    } else {
      return fail("cơ sở dữ liệu trống: tạo trang bằng portico site add, hoặc chạy không có --no-demo để có nội dung minh hoạ");
    }
  }

  render::Templates templates;
  http::Assets assets;
  if (auto st = load_theme(cfg.theme_dir, templates, assets); !st) return fail(st.message());

  http::ServerOptions so;
  if (auto st = app::split_listen(cfg.listen, so.host, so.port); !st) return fail(st.message());
  so.threads = cfg.threads;
  so.body_limit = cfg.body_limit;
  so.header_limit = cfg.header_limit;
  so.read_timeout = std::chrono::milliseconds(cfg.read_timeout_ms);
  so.idle_timeout = std::chrono::milliseconds(cfg.idle_timeout_ms);
  so.access_log = access_log;
  so.log_path_only = app::Portal::paths_with_secrets();
  so.error_log = error_log;
  so.work_threads = work_threads(cfg);
  so.work_queue = cfg.work_queue;
  {
    std::string note;
    auto open_files = http::Server::raise_open_file_limit(note);
    so.max_connections = cfg.max_connections > 0 ? static_cast<std::size_t>(cfg.max_connections)
                                                  : http::Server::connections_for(open_files);
    error_log->info("{}; max_connections {}", note, so.max_connections);
  }
  if (test_clock) error_log->warn("đồng hồ kiểm thử: giờ hệ thống cộng số giây trong {}", test_clock->path());
  widgets::WidgetOptions wo;
  wo.map_tiles = cfg.map_tiles;
  wo.map_attribution = cfg.map_attribution;
  if (!cfg.video_hosts.empty()) wo.video_hosts = cfg.video_hosts;
  wo.votes_per_address = cfg.votes_per_address;
  wo.secure_cookies = cfg.base_url.rfind("https://", 0) == 0;
  so.content_security_policy = widgets::content_security_policy(wo);
  // The portal needs the real port for its absolute URLs, and the port is known only
  // after listening; the server calls the portal through this pointer, set before run().
  std::unique_ptr<app::Portal> portal;
  app::Metrics metrics;
  so.observe = [&metrics](const http::Request* r, int status, std::chrono::microseconds took) {
    metrics.observe(r, status, took);
  };
  so.handler = [&portal](http::Request& r) { return portal->handle(r); };
  so.error_response = [&portal](int status, const http::Request* r) { return portal->error_response(status, r); };
  so.body_limit_for = [&portal](const http::Request& head) { return portal->body_limit(head); };
  http::Server server(so);
  if (auto st = server.listen(); !st) return fail(st.message());
  std::string base_url = cfg.base_url;
  if (so.port == 0) base_url = "http://" + so.host + ":" + std::to_string(server.port());
  auto key = signing_key(cfg.data_dir);
  if (!key) return fail(key.status().message());
  app::PortalOptions options{base_url, media_dir, *key, cfg.body_limit, cfg.upload_limit, cfg.trust_proxy,
                             cfg.api_requests_per_minute, cfg.questions_per_address, private_dir, wo,
                             static_cast<std::size_t>(cfg.page_cache_mb) << 20, cfg.expensive_requests_per_minute};
  options.readiness = [&store, &cfg] { return app::check_readiness(**store, cfg.data_dir, cfg.min_free_disk_mb); };
  options.metrics = &metrics;
  options.metrics_allow = cfg.metrics_allow;
  options.server_stats = [&server] { return server.stats(); };
  // Every module, then the pipeline over them.
  app::Modules modules(**store, clock, templates, assets, options);
  portal = std::make_unique<app::Portal>(modules, clock, assets, options);
  // The other nodes on the same database (PostgreSQL): none with SQLite.
  auto channel = open_channel(database);
  if (!channel) return fail(channel.status().message());
  app::NodeLink link(std::move(*channel));
  modules.link(link);

  auto articles = (*store)->article_count(sites->front().id);
  if (!articles) return fail(articles.status().message());
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  std::cout << "Portico " PORTICO_VERSION " đang phục vụ tại http://" << so.host << ":" << server.port()
            << " (dữ liệu: " << cfg.data_dir << ", " << *articles
            << " bài viết, khởi động " << ms << " ms)" << std::endl;
  // The scheduler: one thread, once a second. Scheduled articles go live on time whether
  // or not anyone visits (their time is data; this drops the cached pages that hide them).
  std::jthread scheduler([&modules, &error_log, &metrics](std::stop_token stop) {
    while (!pause_unless_stopped(stop, std::chrono::seconds(1))) {
      ++metrics.scheduler.runs;
      try {
        modules.tick();
      } catch (const std::exception& e) {
        ++metrics.scheduler.failures;
        error_log->error("scheduler: {}", e.what());
      }
    }
  });
  // What the other nodes change, applied here; what this one changes, sent to them.
  std::jthread linked([&link, &error_log](std::stop_token stop) {
    link.run(stop, [&error_log](bool warning, const std::string& what) {
      if (warning) error_log->warn("{}", what);
      else error_log->info("{}", what);
    });
  });
  // Weather on its own thread: a slow provider holds up nothing else. One node fetches for
  // the installation (the one that leads); the others wait and check again.
  std::jthread weather([&](std::stop_token stop) {
    if (cfg.weather_interval_s <= 0 || cfg.weather_url.empty()) return;
    widgets::WeatherJob job(**store, clock, cfg.weather_url);
    while (!stop.stop_requested()) {
      if (!link.leads()) {  // another node fetches; this one looks again in a second
        if (pause_unless_stopped(stop, std::chrono::seconds(1))) return;
        continue;
      }
      ++metrics.weather.runs;
      try {
        job.refresh(stop);
      } catch (const std::exception& e) {
        ++metrics.weather.failures;
        error_log->error("weather: {}", e.what());
      }
      if (pause_unless_stopped(stop, std::chrono::seconds(cfg.weather_interval_s))) return;
    }
  });
  // Scheduled backups, by the node that leads: whenever the newest in backup_dir is older
  // than the interval (looked at each minute, the first a minute after start).
  std::jthread backups([&](std::stop_token stop) {
    if (cfg.backup_interval_h <= 0) return;
    const std::int64_t interval_ms = static_cast<std::int64_t>(cfg.backup_interval_h * 3'600'000);
    const std::chrono::milliseconds look(std::min<std::int64_t>(interval_ms, 60'000));
    std::int64_t newest = -1;  // the newest backup's time: read from backup_dir on taking the lead
    while (!pause_unless_stopped(stop, look)) {
      if (!link.leads()) {
        newest = -1;  // another node backs up meanwhile
        continue;
      }
      if (newest < 0) {
        auto made = app::list_backups(cfg.backup_dir);
        newest = made.empty() ? 0 : made.back().created_at;
      }
      if ((clock.now() - newest) * 1000 < interval_ms) continue;
      ++metrics.backup.runs;
      auto b = app::make_backup({cfg.data_dir, database}, cfg.backup_dir, clock.now());
      if (!b) {
        ++metrics.backup.failures;
        error_log->error("sao lưu định kỳ không được: {}", b.status().message());
        continue;
      }
      newest = b->created_at;
      error_log->info("đã sao lưu vào {} ({} tệp, {} byte)", b->dir, b->files, b->bytes);
      app::prune_backups(cfg.backup_dir, cfg.backup_keep);
    }
  });
  server.run();
  backups.request_stop();
  scheduler.request_stop();
  scheduler.join();
  linked.request_stop();
  weather.request_stop();
  modules.shutdown();  // the last second of visit counts
  error_log->info("đã dừng máy chủ");
  spdlog::shutdown();
  return 0;
}

// portico routes: the route table of the portal as the router matches it, one route a line:
// METHOD, pattern, and how it is served and guarded (cached, page, counted, upload, direct;
// expensive; session, api token). Read by the tests that every route is documented.
int routes_command(const std::string& data_dir, const std::string& database) {
  auto store = open_store(data_dir, database);
  if (!store) return fail(store.status().message());
  render::Templates templates;
  http::Assets assets;
  if (auto st = load_theme("", templates, assets); !st) return fail(st.message());
  SystemClock clock;
  app::PortalOptions options;
  options.base_url = "http://127.0.0.1";
  options.media_dir = (fs::path(data_dir) / "media").string();
  options.private_dir = (fs::path(data_dir) / "private").string();
  app::Modules modules(**store, clock, templates, assets, options);
  app::Portal portal(modules, clock, assets, options);
  for (const auto& r : portal.routes())
    std::cout << http::method_name(r.method) << '\t' << r.pattern << '\t' << r.about << '\n';
  return 0;
}

int seed(const std::string& data_dir, const std::string& database, int count, int sites) {
  auto store = open_store(data_dir, database);
  if (!store) return fail(store.status().message());
  SystemClock clock;
  auto t0 = std::chrono::steady_clock::now();
  std::string media = (fs::path(data_dir) / "media").string();
  if (auto st = sites ? app::seed_sites(**store, media, sites, count, clock.now())
                      : app::seed_articles(**store, media, count, clock.now());
      !st)
    return fail(st.message());
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "Đã thêm " << (sites ? std::to_string(sites) + " xã, mỗi xã " : std::string()) << count << " bài viết vào "
            << data_dir << " trong " << ms << " ms" << std::endl;
  return 0;
}

// Rebuilds the search index (after restoring a database, or to measure the build).
int reindex(const std::string& data_dir, const std::string& database) {
  auto store = open_store(data_dir, database);
  if (!store) return fail(store.status().message());
  auto t0 = std::chrono::steady_clock::now();
  auto n = (*store)->reindex();
  if (!n) return fail(n.status().message());
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "Đã lập lại chỉ mục tìm kiếm cho " << *n << " bài viết, văn bản và câu hỏi trong " << ms << " ms" << std::endl;
  return 0;
}

// portico copy-db: moves an installation's database (media and logs stay in its data
// directory). Prints each table with its rows and checksum, as compared on both sides.
int copy_db(const std::string& from, const std::string& to) {
  auto t0 = std::chrono::steady_clock::now();
  auto copied = portico::copy_database(from, to, [](const std::string& step) { std::cerr << step << std::endl; });
  if (!copied) return fail(copied.status().message());
  std::int64_t rows = 0;
  for (const auto& t : *copied) {
    std::printf("%-20s %10lld  %s\n", t.name.c_str(), static_cast<long long>(t.rows), t.checksum.c_str());
    rows += t.rows;
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "Đã chép " << copied->size() << " bảng, " << rows << " dòng, từ " << redacted_url(from) << " sang "
            << redacted_url(to) << " trong " << ms << " ms; số dòng và tổng kiểm tra của từng bảng khớp ở hai bên."
            << std::endl;
  return 0;
}

// The installation a data tool works on: the config file's data directory, database and
// backup directory, under the flags given.
struct Target {
  std::string data_dir = "var", database, config_file, backup_dir;
};

Result<app::Config> resolve(const Target& t, bool data_given) {
  app::Config c;
  if (!t.config_file.empty())
    if (auto st = app::load_config_file(t.config_file, c); !st) return st;
  if (data_given || t.config_file.empty()) c.data_dir = t.data_dir;
  if (!t.database.empty()) c.database = t.database;
  c.database = app::cli::database_url(c.data_dir, c.database);
  if (!t.backup_dir.empty()) c.backup_dir = t.backup_dir;
  if (auto st = app::finish_config(c); !st) return st;
  return c;
}

void say(const std::string& step) { std::cerr << step << std::endl; }

// portico backup: a backup of the installation as it serves (app/backup.h); --verify DIR
// checks one against its manifest instead.
int backup_command(const Target& t, bool data_given, const std::string& verify) {
  if (!verify.empty()) {
    auto v = app::verify_backup(verify);
    if (!v) return fail(v.status().message());
    std::cout << "Bản sao lưu " << v->dir << " nguyên vẹn: " << v->files << " tệp, " << v->bytes
              << " byte, đúng kích thước và SHA-256 trong bản kê." << std::endl;
    return 0;
  }
  auto c = resolve(t, data_given);
  if (!c) return fail(c.status().message());
  auto t0 = std::chrono::steady_clock::now();
  SystemClock clock;
  auto b = app::make_backup({c->data_dir, c->database}, c->backup_dir, clock.now(), {}, say);
  if (!b) return fail(b.status().message());
  std::int64_t rows = 0;
  for (const auto& x : b->tables) rows += x.rows;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "Đã sao lưu " << redacted_url(c->database) << " (lược đồ " << b->schema_version << ", " << b->tables.size()
            << " bảng, " << rows << " dòng) và " << b->files - 1 << " tệp của " << c->data_dir << " vào " << b->dir
            << " trong " << ms << " ms." << std::endl;
  return 0;
}

// portico restore FROM: into an empty data directory and database (app/backup.h).
int restore_command(const std::string& from, const Target& t, bool data_given) {
  auto c = resolve(t, data_given);
  if (!c) return fail(c.status().message());
  auto t0 = std::chrono::steady_clock::now();
  auto r = app::restore_backup(from, {c->data_dir, c->database}, say);
  if (!r) return fail(r.status().message());
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "Đã phục hồi " << r->dir << " vào " << c->data_dir << " và " << redacted_url(c->database) << " trong " << ms
            << " ms: mọi tệp đúng SHA-256, cơ sở dữ liệu toàn vẹn, " << r->tables.size()
            << " bảng đúng số dòng và tổng kiểm tra." << std::endl;
  return 0;
}

}  // namespace

constexpr const char* kDatabaseHelp =
    "Cơ sở dữ liệu: sqlite:ĐƯỜNG_DẪN (mặc định: sqlite:<thư mục dữ liệu>/portico.db)";

int main(int argc, char** argv) {
  CLI::App cli{"Portico – cổng thông tin điện tử"};
  cli.set_version_flag("--version", std::string("portico ") + PORTICO_VERSION);
  cli.require_subcommand(1);

  app::Config cfg;
  std::string config_file;
  bool no_demo = false;
  auto* serve_cmd = cli.add_subcommand("serve", "Phục vụ cổng thông tin");
  serve_cmd->add_option("--data", cfg.data_dir, "Thư mục dữ liệu (mặc định: var)");
  serve_cmd->add_option("--database", cfg.database, kDatabaseHelp);
  serve_cmd->add_option("--listen", cfg.listen, "Địa chỉ HOST:PORT (mặc định: 127.0.0.1:8080)");
  serve_cmd->add_option("--config", config_file, "Tệp cấu hình TOML")->check(CLI::ExistingFile);
  serve_cmd->add_flag("--no-demo", no_demo, "Không tạo nội dung minh hoạ khi thư mục dữ liệu trống");
  serve_cmd->add_option("--test-clock-file", cfg.test_clock_file,
                        "Chỉ dùng khi kiểm thử: giờ của cổng là giờ hệ thống cộng số giây ghi trong tệp này");

  std::string seed_dir = "var", seed_db;
  int seed_count = 0;
  auto* seed_cmd = cli.add_subcommand("seed", "Thêm dữ liệu tổng hợp cho đo hiệu năng");
  seed_cmd->add_option("--data", seed_dir, "Thư mục dữ liệu (mặc định: var)");
  seed_cmd->add_option("--database", seed_db, kDatabaseHelp);
  seed_cmd->add_option("--articles", seed_count, "Số bài viết (với --sites: của mỗi xã)")->required()->check(CLI::Range(1, 10'000'000));
  int seed_sites = 0;
  seed_cmd->add_option("--sites", seed_sites, "Thêm chừng ấy xã dưới cổng tỉnh của dữ liệu minh hoạ (xa-001.localhost…)")
      ->check(CLI::Range(1, 10'000));

  std::string routes_dir = "var", routes_db;
  auto* routes_cmd = cli.add_subcommand("routes", "In bảng định tuyến (đường dẫn và cách phục vụ)");
  routes_cmd->add_option("--data", routes_dir, "Thư mục dữ liệu (mặc định: var)");
  routes_cmd->add_option("--database", routes_db, kDatabaseHelp);

  std::string reindex_dir = "var", reindex_db;
  auto* reindex_cmd = cli.add_subcommand("reindex", "Lập lại chỉ mục tìm kiếm");
  reindex_cmd->add_option("--data", reindex_dir, "Thư mục dữ liệu (mặc định: var)");
  reindex_cmd->add_option("--database", reindex_db, kDatabaseHelp);

  std::string copy_from, copy_to;
  auto* copy_cmd = cli.add_subcommand("copy-db", "Chép toàn bộ cơ sở dữ liệu sang một cơ sở dữ liệu trống (SQLite ↔ PostgreSQL)");
  copy_cmd->add_option("--from", copy_from, "Địa chỉ nguồn (sqlite:ĐƯỜNG_DẪN hoặc postgresql://…)")->required();
  copy_cmd->add_option("--to", copy_to, "Địa chỉ đích, phải trống (sqlite:ĐƯỜNG_DẪN hoặc postgresql://…)")->required();

  Target backup_target;
  std::string verify_dir, restore_from;
  auto* backup_cmd = cli.add_subcommand("backup", "Sao lưu cơ sở dữ liệu, ảnh, tệp đính kèm và khoá ký khi cổng đang chạy");
  backup_cmd->add_option("--to", backup_target.backup_dir, "Thư mục chứa bản sao lưu (mặc định: backup_dir, hay <dữ liệu>/backups)");
  backup_cmd->add_option("--verify", verify_dir, "Chỉ kiểm tra bản sao lưu này theo bản kê của nó")->check(CLI::ExistingDirectory);
  auto* restore_cmd = cli.add_subcommand("restore", "Phục hồi một bản sao lưu vào thư mục dữ liệu và cơ sở dữ liệu trống");
  restore_cmd->add_option("from", restore_from, "Thư mục bản sao lưu")->required()->check(CLI::ExistingDirectory);
  for (auto* sub : {backup_cmd, restore_cmd}) {
    sub->add_option("--data", backup_target.data_dir, "Thư mục dữ liệu (mặc định: var)");
    sub->add_option("--database", backup_target.database, kDatabaseHelp);
    sub->add_option("--config", backup_target.config_file, "Tệp cấu hình TOML")->check(CLI::ExistingFile);
  }

  UserArgs user_args;
  auto* user_cmd = cli.add_subcommand("user", "Quản lý tài khoản của toà soạn");
  user_cmd->require_subcommand(1);
  std::string user_what;
  for (auto [name, help] : {std::pair{"add", "Tạo tài khoản"}, std::pair{"passwd", "Đổi mật khẩu"},
                            std::pair{"disable", "Khoá tài khoản"}, std::pair{"role", "Đổi vai trò (--role)"},
                            std::pair{"totp", "Bật (hoặc --off: tắt) xác thực hai bước"},
                            std::pair{"require-totp", "Vai trò phải dùng xác thực hai bước: admin,approver,… hoặc none"},
                            std::pair{"grant", "Cho tài khoản một vai trò trên trang khác (--on, --role)"},
                            std::pair{"revoke", "Bỏ vai trò của tài khoản trên trang khác (--on)"}}) {
    auto* sub = user_cmd->add_subcommand(name, help);
    sub->add_option("name", user_args.name, std::string_view(name) == "require-totp" ? "Các vai trò" : "Tên đăng nhập")
        ->required();
    if (std::string_view(name) == "totp") sub->add_flag("--off", user_args.off, "Tắt xác thực hai bước");
    sub->add_option("--data", user_args.data_dir, "Thư mục dữ liệu (mặc định: var)");
    sub->add_option("--database", user_args.database, kDatabaseHelp);
    sub->add_option("--config", user_args.config_file, "Tệp cấu hình TOML")->check(CLI::ExistingFile);
    sub->add_option("--site", user_args.site, "Trang (slug hoặc tên miền); mặc định: trang chính");
    std::string_view n = name;
    if (n == "add" || n == "role" || n == "grant")
      sub->add_option("--role", user_args.role, "admin, approver, editor hoặc reviewer")->required();
    if (n == "add") sub->add_flag("--platform", user_args.platform, "Quản trị nền tảng: quản trị mọi trang, tạo và sửa cổng thành phần (--role admin)");
    if (n == "grant" || n == "revoke")
      sub->add_option("--on", user_args.on, "Trang khác (slug hoặc tên miền)")->required();
    if (std::string_view(name) == "add" || std::string_view(name) == "passwd")
      sub->add_flag("--password-stdin", user_args.password_stdin, "Đọc mật khẩu từ đầu vào chuẩn thay vì tạo mới");
    sub->callback([&user_what, name = std::string(name)] { user_what = name; });
  }

  auto* token_cmd = cli.add_subcommand("token", "Khoá API (Bearer) cho một tài khoản");
  token_cmd->require_subcommand(1);
  for (auto [name, help] : {std::pair{"create", "Tạo khoá API mới"}, std::pair{"revoke", "Thu hồi mọi khoá API"}}) {
    auto* sub = token_cmd->add_subcommand(name, help);
    sub->add_option("name", user_args.name, "Tên đăng nhập")->required();
    sub->add_option("--data", user_args.data_dir, "Thư mục dữ liệu (mặc định: var)");
    sub->add_option("--database", user_args.database, kDatabaseHelp);
    sub->add_option("--config", user_args.config_file, "Tệp cấu hình TOML")->check(CLI::ExistingFile);
    sub->add_option("--site", user_args.site, "Trang (slug hoặc tên miền); mặc định: trang chính");
    sub->callback([&user_what, name = std::string(name)] { user_what = "token-" + name; });
  }

  SiteArgs site_args;
  std::string site_what;
  auto* site_cmd = cli.add_subcommand("site", "Các trang (cổng của tỉnh, cổng thành phần của xã, phường)");
  site_cmd->require_subcommand(1);
  auto* site_add = site_cmd->add_subcommand("add", "Tạo trang mới với các mục mặc định");
  auto* site_set = site_cmd->add_subcommand("set", "Sửa thông tin một trang (chỉ những mục được nêu)");
  site_set->add_option("which", site_args.which, "Trang (slug hoặc tên miền)")->required();
  // The same fields for add and set; set keeps what it is not given.
  struct Field {
    const char* flag;
    const char* name;
    std::string* value;
    const char* help;
  };
  Site& fs = site_args.site;
  const Field fields[] = {
      {"--name", "name", &fs.name, "Tên, ví dụ \"Xã Trung Sơn\""},
      {"--host", "host", &fs.host, "Tên miền, ví dụ xatrungson.tuyenquang.gov.vn"},
      {"--kind", "kind", &fs.kind, "Loại: Tỉnh, Xã, Phường, Đặc khu, Sở…"},
      {"--agency", "agency", &fs.agency, "Cơ quan chủ quản"},
      {"--responsible", "responsible", &fs.responsible, "Người chịu trách nhiệm chính"},
      {"--address", "address", &fs.address, "Địa chỉ"},
      {"--phone", "phone", &fs.phone, "Điện thoại"},
      {"--email", "email", &fs.email, "Thư điện tử"},
      {"--brand-color", "brand-color", &fs.brand_color, "Màu chủ đạo #rrggbb (chữ trắng trên nền màu này cần tương phản 4,5:1)"},
  };
  for (const auto& f : fields) {
    auto* added = site_add->add_option(f.flag, *f.value, f.help);
    if (std::string_view(f.name) == "name" || std::string_view(f.name) == "host") added->required();
    site_set->add_option_function<std::string>(f.flag, [&site_args, f](const std::string& v) {
      *f.value = v;
      site_args.given[f.name] = f.value;
    }, f.help);
  }
  site_add->add_option("--parent", site_args.parent, "Trang cha (slug hoặc tên miền), ví dụ cổng của tỉnh");
  site_set->add_option("--parent", site_args.parent, "Trang cha (slug hoặc tên miền); - để bỏ");
  site_set->add_option("--logo", site_args.logo, "Biểu trưng: tệp ảnh JPEG, PNG hay WebP; - để dùng quốc huy của giao diện");
  site_set->add_option("--banner", site_args.banner, "Ảnh đầu trang: tệp ảnh JPEG, PNG hay WebP; - để bỏ");
  // Maintenance and monitoring: what the newsroom's "Vận hành" page sets.
  const std::pair<const char*, std::string*> operations[] = {
      {"notice", &fs.notice}, {"notice-from", &site_args.notice_from}, {"notice-until", &site_args.notice_until},
      {"read-only", &site_args.read_only}, {"monitor-script", &fs.monitor_script}};
  const char* operation_help[] = {"Thông báo bảo trì hiện ở đầu mọi trang; \"\" để bỏ",
                                  "Hiện thông báo từ (2026-12-10T08:00, giờ Việt Nam); \"\": ngay",
                                  "Thôi hiện thông báo lúc (2026-12-20T23:00); \"\": không hẹn",
                                  "Chế độ chỉ đọc khi bảo trì: on hoặc off",
                                  "Địa chỉ https:// của mã theo dõi EMC cấp cho trang; \"\" để bỏ"};
  for (std::size_t i = 0; i < std::size(operations); ++i) {
    auto [name, value] = operations[i];
    site_set->add_option_function<std::string>(std::string("--") + name, [&site_args, name, value](const std::string& v) {
      *value = v;
      site_args.given[name] = value;
    }, operation_help[i]);
  }
  site_add->callback([&site_what] { site_what = "add"; });
  site_set->callback([&site_what] { site_what = "set"; });
  auto* site_disable = site_cmd->add_subcommand("disable", "Tạm ngừng một trang: các trang của nó hiện thông báo");
  auto* site_enable = site_cmd->add_subcommand("enable", "Mở lại một trang đã tạm ngừng");
  for (auto* sub : {site_disable, site_enable}) sub->add_option("which", site_args.which, "Trang (slug hoặc tên miền)")->required();
  site_disable->callback([&site_what] { site_what = "disable"; });
  site_enable->callback([&site_what] { site_what = "enable"; });
  auto* site_list = site_cmd->add_subcommand("list", "Liệt kê các trang, mỗi trang dưới trang cha của nó");
  site_list->callback([&site_what] { site_what = "list"; });
  for (auto* sub : {site_add, site_set, site_disable, site_enable, site_list}) {
    sub->add_option("--data", site_args.data_dir, "Thư mục dữ liệu (mặc định: var)");
    sub->add_option("--database", site_args.database, kDatabaseHelp);
  }

  CLI11_PARSE(cli, argc, argv);

  auto run_command = [&]() -> int {
    if (*site_cmd) return site_command(site_what, site_args);
    if (*user_cmd || *token_cmd) return user_command(user_what, user_args);
    if (*serve_cmd) {
      // Flags override the file: parse the file into a fresh config, then re-apply the flags.
      app::Config merged;
      if (!config_file.empty())
        if (auto st = app::load_config_file(config_file, merged); !st) return fail(st.message());
      if (serve_cmd->count("--data")) merged.data_dir = cfg.data_dir;
      if (serve_cmd->count("--database")) merged.database = cfg.database;
      if (serve_cmd->count("--listen")) merged.listen = cfg.listen;
      if (no_demo) merged.demo = false;
      merged.test_clock_file = cfg.test_clock_file;
      return serve(merged);
    }
    if (*reindex_cmd) return reindex(reindex_dir, reindex_db);
    if (*copy_cmd) return copy_db(copy_from, copy_to);
    if (*backup_cmd) return backup_command(backup_target, backup_cmd->count("--data") > 0, verify_dir);
    if (*restore_cmd) return restore_command(restore_from, backup_target, restore_cmd->count("--data") > 0);
    if (*routes_cmd) return routes_command(routes_dir, routes_db);
    return seed(seed_dir, seed_db, seed_count, seed_sites);
  };
  // A command that finds the database locked by another process for too long says so and
  // stops; nothing it began is left half-written (every write is one transaction).
  try {
    return run_command();
  } catch (const Unavailable& e) {
    return fail(std::string("cơ sở dữ liệu đang bị tiến trình khác khoá, hãy thử lại: ") + e.what());
  }
}

