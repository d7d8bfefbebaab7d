#include "store/audit.h"

#include <spdlog/spdlog.h>

namespace portico {

void record_audit(Store& store, std::int64_t now, Id site_id, const Actor& who, std::string_view action,
                  std::string_view target, std::string_view detail) {
  if (auto st = store.append_audit({0, site_id, now, who.user_id, who.name, std::string(action), std::string(target),
                                    who.address, std::string(detail)});
      !st)
    spdlog::error("không ghi được nhật ký kiểm tra ({} {} bởi {}): {}", action, target, who.name, st.message());
}

}  // namespace portico
