// The command line's shared pieces and the administration commands: see cli.h.
#include "app/cli.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <tuple>

#include "app/config.h"
#include "content/content_service.h"
#include "core/secrets.h"
#include "gov/sections.h"
#include "media/images.h"
#include "newsroom/newsroom.h"
#include "render/vn_time.h"

namespace portico::app::cli {

namespace fs = std::filesystem;

int fail(const std::string& what) {
  std::cerr << "portico: " << what << "\n";
  return 1;
}

// The data directory keeps media and logs; the database is `database` (a URL, see
// portico::open_store), by default the SQLite file <data>/portico.db. `readers`: pooled
// connections, at least one per work thread.
Result<std::unique_ptr<Store>> open_store(const std::string& data_dir, const std::string& database,
                                          int busy_timeout_ms, int readers) {
  std::error_code ec;
  fs::create_directories(fs::path(data_dir) / "media", ec);  // the logs' directory is serve's (log_dir)
  if (ec) return Status::error(Code::io, "không tạo được thư mục dữ liệu " + data_dir + ": " + ec.message());
  return portico::open_store({.url = database_url(data_dir, database), .readers = std::max(8, readers), .busy_timeout_ms = busy_timeout_ms});
}

std::string database_url(const std::string& data_dir, const std::string& database) {
  return database.empty() ? "sqlite:" + (fs::path(data_dir) / "portico.db").string() : database;
}

// portico site add|list|set|disable|enable: a new site (a commune's sub-portal, say) starts
// with the default sections (gov/sections.h) and no content. A running server sees every
// change within a second (sites_generation).
int site_command(const std::string& what, SiteArgs a) {
  auto store = open_store(a.data_dir, a.database);
  if (!store) return fail(store.status().message());
  auto sites = (*store)->sites();
  if (!sites) return fail(sites.status().message());
  auto find = [&](const std::string& key) -> const Site* {
    for (const auto& s : *sites)
      if (s.slug == key || s.host == key) return &s;
    return nullptr;
  };
  if (what == "list") {
    // The tree: each site under its parent, indented by depth, siblings as the portal lists them.
    std::vector<Site> ordered = *sites;
    std::stable_sort(ordered.begin(), ordered.end(), content::listed_before);
    std::function<void(Id, int)> walk = [&](Id parent, int depth) {
      for (const auto& s : ordered) {
        if (s.parent_id != parent) continue;
        std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ') << s.slug << "\t" << s.host << "\t"
                  << (s.kind.empty() ? "" : s.kind + ": ") << s.name << (s.is_default ? "\t(mặc định)" : "")
                  << (s.disabled ? "\t(tạm ngừng)" : "") << "\n";
        walk(s.id, depth + 1);
      }
    };
    walk(0, 0);
    return 0;
  }
  Id parent = 0;
  if (!a.parent.empty() && a.parent != "-") {
    const Site* p = find(a.parent);
    if (!p) return fail("không có trang cha " + a.parent);
    parent = p->id;
  }
  if (what == "add") {
    Site& x = a.site;
    x.parent_id = parent;
    x.is_default = sites->empty();
    auto id = gov::create_site(**store, x);
    if (!id) return fail(id.status().message());
    auto made = (*store)->site(*id);
    std::cout << "Đã tạo trang " << made->name << " (" << made->slug << ", " << made->host << ") với "
              << gov::default_sections().size() << " mục mặc định. Tạo tài khoản quản trị: portico user add TÊN --role admin --site "
              << made->slug << "." << std::endl;
    return 0;
  }
  const Site* found = find(a.which);
  if (!found) return fail("không có trang " + a.which);
  Site x = *found;
  if (what == "disable" || what == "enable") {
    x.disabled = what == "disable";
  } else {  // set: only the fields given
    for (const auto& [name, value] : a.given) {
      if (name == "name") x.name = *value;
      if (name == "host") x.host = *value;
      if (name == "kind") x.kind = *value;
      if (name == "agency") x.agency = *value;
      if (name == "responsible") x.responsible = *value;
      if (name == "address") x.address = *value;
      if (name == "phone") x.phone = *value;
      if (name == "email") x.email = *value;
      if (name == "brand-color") x.brand_color = *value;
      if (name == "notice") x.notice = *value;
      if (name == "monitor-script") x.monitor_script = *value;
      if (name == "notice-from" || name == "notice-until") {
        std::int64_t at = value->empty() ? 0 : render::parse_local_datetime(*value);
        if (at < 0) return fail("--" + name + ": thời điểm viết dạng 2026-12-10T08:00 (giờ Việt Nam)");
        (name == "notice-from" ? x.notice_from : x.notice_until) = at;
      }
      if (name == "read-only") {
        if (*value != "on" && *value != "off") return fail("--read-only: on hoặc off");
        x.read_only = *value == "on";
      }
    }
    if (!a.parent.empty()) x.parent_id = parent;
    // The emblem and the masthead image: imported as the newsroom's upload does.
    for (auto [file, slot, what] : {std::tuple{&a.logo, &x.logo_media_id, "Biểu trưng "},
                                    std::tuple{&a.banner, &x.banner_media_id, "Ảnh đầu trang "}}) {
      if (file->empty()) continue;
      if (*file == "-") {
        *slot = 0;
        continue;
      }
      std::ifstream in(*file, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), {});
      if (!in.good() && !in.eof()) return fail("không đọc được tệp " + *file);
      if (!media::sniff_image(bytes)) return fail(*file + " không phải ảnh JPEG, PNG hay WebP");
      SystemClock clock;
      newsroom::Newsroom room(**store, clock, random_key(), (fs::path(a.data_dir) / "media").string());
      User cli;
      cli.site_id = x.id;
      cli.name = "dòng lệnh";
      cli.platform = true;
      auto m = room.upload(newsroom::SignedIn{cli, newsroom::Role::admin, {}, x.id}, bytes, what + x.name, "");
      if (!m) return fail(m.status().message());
      *slot = m->id;
    }
  }
  if (auto st = gov::update_site(**store, x); !st) return fail(st.message());
  std::cout << (what == "disable" ? "Đã tạm ngừng trang " : what == "enable" ? "Đã mở lại trang " : "Đã lưu trang ") << x.name
            << " (" << x.slug << ")." << std::endl;
  return 0;
}

