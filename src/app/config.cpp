// TOML configuration on toml++.
#include "app/config.h"

#include <toml++/toml.h>

#include <set>

namespace portico::app {

Status split_listen(const std::string& listen, std::string& host, unsigned short& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return Status::error(Code::invalid, "listen phải có dạng HOST:PORT");
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string p = listen.substr(colon + 1);
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos)
    return Status::error(Code::invalid, "cổng không hợp lệ: " + p);
  int n = std::stoi(p);
  if (n > 65535) return Status::error(Code::invalid, "cổng không hợp lệ: " + p);
  port = static_cast<unsigned short>(n);
  return Status::ok();
}

Status load_config_file(const std::string& path, Config& c) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Status::error(Code::invalid, "tệp cấu hình " + path + " lỗi: " + std::string(e.description()));
  }
  static const std::set<std::string> known = {"data_dir", "log_dir", "database", "listen", "base_url", "theme_dir", "demo",
                                              "threads", "body_limit", "upload_limit", "header_limit", "read_timeout_ms",
                                              "idle_timeout_ms", "access_log", "log_retention_days", "log_file_mb", "log_max_mb", "db_busy_timeout_ms", "trust_proxy",
                                              "map_tiles", "map_attribution", "video_hosts", "votes_per_address", "api_requests_per_minute", "questions_per_address",
                                              "weather_url", "weather_interval_s", "page_cache_mb", "work_threads",
                                              "work_queue", "max_connections", "expensive_requests_per_minute", "min_free_disk_mb",
                                              "metrics_allow", "backup_dir", "backup_interval_h", "backup_keep"};
  for (const auto& [k, v] : t)
    if (!known.count(std::string(k.str()))) return Status::error(Code::invalid, "khoá cấu hình không biết: " + std::string(k.str()));
  c.data_dir = t["data_dir"].value_or(c.data_dir);
  c.min_free_disk_mb = t["min_free_disk_mb"].value_or(c.min_free_disk_mb);
  c.backup_dir = t["backup_dir"].value_or(c.backup_dir);
  c.backup_interval_h = t["backup_interval_h"].value_or(c.backup_interval_h);
  c.backup_keep = t["backup_keep"].value_or(c.backup_keep);
  c.log_dir = t["log_dir"].value_or(c.log_dir);
  c.database = t["database"].value_or(c.database);
  c.listen = t["listen"].value_or(c.listen);
  c.base_url = t["base_url"].value_or(c.base_url);
  c.theme_dir = t["theme_dir"].value_or(c.theme_dir);
  c.demo = t["demo"].value_or(c.demo);
  c.threads = t["threads"].value_or(c.threads);
  c.body_limit = t["body_limit"].value_or(static_cast<std::int64_t>(c.body_limit));
  c.upload_limit = t["upload_limit"].value_or(static_cast<std::int64_t>(c.upload_limit));
  c.header_limit = t["header_limit"].value_or(static_cast<std::int64_t>(c.header_limit));
  c.read_timeout_ms = t["read_timeout_ms"].value_or(c.read_timeout_ms);
  c.idle_timeout_ms = t["idle_timeout_ms"].value_or(c.idle_timeout_ms);
  c.access_log = t["access_log"].value_or(c.access_log);
  c.log_retention_days = t["log_retention_days"].value_or(c.log_retention_days);
  c.log_file_mb = t["log_file_mb"].value_or(c.log_file_mb);
  c.log_max_mb = t["log_max_mb"].value_or(c.log_max_mb);
  c.db_busy_timeout_ms = t["db_busy_timeout_ms"].value_or(c.db_busy_timeout_ms);
  auto strings = [&](const char* key, std::vector<std::string>& out) -> Status {
    auto* node = t.get(key);
    if (!node) return Status::ok();
    auto* arr = node->as_array();
    if (!arr) return Status::error(Code::invalid, std::string(key) + " phải là một danh sách chuỗi");
    out.clear();
    for (const auto& v : *arr) {
      auto s = v.value<std::string>();
      if (!s) return Status::error(Code::invalid, std::string(key) + " phải là một danh sách chuỗi");
      out.push_back(*s);
    }
    return Status::ok();
  };
  if (auto b = t["trust_proxy"].value<bool>()) {
    c.trust_proxy = *b ? std::vector<std::string>{"127.0.0.1", "::1"} : std::vector<std::string>{};
  } else if (auto st = strings("trust_proxy", c.trust_proxy); !st) {
    return st;
  }
  if (auto st = strings("video_hosts", c.video_hosts); !st) return st;
  if (auto st = strings("metrics_allow", c.metrics_allow); !st) return st;
  c.map_tiles = t["map_tiles"].value_or(c.map_tiles);
  c.map_attribution = t["map_attribution"].value_or(c.map_attribution);
  c.votes_per_address = t["votes_per_address"].value_or(c.votes_per_address);
  c.api_requests_per_minute = t["api_requests_per_minute"].value_or(c.api_requests_per_minute);
  c.questions_per_address = t["questions_per_address"].value_or(c.questions_per_address);
  c.weather_url = t["weather_url"].value_or(c.weather_url);
  c.weather_interval_s = t["weather_interval_s"].value_or(c.weather_interval_s);
  c.page_cache_mb = t["page_cache_mb"].value_or(c.page_cache_mb);
  c.work_threads = t["work_threads"].value_or(c.work_threads);
  c.work_queue = t["work_queue"].value_or(c.work_queue);
  c.max_connections = t["max_connections"].value_or(c.max_connections);
  c.expensive_requests_per_minute = t["expensive_requests_per_minute"].value_or(c.expensive_requests_per_minute);
  return Status::ok();
}

