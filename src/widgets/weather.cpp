// Open-Meteo over libcurl; the answer is parsed with Boost.JSON.
#include "widgets/weather.h"

#include <curl/curl.h>

#include <boost/json.hpp>
#include <cstdio>

namespace portico::widgets {

namespace json = boost::json;

std::optional<WeatherReading> parse_open_meteo(std::string_view text, Id place_id, std::int64_t now) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const json::value* cur = v.as_object().if_contains("current");
  if (!cur || !cur->is_object()) return std::nullopt;
  const auto& c = cur->as_object();
  auto number = [&](const char* key) -> std::optional<double> {
    const json::value* x = c.if_contains(key);
    if (!x) return std::nullopt;
    if (x->is_double()) return x->as_double();
    if (x->is_int64()) return static_cast<double>(x->as_int64());
    if (x->is_uint64()) return static_cast<double>(x->as_uint64());
    return std::nullopt;
  };
  auto t = number("temperature_2m");
  auto h = number("relative_humidity_2m");
  auto w = number("wind_speed_10m");
  auto code = number("weather_code");
  if (!t || !h || !w || !code) return std::nullopt;
  if (*t < -90 || *t > 70 || *h < 0 || *h > 100 || *w < 0 || *w > 500 || *code < 0 || *code > 99) return std::nullopt;
  return WeatherReading{place_id, now, *t, *h, *w, static_cast<int>(*code)};
}

std::string WeatherJob::url_for(const Place& p) const {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "/v1/forecast?latitude=%.4f&longitude=%.4f&current=temperature_2m,relative_humidity_2m,weather_code,"
                "wind_speed_10m&timezone=Asia%%2FHo_Chi_Minh",
                p.lat, p.lon);
  return base_url_ + buf;
}

namespace {

size_t collect(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() + size * n > 256 * 1024) return 0;  // not a forecast: stop reading
  out->append(data, size * n);
  return size * n;
}

int stop_requested(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::stop_token*>(user)->stop_requested() ? 1 : 0;  // non-zero aborts
}

}  // namespace

std::optional<std::string> WeatherJob::get(const std::string& url, std::stop_token stop) const {
  CURL* curl = curl_easy_init();
  if (!curl) return std::nullopt;
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "Portico weather");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, stop_requested);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &stop);
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK || status != 200) return std::nullopt;
  return body;
}

int WeatherJob::refresh(std::stop_token stop) {
  int saved = 0;
  auto sites = store_.sites();
  if (!sites) return 0;  // the next round tries again
  for (const auto& site : *sites) {
    auto places = store_.places(site.id);
    if (!places) continue;  // the next round tries again
    for (const auto& p : *places) {
      if (!p.weather || stop.stop_requested()) continue;
      auto body = get(url_for(p), stop);
      if (!body) continue;
      if (auto r = parse_open_meteo(*body, p.id, clock_.now()); r && store_.save_weather(*r)) ++saved;
    }
  }
  return saved;
}

}  // namespace portico::widgets