// portico user add|passwd|disable|role|grant|revoke|totp|require-totp and token create|revoke: works beside a running server (SQLite WAL, one writer
// at a time, the busy timeout waits for the server's writes).
int user_command(const std::string& what, UserArgs a) {
  if (!a.config_file.empty()) {
    Config c;
    if (auto st = load_config_file(a.config_file, c); !st) return fail(st.message());
    if (a.data_dir == "var") a.data_dir = c.data_dir;
    if (a.database.empty()) a.database = c.database;
  }
  auto store = open_store(a.data_dir, a.database);
  if (!store) return fail(store.status().message());
  auto sites = (*store)->sites();
  if (!sites) return fail(sites.status().message());
  std::optional<Site> site;
  for (auto& s : *sites)
    if (a.site.empty() ? s.is_default : (s.slug == a.site || s.host == a.site)) site = s;
  if (!site) return fail(a.site.empty() ? "chưa có trang nào trong " + a.data_dir : "không có trang " + a.site);
  std::optional<std::string> password;
  if (a.password_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    password = line;
  }
  SystemClock clock;
  newsroom::Newsroom room(**store, clock);
  if (what == "add") {
    auto role = newsroom::parse_role(a.role);
    if (!role) return fail("vai trò phải là admin, approver, editor hoặc reviewer");
    auto pw = room.add_user(site->id, a.name, *role, password, "dòng lệnh", a.platform);
    if (!pw) return fail(pw.status().message());
    std::cout << "Đã tạo tài khoản " << a.name << " (" << (a.platform ? "Quản trị nền tảng" : newsroom::role_label(*role))
              << ") trên " << site->name << ".\n";
    if (!password) std::cout << "Mật khẩu (chỉ hiện một lần): " << *pw << "\n";
  } else if (what == "passwd") {
    auto pw = room.set_password(site->id, a.name, password, "dòng lệnh");
    if (!pw) return fail(pw.status().message());
    std::cout << "Đã đổi mật khẩu của " << a.name << "; các phiên đăng nhập cũ đã kết thúc.\n";
    if (!password) std::cout << "Mật khẩu mới (chỉ hiện một lần): " << *pw << "\n";
  } else if (what == "disable") {
    if (auto st = room.disable_user(site->id, a.name, "dòng lệnh"); !st) return fail(st.message());
    std::cout << "Đã khoá tài khoản " << a.name << ".\n";
  } else if (what == "role") {
    auto role = newsroom::parse_role(a.role);
    if (!role) return fail("vai trò phải là admin, approver, editor hoặc reviewer");
    if (auto st = room.set_role(site->id, a.name, *role, "dòng lệnh"); !st) return fail(st.message());
    std::cout << "Đã đổi vai trò của " << a.name << " thành " << newsroom::role_label(*role)
              << "; các phiên đăng nhập cũ đã kết thúc.\n";
  } else if (what == "grant" || what == "revoke") {
    std::optional<Site> on;
    for (auto& s : *sites)
      if (s.slug == a.on || s.host == a.on) on = s;
    if (!on) return fail("không có trang " + a.on);
    std::optional<newsroom::Role> role;
    if (what == "grant") {
      role = newsroom::parse_role(a.role);
      if (!role) return fail("vai trò phải là admin, approver, editor hoặc reviewer");
    }
    if (auto st = room.set_site_role(site->id, a.name, on->id, role, "dòng lệnh"); !st) return fail(st.message());
    if (role)
      std::cout << "Tài khoản " << a.name << " có vai trò " << newsroom::role_label(*role) << " trên " << on->name
                << "; đăng nhập tại " << on->host << " bằng tên và mật khẩu của mình.\n";
    else
      std::cout << "Tài khoản " << a.name << " không còn vai trò trên " << on->name << ".\n";
  } else if (what == "totp") {
    if (a.off) {
      if (auto st = room.disable_totp(site->id, a.name, "dòng lệnh"); !st) return fail(st.message());
      std::cout << "Đã tắt xác thực hai bước của " << a.name << ".\n";
    } else {
      auto uri = room.enable_totp(site->id, a.name, "dòng lệnh");
      if (!uri) return fail(uri.status().message());
      std::cout << "Đã bật xác thực hai bước cho " << a.name
                << ". Nhập địa chỉ sau vào ứng dụng xác thực (chỉ hiện một lần):\n" << *uri << "\n";
    }
  } else if (what == "require-totp") {
    std::string roles = a.name == "none" ? std::string() : a.name;
    if (auto st = room.require_totp(site->id, roles, "dòng lệnh"); !st) return fail(st.message());
    std::cout << (roles.empty() ? "Không vai trò nào bắt buộc xác thực hai bước.\n"
                                : "Các vai trò phải dùng xác thực hai bước: " + roles + "\n");
  } else if (what == "token-create") {
    auto token = room.create_token(site->id, a.name, "dòng lệnh");
    if (!token) return fail(token.status().message());
    std::cout << "Khoá API của " << a.name << " (chỉ hiện một lần; dùng trong Authorization: Bearer …):\n"
              << *token << "\n";
  } else {
    auto n = room.revoke_tokens(site->id, a.name, "dòng lệnh");
    if (!n) return fail(n.status().message());
    std::cout << "Đã thu hồi " << *n << " khoá API của " << a.name << ".\n";
  }
  return 0;
}

}  // namespace portico::app::cli
