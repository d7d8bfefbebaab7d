// What every service that changes what readers see tells the portal: the site (or the one
// page) whose cached pages must go, and, for a change an account made, the audit entry.
// The modules (app/modules.cpp) connect both: the page cache, and store/audit.h.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "store/store.h"

namespace portico::content {

class ChangeNotifier {
 public:
  using Changed = std::function<void(Id site_id, const std::string& path)>;  // path empty: the whole site
  using Audited = std::function<void(Id site_id, const Actor& who, std::string_view action, const std::string& target,
                                     std::string_view detail)>;
  void on_change(Changed f) { on_change_ = std::move(f); }
  void on_audit(Audited f) { on_audit_ = std::move(f); }

 protected:
  void changed(Id site_id, const std::string& path = {}) const {
    if (on_change_) on_change_(site_id, path);
  }
  // Passes a write's result through, announcing the change when it succeeded.
  template <class R>
  R announce(Id site_id, R result) const {
    if (result) changed(site_id);
    return result;
  }
  // The same for a change `who` made: the audit entry too (`target` empty: the new record's id).
  template <class R>
  R announce(Id site_id, R result, const Actor& who, std::string_view action, std::string target = {},
             std::string_view detail = {}) const {
    if (!result) return result;
    if constexpr (std::is_same_v<R, Result<Id>>)
      if (target.empty()) target = std::to_string(*result);
    if (on_audit_) on_audit_(site_id, who, action, target, detail);
    changed(site_id);
    return result;
  }

 private:
  Changed on_change_;
  Audited on_audit_;
};

}  // namespace portico::content
