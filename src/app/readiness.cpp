#include "app/readiness.h"

#include <sys/statvfs.h>

namespace portico::app {

Readiness check_readiness(Store& store, const std::string& data_dir, std::int64_t min_free_mb) {
  Readiness r;
  r.known_schema = store.known_schema_version();
  try {
    r.schema = store.schema_version();
    r.database = r.schema > 0;
  } catch (const Unavailable&) {
    r.database = false;
  }
  struct statvfs fs {};
  if (::statvfs(data_dir.c_str(), &fs) == 0)
    r.free_mb = static_cast<std::int64_t>(fs.f_bavail) * static_cast<std::int64_t>(fs.f_frsize) / (1024 * 1024);
  if (!r.database)
    r.reason = "không kết nối được cơ sở dữ liệu";
  else if (r.schema > r.known_schema)
    r.reason = "cơ sở dữ liệu ở phiên bản " + std::to_string(r.schema) + ", mới hơn phiên bản " +
               std::to_string(r.known_schema) + " mà bản Portico này biết: cần nâng cấp máy chủ này";
  else if (r.schema < r.known_schema)
    r.reason = "cơ sở dữ liệu ở phiên bản " + std::to_string(r.schema) + ", chưa được nâng cấp lên " +
               std::to_string(r.known_schema);
  else if (r.free_mb < min_free_mb)
    r.reason = "thư mục dữ liệu chỉ còn " + std::to_string(r.free_mb) + " MB trống (cần ít nhất " +
               std::to_string(min_free_mb) + " MB)";
  r.ready = r.reason.empty();
  return r;
}

}  // namespace portico::app
