// open_store: the backend named by a database URL.
#include <string_view>

#include "store/store.h"

namespace portico {

std::string redacted_url(std::string_view url) {
  std::string out(url);
  auto scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  auto at = out.find('@', scheme + 3);
  auto colon = out.find(':', scheme + 3);
  if (at != std::string::npos && colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  return out;
}

Result<std::unique_ptr<Store>> open_store(const StoreOptions& o) {
  std::string_view url = o.url;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.starts_with("//")) path.erase(0, 2);  // sqlite:///var/portico.db is also read as a path
    if (path.empty()) return Status::error(Code::invalid, "địa chỉ cơ sở dữ liệu sqlite: thiếu đường dẫn tệp");
    return open_sqlite_store({.path = path, .readers = o.readers, .busy_timeout_ms = o.busy_timeout_ms});
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return Status::error(Code::invalid, "bản Portico này chưa có PostgreSQL; hãy dùng sqlite:ĐƯỜNG_DẪN (" + redacted_url(o.url) + ")");
  return Status::error(Code::invalid, "địa chỉ cơ sở dữ liệu không hiểu được: " + redacted_url(o.url) +
                                          " (sqlite:ĐƯỜNG_DẪN hoặc postgresql://…)");
}

}  // namespace portico
