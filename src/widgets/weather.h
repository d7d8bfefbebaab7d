// Weather (Thời tiết): current readings for each site's places from an Open-Meteo-compatible
// service, fetched with libcurl on its own thread and stored, so a slow or failing provider
// never delays a page: the sidebar shows the last reading with its time, or "Không có dữ liệu".
#pragma once
#include <chrono>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "store/store.h"

namespace portico::widgets {

// Reads the "current" block of an Open-Meteo forecast answer; nullopt when it is not one.
std::optional<WeatherReading> parse_open_meteo(std::string_view json, Id place_id, std::int64_t now);

class WeatherJob {
 public:
  WeatherJob(Store& store, const Clock& clock, std::string base_url,
             std::chrono::milliseconds timeout = std::chrono::seconds(5))
      : store_(store), clock_(clock), base_url_(std::move(base_url)), timeout_(timeout) {}

  // Asks the provider about every place of every site that wants weather; returns how many
  // readings were saved. Failures are logged by the caller through the returned count.
  // A stop request aborts a transfer in flight, so shutdown never waits on the provider.
  int refresh(std::stop_token stop = {});
  // "https://api.open-meteo.com/v1/forecast?latitude=…&longitude=…&current=…"
  std::string url_for(const Place& p) const;

 private:
  std::optional<std::string> get(const std::string& url, std::stop_token stop) const;

  Store& store_;
  const Clock& clock_;
  std::string base_url_;
  std::chrono::milliseconds timeout_;
};

}  // namespace portico::widgets
