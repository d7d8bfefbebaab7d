// Start-up configuration: defaults, then an optional TOML file, then command-line flags.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"

namespace portico::app {

struct Config {
  std::string data_dir = "var";  // media, logs, the signing key (and the SQLite file by default)
  // This node's logs; empty: <data_dir>/log. Nodes that share one data directory (on a shared
  // mount, docs/OPERATIONS.md) each name their own.
  std::string log_dir;
  std::string database;          // a URL (portico::open_store); empty: sqlite:<data_dir>/portico.db
  std::string listen = "127.0.0.1:8080";
  std::string base_url;   // absolute URL of the default site; derived from listen when empty
  std::string theme_dir;  // found next to the binary when empty
  bool demo = true;       // install demo content into an empty data directory
  std::string test_clock_file;  // tests only, from the command line alone: see OffsetClock
  int threads = 0;        // 0: one per core
  std::size_t body_limit = 1024 * 1024;
  std::size_t upload_limit = 10 * 1024 * 1024;  // image uploads
  std::size_t header_limit = 64 * 1024;  // a 10 KB Vietnamese search is ~30 KB percent-encoded
  int read_timeout_ms = 10000;
  int idle_timeout_ms = 30000;
  bool access_log = true;
  // The access and error logs: a file per day (Hà Nội), a new one past log_file_mb, files
  // older than log_retention_days deleted (addresses are personal data: Decree 13/2023).
  int log_retention_days = 90;
  // How long a write waits for another process's lock on the database before the answer
  // is 503 with Retry-After (nothing written).
  int db_busy_timeout_ms = 5000;
  int log_file_mb = 100;
  int log_max_mb = 10240;  // each log's files together; past it the oldest go (a flood); 0: no limit
  // The addresses of reverse proxies (nginx on this host: ["127.0.0.1", "::1"]). Only when a
  // request comes from one of them are its X-Forwarded-For (the client's address, for rate
  // limits and the audit log) and X-Forwarded-Proto (Secure cookies) believed.
  // `trust_proxy = true` means the loopback addresses.
  std::vector<std::string> trust_proxy;
  // The sidebar.
  std::string map_tiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  std::string map_attribution = "© OpenStreetMap";
  std::vector<std::string> video_hosts;  // empty: the defaults (YouTube, Vimeo)
  int votes_per_address = 60;            // ratings and votes per address per 10 minutes
  int api_requests_per_minute = 600;     // public API reads per address (429 with Retry-After past it)
  int questions_per_address = 5;         // questions and comments sent per address per hour
  // Traffic: the page cache's budget, admission of uncached work, connections.
  int page_cache_mb = 256;               // every byte of every cached answer counts
  int work_threads = 0;                  // uncached work (render, database) at once; 0: one per core, two with PostgreSQL
  int work_queue = 0;                    // requests that may wait for it; 0: 32 per work thread
  int max_connections = 0;               // open connections; 0: from the open-file limit
  int expensive_requests_per_minute = 300;  // search, deep pages, sitemap parts, error pages per address
  std::string weather_url = "https://api.open-meteo.com";  // Open-Meteo or a compatible service
  int weather_interval_s = 1800;         // how often readings are refreshed; 0: never
  // Scheduled backups (app/backup.h), made by the node that leads: every backup_interval_h
  // hours (0: none; fractions allowed) into backup_dir (empty: <data_dir>/backups, filled in
  // by finish_config), keeping the newest backup_keep.
  std::string backup_dir;
  double backup_interval_h = 24;
  int backup_keep = 7;
  int min_free_disk_mb = 512;            // /readyz answers 503 when the data directory has less free
  // The addresses /metrics answers (after trust_proxy: behind a proxy, the client's); others get 403.
  std::vector<std::string> metrics_allow{"127.0.0.1", "::1"};
};

// Reads a TOML file over the defaults in config. Unknown keys are errors, so typos show.
Status load_config_file(const std::string& path, Config& config);
// Validates the values together; fills derived ones (base_url).
Status finish_config(Config& config);
// "127.0.0.1:8080" → host and port; "[::1]:8080" for IPv6.
Status split_listen(const std::string& listen, std::string& host, unsigned short& port);

}  // namespace portico::app
