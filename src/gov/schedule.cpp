// The work schedule, week by week.
#include "gov/schedule.h"
#include "content/routes.h"

#include <boost/json.hpp>

#include "http/json.h"

#include "gov/public_forms.h"
#include "render/vn_time.h"
#include "text/unicode.h"

namespace portico::gov {

using http::Response;
using render::Data;
using render::List;
using render::put;

namespace {
constexpr const char* kDays[] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"};
}

std::int64_t Schedule::week_of(const std::string& date) const {
  std::int64_t day = date.empty() ? render::vn_day(clock_.now()) : render::parse_day(date);
  if (day < 0) return -1;
  return day - ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday: Monday is index 0
}

std::vector<ScheduleItem> Schedule::week_items(Id site_id, std::int64_t monday) const {
  constexpr std::int64_t kDay = 86400;
  std::int64_t from = monday * kDay - render::kVietnamOffset;
  return need(store_.schedule(site_id, from, from + 7 * kDay));
}

Data Schedule::week_data(Id site_id, std::int64_t monday, const std::string& base) const {
  auto items = week_items(site_id, monday);
  Data d;
  put(d, "from", render::format_day(monday));
  put(d, "to", render::format_day(monday + 6));
  put(d, "prev_url", base + "?tuan=" + render::format_day_iso(monday - 7));
  put(d, "next_url", base + "?tuan=" + render::format_day_iso(monday + 7));
  put(d, "this_url", base);
  List days;
  std::int64_t today = render::vn_day(clock_.now());
  for (int i = 0; i < 7; ++i) {
    Data day;
    put(day, "name", kDays[i]);
    put(day, "date", render::format_day(monday + i));
    put(day, "date_iso", render::format_day_iso(monday + i));
    put(day, "today", monday + i == today);
    List list;
    for (const auto& it : items) {
      if (render::vn_day(it.starts_at) != monday + i) continue;
      Data x;
      put(x, "id", std::to_string(it.id));
      std::string local = render::format_local_datetime(it.starts_at);
      put(x, "time", local.substr(11));
      put(x, "time_iso", render::format_iso(it.starts_at));
      put(x, "leader", it.leader);
      put(x, "content", it.content);
      put(x, "place", it.place);
      put(x, "attendees", it.attendees);
      list.push_back(x);
    }
    put(day, "empty", list.empty());
    day.set("items", list);
    days.push_back(day);
  }
  d.set("days", days);
  return d;
}

Response Schedule::week(const content::PageContext& c) {
  std::string date(c.request.param("tuan").value_or(""));
  std::int64_t monday = week_of(date);
  if (monday < 0) return pages_.error(c, 400, "Tuần cần có dạng năm-tháng-ngày, ví dụ 2026-11-30.");
  Data d = week_data(c.site->site.id, monday, kPath);
  std::string title = "Lịch công tác tuần " + render::format_day(monday) + " – " + render::format_day(monday + 6);
  put(d, "heading", title);
  return pages_.custom(c, title, "Lịch công tác của lãnh đạo " + c.site->site.name + ", theo tuần.", "schedule", std::move(d));
}

Response Schedule::api_week(const content::PageContext& c) {
  std::string date(c.request.param("week").value_or(""));
  std::int64_t monday = week_of(date);
  if (monday < 0) return http::json_error(400, "invalid_week", "Tuần cần có dạng năm-tháng-ngày, ví dụ 2026-11-30.");
  const auto& s = *c.site;
  boost::json::array items;
  for (const auto& it : week_items(s.site.id, monday))
    items.push_back(boost::json::object{{"id", it.id},
                                        {"starts_at", render::format_iso(it.starts_at)},
                                        {"date", render::format_day_iso(render::vn_day(it.starts_at))},
                                        {"leader", it.leader},
                                        {"content", it.content},
                                        {"place", it.place},
                                        {"attendees", it.attendees}});
  std::string api = s.origin + "/api/v1/schedule?week=";
  boost::json::object week{{"from", render::format_day_iso(monday)},
                           {"to", render::format_day_iso(monday + 6)},
                           {"url", s.origin + kPath + "?tuan=" + render::format_day_iso(monday)},
                           {"previous", api + render::format_day_iso(monday - 7)},
                           {"next", api + render::format_day_iso(monday + 7)},
                           {"items", std::move(items)}};
  return http::json_response(200, boost::json::object{{"data", std::move(week)}});
}

Result<Id> Schedule::save(const Actor& who, Id site_id, Id id, const ScheduleInput& in) {
  if (auto st = check_utf8({in.starts, in.leader, in.content, in.place, in.attendees}); !st) return st;
  ScheduleItem i;
  i.id = id;
  i.site_id = site_id;
  i.starts_at = render::parse_local_datetime(in.starts);
  i.leader = plain_text(in.leader);
  i.content = plain_text(in.content);
  i.place = plain_text(in.place);
  i.attendees = plain_text(in.attendees);
  if (i.starts_at < 0) return Status::error(Code::invalid, "thời gian cần có dạng ngày và giờ");
  if (i.leader.empty() || char_count(i.leader) > 200) return Status::error(Code::invalid, "cần tên lãnh đạo (tối đa 200 ký tự)");
  if (i.content.empty() || char_count(i.content) > 2000) return Status::error(Code::invalid, "cần nội dung công việc (tối đa 2.000 ký tự)");
  if (char_count(i.place) > 300 || char_count(i.attendees) > 1000) return Status::error(Code::invalid, "một trường quá dài");
  return announce(site_id, store_.save_schedule_item(i, clock_.now()), who, id ? "schedule_update" : "schedule_add", {}, i.content);
}

Status Schedule::remove(const Actor& who, Id site_id, Id id) {
  return announce(site_id, store_.delete_schedule_item(site_id, id), who, "schedule_delete", std::to_string(id));
}

void Schedule::add_routes(content::Routes& routes) {
  using content::PageContext;
  // Any day of a week is that week: the key holds its Monday.
  auto week_key = [this](const char* name) {
    return [this, name](const PageContext& c) {
      http::Fields f;
      if (auto v = c.request.param(name)) {
        std::int64_t monday = week_of(std::string(*v));
        f.emplace_back(name, monday < 0 ? "x" : render::format_day_iso(monday));
      }
      return f;
    };
  };
  routes.cached(kPath, [this](const PageContext& c, const http::Params&) { return week(c); }, {.reads = week_key("tuan")});
  routes.cached("/api/v1/schedule", [this](const PageContext& c, const http::Params&) { return api_week(c); },
                {.reads = week_key("week"), .counted = content::Counted::api});
}

}  // namespace portico::gov
