// A site's sub-portals: listed, added and changed through the one set of site rules.
#include "gov/sub_portals.h"

#include <algorithm>

#include "content/content_service.h"
#include "gov/sections.h"
#include "render/vn_time.h"

namespace portico::gov {

std::vector<Site> SubPortals::of(Id parent) {
  auto all = store_.sites();
  if (!all) throw Unavailable("không đọc được danh sách trang: " + all.status().message());  // 503
  std::vector<Site> out;
  for (auto& s : *all)
    if (s.parent_id == parent && parent) out.push_back(std::move(s));
  std::sort(out.begin(), out.end(), content::listed_before);
  return out;
}

Status SubPortals::check_host(const std::string& host) const {
  for (const auto& r : reserved_)
    if (host == r || host == "www." + r)
      return Status::error(Code::conflict, "tên miền " + host + " là địa chỉ của cổng chính, không dùng cho cổng thành phần");
  return Status::ok();
}

Result<Id> SubPortals::add(const Actor& who, Id parent, Site site) {
  if (auto st = check_host(site.host); !st) return st;
  site.id = 0;
  site.parent_id = parent;
  site.is_default = false;
  std::string name = site.name;
  return announce(parent, create_site(store_, std::move(site)), who, "site_add", {}, name);
}

Status SubPortals::update(const Actor& who, Id parent, const Site& changes) {
  auto current = store_.site(changes.id);
  if (!current || current->parent_id != parent || !parent) return Status::error(Code::not_found, "không có cổng thành phần này");
  if (changes.host != current->host)
    if (auto st = check_host(changes.host); !st) return st;
  Site x = *current;
  x.name = changes.name;
  x.kind = changes.kind;
  x.host = changes.host;
  x.brand_color = changes.brand_color;
  x.agency = changes.agency;
  x.address = changes.address;
  x.phone = changes.phone;
  x.email = changes.email;
  x.disabled = changes.disabled;
  return announce(parent, update_site(store_, x), who, x.disabled && !current->disabled ? "site_disable" : "site_update",
                  std::to_string(x.id), x.name);
}

Status SubPortals::set_images(const Actor& who, Id site_id, Id logo, Id banner) {
  auto x = store_.site(site_id);
  if (!x) return x.status();
  x->logo_media_id = logo;
  x->banner_media_id = banner;
  return announce(site_id, update_site(store_, *x), who, "site_images", std::to_string(site_id),
                  "biểu trưng " + std::to_string(logo) + ", ảnh đầu trang " + std::to_string(banner));
}

Status SubPortals::set_operations(const Actor& who, Id site_id, const Operations& o) {
  auto x = store_.site(site_id);
  if (!x) return x.status();
  auto at = [](const std::string& text) -> std::optional<std::int64_t> {
    if (text.empty()) return 0;
    std::int64_t t = render::parse_local_datetime(text);
    if (t < 0) return std::nullopt;
    return t;
  };
  auto from = at(o.notice_from), until = at(o.notice_until);
  if (!from || !until) return Status::error(Code::invalid, "thời điểm viết dạng ngày và giờ, ví dụ 2026-12-10T08:00");
  x->notice = o.notice;
  x->notice_from = *from;
  x->notice_until = *until;
  x->read_only = o.read_only;
  x->monitor_script = o.monitor_script;
  std::string what = std::string(o.read_only ? "chỉ đọc" : "ghi bình thường") + (o.notice.empty() ? "" : ", thông báo: " + o.notice) +
                     (o.monitor_script.empty() ? "" : ", mã theo dõi: " + o.monitor_script);
  return announce(site_id, update_site(store_, *x), who, "site_operations", std::to_string(site_id), what);
}

}  // namespace portico::gov
