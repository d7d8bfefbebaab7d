// What every government section tells the portal after a change readers can see: the site
// whose cached pages must go.
#pragma once
#include <cstdint>
#include <functional>

namespace portico::gov {

using Id = std::int64_t;

class ChangeNotifier {
 public:
  void on_change(std::function<void(Id site_id)> f) { on_change_ = std::move(f); }

 protected:
  void changed(Id site_id) const {
    if (on_change_) on_change_(site_id);
  }
  // Passes a write's result through, announcing the change when it succeeded.
  template <class R>
  R announce(Id site_id, R result) const {
    if (result) changed(site_id);
    return result;
  }

 private:
  std::function<void(Id)> on_change_;
};

}  // namespace portico::gov