Status finish_config(Config& c) {
  std::string host;
  unsigned short port = 0;
  if (auto st = split_listen(c.listen, host, port); !st) return st;
  if (c.threads < 0 || c.threads > 256) return Status::error(Code::invalid, "threads phải từ 0 đến 256");
  if (c.body_limit < 1024 || c.header_limit < 1024) return Status::error(Code::invalid, "giới hạn quá nhỏ");
  if (c.read_timeout_ms < 100 || c.idle_timeout_ms < 100) return Status::error(Code::invalid, "thời gian chờ quá ngắn");
  if (c.votes_per_address < 1 || c.votes_per_address > 1'000'000)
    return Status::error(Code::invalid, "votes_per_address phải từ 1 đến 1000000");
  if (c.api_requests_per_minute < 1 || c.api_requests_per_minute > 10'000'000)
    return Status::error(Code::invalid, "api_requests_per_minute phải từ 1 đến 10000000");
  if (c.questions_per_address < 1 || c.questions_per_address > 1'000'000)
    return Status::error(Code::invalid, "questions_per_address phải từ 1 đến 1000000");
  if (c.page_cache_mb < 1 || c.page_cache_mb > 1'000'000)
    return Status::error(Code::invalid, "page_cache_mb phải từ 1 đến 1000000");
  if (c.work_threads < 0 || c.work_threads > 256) return Status::error(Code::invalid, "work_threads phải từ 0 đến 256");
  if (c.work_queue < 0 || c.work_queue > 100'000) return Status::error(Code::invalid, "work_queue phải từ 0 đến 100000");
  if (!(c.backup_interval_h >= 0 && c.backup_interval_h <= 24 * 366))
    return Status::error(Code::invalid, "backup_interval_h phải từ 0 đến 8784");
  if (c.backup_keep < 1 || c.backup_keep > 10'000) return Status::error(Code::invalid, "backup_keep phải từ 1 đến 10000");
  if (c.min_free_disk_mb < 0) return Status::error(Code::invalid, "min_free_disk_mb không được âm");
  if (c.max_connections < 0 || c.max_connections > 1'000'000)
    return Status::error(Code::invalid, "max_connections phải từ 0 đến 1000000");
  if (c.expensive_requests_per_minute < 1 || c.expensive_requests_per_minute > 10'000'000)
    return Status::error(Code::invalid, "expensive_requests_per_minute phải từ 1 đến 10000000");
  if (c.log_retention_days < 1 || c.log_retention_days > 3650)
    return Status::error(Code::invalid, "log_retention_days phải từ 1 đến 3650");
  if (c.db_busy_timeout_ms < 0 || c.db_busy_timeout_ms > 60'000)
    return Status::error(Code::invalid, "db_busy_timeout_ms phải từ 0 đến 60000");
  if (c.log_max_mb < 0 || c.log_max_mb > 100'000'000) return Status::error(Code::invalid, "log_max_mb phải từ 0 đến 100000000");
  if (c.log_file_mb < 0 || c.log_file_mb > 1'000'000) return Status::error(Code::invalid, "log_file_mb phải từ 0 đến 1000000");
  if (c.weather_interval_s < 0) return Status::error(Code::invalid, "weather_interval_s không được âm");
  if (!c.map_tiles.empty() && c.map_tiles.rfind("https://", 0) != 0 && c.map_tiles.rfind("http://", 0) != 0)
    return Status::error(Code::invalid, "map_tiles phải là địa chỉ http(s)");
  if (c.base_url.empty()) c.base_url = "http://" + c.listen;
  if (c.backup_dir.empty()) c.backup_dir = c.data_dir + "/backups";
  while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();
  return Status::ok();
}

}  // namespace portico::app
