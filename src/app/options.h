// What the portal is built with: addresses, directories, the signing key and the limits
// (from Config, in main).
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "app/metrics.h"
#include "app/readiness.h"
#include "http/server.h"
#include "widgets/widgets.h"

namespace portico::app {

struct PortalOptions {
  std::string base_url;   // "http://127.0.0.1:8080"
  std::string media_dir;  // <data>/media
  std::string signing_key;  // 32 bytes from <data>/secret.key: signs preview links
  std::size_t body_limit = 1024 * 1024;  // see Config
  std::size_t upload_limit = 10 * 1024 * 1024;
  std::vector<std::string> trusted_proxies;  // see Config::trust_proxy
  int api_requests_per_minute = 600;         // see Config
  int questions_per_address = 5;             // see Config
  std::string private_dir;                   // <data>/private: personal data (Q&A attachments)
  widgets::WidgetOptions widgets;
  std::size_t page_cache_bytes = 256u << 20;  // see Config::page_cache_mb
  int expensive_requests_per_minute = 300;    // see Config
  std::function<Readiness()> readiness;      // /readyz; empty: always ready
  Metrics* metrics = nullptr;                // /metrics; null: none
  std::vector<std::string> metrics_allow;    // see Config
  std::function<http::ServerStats()> server_stats;  // for /metrics
};

}  // namespace portico::app
