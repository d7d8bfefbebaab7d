// The one way an entry reaches the audit log (nhật ký hệ thống): the newsroom and every
// service that changes what readers see write through it.
#pragma once
#include <string>
#include <string_view>

#include "store/store.h"

namespace portico {

// Appends who did what to which record, at `now`. The change itself is already done, so an
// entry that cannot be written is said loudly in the error log rather than undoing it.
void record_audit(Store& store, std::int64_t now, Id site_id, const Actor& who, std::string_view action,
                  std::string_view target, std::string_view detail = {});

}  // namespace portico
