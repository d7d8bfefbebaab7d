// The public side of "Thông tin tổng hợp": /thong-tin-tong-hop (the datasets), one dataset
// as a table and a chart, its CSV and JSON downloads, and /api/v1/datasets.
#pragma once
#include <string>
#include <string_view>

#include "content/pages.h"
#include "gov/datasets.h"
#include "http/message.h"
#include "widgets/widgets.h"

namespace portico::gov {

class DatasetPages {
 public:
  static constexpr const char* kPath = "/thong-tin-tong-hop";

  DatasetPages(Datasets& datasets, content::PublicPages& pages)
      : datasets_(datasets), pages_(pages) {}

  // Pages, downloads and the API, cached until a dataset changes.
  void add_routes(content::Routes& routes);

  http::Response list(const content::PageContext& c);
  http::Response one(const content::PageContext& c, std::string_view slug);
  // file: "du-lieu.csv" or "du-lieu.json"
  http::Response download(const content::PageContext& c, std::string_view slug, std::string_view file);
  http::Response api_list(const content::SiteContent& s);
  http::Response api_get(const content::SiteContent& s, std::string_view id);

  // The sidebar's "Thông tin tổng hợp": the headlines of up to five featured datasets.
  widgets::WidgetKind sidebar_widget();

  static std::string path(std::string_view slug) { return std::string(kPath) + "/" + std::string(slug); }

 private:
  Datasets& datasets_;
  content::PublicPages& pages_;
};

}  // namespace portico::gov
