// The leaders' work schedule (Lịch công tác): engagements by week, Monday to Sunday in Hà Nội,
// browsable week by week and printable.
#pragma once
#include <functional>
#include <string>

#include "content/pages.h"
#include "content/change_notifier.h"
#include "http/message.h"
#include "store/store.h"

namespace portico::gov {

struct ScheduleInput {
  std::string starts;  // "2026-11-30T08:00", Hà Nội time
  std::string leader, content, place, attendees;
};

class Schedule : public content::ChangeNotifier {
 public:
  static constexpr const char* kPath = "/lich-cong-tac";

  Schedule(Store& store, const Clock& clock, content::PublicPages& pages) : store_(store), clock_(clock), pages_(pages) {}

  // /lich-cong-tac: one page per week, cached; any day of a week keys that week.
  void add_routes(content::Routes& routes);

  // The Monday (a vn_day) of the week holding `date` ("2026-11-30"; empty: today); -1 when
  // the date is not one.
  std::int64_t week_of(const std::string& date) const;
  // /lich-cong-tac?tuan=YYYY-MM-DD: the week holding that day.
  http::Response week(const content::PageContext& c);
  // GET /api/v1/schedule?week=YYYY-MM-DD: that week's engagements (none given: this week).
  http::Response api_week(const content::PageContext& c);
  // The engagements of the week from that Monday, in Hà Nội time.
  std::vector<ScheduleItem> week_items(Id site_id, std::int64_t monday) const;
  // The week's days with their items, for the public page and the newsroom's.
  render::Data week_data(Id site_id, std::int64_t monday, const std::string& base) const;

  // Writes from the newsroom: `who` goes to the audit log with each change that succeeds.
  Result<Id> save(const Actor& who, Id site_id, Id id, const ScheduleInput& in);
  Status remove(const Actor& who, Id site_id, Id id);

 private:
  Store& store_;
  const Clock& clock_;
  content::PublicPages& pages_;
};

}  // namespace portico::gov
