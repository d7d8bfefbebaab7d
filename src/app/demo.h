// Demo content for a first start.
#pragma once
#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace portico::app {

// The demo's province: the seeded communes of app/seed.h go under it.
inline constexpr const char* kDemoProvinceHost = "tuyenquang.localhost";

// Installs the demo site (named after the reference portal), its categories, the reference
// article verbatim and 30 further Vietnamese articles, all marked as demo. Writes the demo
// illustrations into media_dir. Call only on an empty database.
Status install_demo(Store& store, const std::string& media_dir, std::int64_t now);
// The sidebar's demo data: two places (map and weather), four links, one open poll.
Status install_demo_sidebar(Store& store, Id site_id, std::int64_t now);

// The legal-document register's demo: the two documents the reference article cites, and a
// few of the district's own (one replaced, one expired, one with a PDF attached).
Status install_demo_documents(Store& store, Id site_id, const std::string& media_dir, std::int64_t now);

// Two answered, published questions for Hỏi đáp (the senders are placeholders).
Status install_demo_questions(Store& store, Id site_id, std::int64_t now);

// "Thông tin tổng hợp": the reference article's figures on admitting party members, with the
// article as their source; featured in the sidebar.
Status install_demo_datasets(Store& store, Id site_id, std::int64_t now);

// A draft open for comment for 30 days, one closed, and this week's work schedule.
Status install_demo_participation(Store& store, Id site_id, std::int64_t now);

// The organisation's pages: introduction, functions and contact texts in Vietnamese and
// English, and a small organisation chart (placeholder people and addresses).
Status install_demo_organisation(Store& store, Id site_id);

}  // namespace portico::app
