// The SQLite Store: the newsroom's accounts (their roles on other sites, platform
// administrators), sessions, API tokens and royalty settings.
#include "store/sql/sql_store.h"

namespace portico::sql {

Result<Id> SqlStore::create_user(User u) {
  if (!clean_all(u.name, u.display_name, u.password_hash, u.role)) return invalid_text();
  if (u.created_at <= 0) return no_time();
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(
      "INSERT INTO users (site_id, name, display_name, password_hash, role, disabled, created_at, updated_at, platform) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?7,?8)");
  s.bind(1, u.site_id).bind(2, u.name).bind(3, u.display_name).bind(4, u.password_hash).bind(5, u.role);
  s.bind(6, u.disabled).bind(7, u.created_at).bind(8, u.platform);
  if (u.platform) {  // a platform administrator signs in on any site by name: one of each name
    auto taken = writer_->prepare("SELECT 1 FROM users WHERE platform = 1 AND name = ?1");
    taken.bind(1, u.name);
    if (taken.step()) return Status::error(Code::conflict, "đã có quản trị nền tảng tên này");
  }
  return finish_insert(s);
}

Result<User> SqlStore::member(Id site_id, std::string_view name) {
  if (auto own = user_by_name(site_id, name); own || own.status().code() != Code::not_found) return own;
  Id id = 0;
  std::string role;
  {
    auto r = reader();
    auto s = r->prepare("SELECT r.user_id, r.role FROM user_roles r JOIN users u ON u.id = r.user_id "
                        "WHERE r.site_id = ?1 AND u.name = ?2");
    s.bind(1, site_id).bind(2, name);
    if (s.step()) {
      id = s.i64(0), role = s.text(1);
    } else {
      auto p = r->prepare("SELECT id FROM users WHERE platform = 1 AND name = ?1 ORDER BY id LIMIT 1");
      p.bind(1, name);
      if (p.step()) id = p.i64(0), role = "admin";
    }
  }
  if (!id) return Status::error(Code::not_found, "không có tài khoản này");
  auto u = read_user("?1 = ?1 AND id = ?2", 0, id);
  if (u) u->role = role;
  return u;
}

Result<User> SqlStore::member_by_id(Id site_id, Id user_id) {
  auto u = read_user("id = ?2", site_id, user_id);  // ?1 unused
  if (!u || u->site_id == site_id) return u;
  if (u->platform) {
    u->role = "admin";
    return u;
  }
  auto r = reader();
  auto s = r->prepare("SELECT role FROM user_roles WHERE user_id = ?1 AND site_id = ?2");
  s.bind(1, user_id).bind(2, site_id);
  if (!s.step()) return Status::error(Code::not_found, "không có tài khoản này");
  u->role = s.text(0);
  return u;
}

Status SqlStore::set_site_role(Id user_id, Id site_id, std::string_view role) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    std::string name;
    {
      auto u = writer_->prepare("SELECT name, site_id FROM users WHERE id = ?1");
      u.bind(1, user_id);
      if (!u.step()) return Status::error(Code::not_found, "không có tài khoản này");
      if (u.i64(1) == site_id) return Status::error(Code::invalid, "đây là trang của chính tài khoản này");
      name = u.text(0);
    }
    if (!role.empty()) {
      auto c = writer_->prepare(
          "SELECT 1 FROM users WHERE site_id = ?1 AND name = ?2 UNION ALL SELECT 1 FROM user_roles r JOIN users u "
          "ON u.id = r.user_id WHERE r.site_id = ?1 AND u.name = ?2 AND u.id <> ?3");
      c.bind(1, site_id).bind(2, name).bind(3, user_id);
      if (c.step()) return Status::error(Code::conflict, "trang này đã có tài khoản tên " + name);
      auto s = writer_->prepare("INSERT INTO user_roles (user_id, site_id, role) VALUES (?1, ?2, ?3) "
                               "ON CONFLICT (user_id, site_id) DO UPDATE SET role = excluded.role");
      s.bind(1, user_id).bind(2, site_id).bind(3, role);
      s.step();
      if (!s.done()) return Status::error(Code::io, writer_->error());
    } else {
      auto s = writer_->prepare("DELETE FROM user_roles WHERE user_id = ?1 AND site_id = ?2");
      s.bind(1, user_id).bind(2, site_id);
      s.step();
      if (!s.done()) return Status::error(Code::io, writer_->error());
    }
    auto d = writer_->prepare("DELETE FROM sessions WHERE site_id = ?1 AND user_id = ?2");
    d.bind(1, site_id).bind(2, user_id);
    d.step();
    return d.done() ? Status::ok() : Status::error(Code::io, writer_->error());
  });
}

Result<std::vector<std::pair<Id, std::string>>> SqlStore::site_roles(Id user_id) {
  auto r = reader();
  auto s = r->prepare("SELECT site_id, role FROM user_roles WHERE user_id = ?1 ORDER BY site_id");
  s.bind(1, user_id);
  std::vector<std::pair<Id, std::string>> out;
  while (s.step()) out.emplace_back(s.i64(0), s.text(1));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<User> SqlStore::user_by_name(Id site_id, std::string_view name) {
  return read_user("site_id = ?1 AND name = ?2", site_id, name);
}

Result<User> SqlStore::user(Id site_id, Id id) { return read_user("site_id = ?1 AND id = ?2", site_id, id); }

Result<std::vector<User>> SqlStore::users(Id site_id) {
  auto r = reader();
  auto s = r->prepare(std::string("SELECT ") + kUserCols + " FROM users WHERE site_id = ?1");
  s.bind(1, site_id);
  std::vector<User> out;
  while (s.step()) out.push_back(read_user_row(s));
  if (!s.done()) return Status::error(Code::io, r->error());
  std::sort(out.begin(), out.end(), [](const User& a, const User& b) { return text::vi_less(a.name, b.name); });
  return out;
}

Status SqlStore::update_user(const User& u0, bool end_sessions) {
  User u = u0;
  if (!clean_all(u.display_name, u.password_hash, u.role)) return invalid_text();
  if (u.updated_at <= 0) return no_time();
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    auto s = writer_->prepare(
        "UPDATE users SET display_name = ?3, password_hash = ?4, role = ?5, disabled = ?6, updated_at = ?7, "
        "totp_secret = ?8 WHERE site_id = ?1 AND id = ?2");
    s.bind(1, u.site_id).bind(2, u.id).bind(3, u.display_name).bind(4, u.password_hash).bind(5, u.role);
    s.bind(6, u.disabled).bind(7, u.updated_at).bind(8, u.totp_secret);
    if (auto st = finish_change(s); !st) return st;
    if (!end_sessions) return Status::ok();
    // Every site's: an account signs in on the sites it holds a role on too.
    auto d = writer_->prepare("DELETE FROM sessions WHERE user_id = ?2 AND ?1 = ?1");
    d.bind(1, u.site_id).bind(2, u.id);
    d.step();
    return d.done() ? Status::ok() : Status::error(Code::io, writer_->error());
  });
}

Status SqlStore::set_totp_roles(Id site_id, std::string_view roles) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("UPDATE sites SET totp_roles = ?2 WHERE site_id = ?1");
  s.bind(1, site_id).bind(2, roles);
  return finish_change(s);
}

Status SqlStore::create_session(const Session& x) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(
      "INSERT INTO sessions (token_digest, site_id, user_id, csrf, address, created_at, expires_at) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7)");
  s.bind(1, x.token_digest).bind(2, x.site_id).bind(3, x.user_id).bind(4, x.csrf).bind(5, x.address);
  s.bind(6, x.created_at).bind(7, x.expires_at);
  auto r = finish_insert(s);
  return r ? Status::ok() : r.status();
}

Result<Session> SqlStore::session(std::string_view digest) {
  auto r = reader();
  auto s = r->prepare("SELECT token_digest, site_id, user_id, csrf, address, created_at, expires_at FROM sessions "
                      "WHERE token_digest = ?1");
  s.bind(1, digest);
  if (s.step()) return Session{s.text(0), s.i64(1), s.i64(2), s.text(3), s.text(4), s.i64(5), s.i64(6)};
  return Status::error(Code::not_found, "không có phiên này");
}

Status SqlStore::delete_session(std::string_view digest) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("DELETE FROM sessions WHERE token_digest = ?1");
  s.bind(1, digest);
  s.step();
  return s.done() ? Status::ok() : Status::error(Code::io, writer_->error());
}

Status SqlStore::add_sign_in_failure(std::string_view key, std::int64_t at) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    auto old = writer_->prepare("DELETE FROM sign_in_failures WHERE account = ?1 AND at < ?2");
    old.bind(1, key).bind(2, at - 86400);
    old.step();
    if (!old.done()) return Status::error(Code::io, writer_->error());
    auto s = writer_->prepare("INSERT INTO sign_in_failures (account, at) VALUES (?1, ?2)");
    s.bind(1, key).bind(2, at);
    s.step();
    return s.done() ? Status::ok() : Status::error(Code::io, writer_->error());
  });
}

Result<std::vector<std::int64_t>> SqlStore::sign_in_failures(std::string_view key, std::int64_t since) {
  auto r = reader();
  auto s = r->prepare("SELECT at FROM sign_in_failures WHERE account = ?1 AND at > ?2 ORDER BY at");
  s.bind(1, key).bind(2, since);
  std::vector<std::int64_t> out;
  while (s.step()) out.push_back(s.i64(0));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Status SqlStore::clear_sign_in_failures(std::string_view key) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("DELETE FROM sign_in_failures WHERE account = ?1");
  s.bind(1, key);
  s.step();
  return s.done() ? Status::ok() : Status::error(Code::io, writer_->error());
}

Result<std::vector<Genre>> SqlStore::genres(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT code, name, coefficient, position FROM royalty_genres WHERE site_id = ?1 "
                      "ORDER BY position, code");
  s.bind(1, site_id);
  std::vector<Genre> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.f64(2), s.i32(3)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Status SqlStore::save_genres(Id site_id, const std::vector<Genre>& genres, std::int64_t base) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    auto fail = [](std::string e) { return Status::error(Code::io, std::move(e)); };
    {
      auto d = writer_->prepare("DELETE FROM royalty_genres WHERE site_id = ?1");
      d.bind(1, site_id);
      d.step();
      if (!d.done()) return fail(writer_->error());
    }
    for (const auto& g0 : genres) {
      Genre g = g0;
      if (!clean_all(g.code, g.name)) return fail("văn bản không hợp lệ");
      auto i = writer_->prepare(
          "INSERT INTO royalty_genres (site_id, code, name, coefficient, position) VALUES (?1,?2,?3,?4,?5)");
      i.bind(1, site_id).bind(2, g.code).bind(3, g.name).bind_double(4, g.coefficient).bind(5, g.position);
      i.step();
      if (!i.done()) return fail(writer_->error());
    }
    {
      auto u = writer_->prepare("UPDATE sites SET royalty_base = ?2 WHERE site_id = ?1");
      u.bind(1, site_id).bind(2, base);
      u.step();
      if (!u.done()) return fail(writer_->error());
    }
    return Status::ok();
  });
}

Result<std::int64_t> SqlStore::royalty_base(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT royalty_base FROM sites WHERE site_id = ?1");
  s.bind(1, site_id);
  if (s.step()) return s.i64(0);
  if (!s.done()) return Status::error(Code::io, r->error());
  return std::int64_t{0};  // no such site
}

Result<std::vector<RoyaltyItem>> SqlStore::royalty_items(Id site_id, std::int64_t from, std::int64_t to) {
  auto r = reader();
  auto s = r->prepare("SELECT id, title, author, genre, published_at FROM articles WHERE site_id = ?1 AND "
                      "status = 'published' AND is_demo = 0 AND published_at >= ?2 AND published_at < ?3 "
                      "ORDER BY published_at, id");
  s.bind(1, site_id).bind(2, from).bind(3, to);
  std::vector<RoyaltyItem> out;
  while (s.step()) out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.i64(4)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Status SqlStore::create_token(Id site_id, Id user_id, std::string_view digest, std::int64_t now) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("INSERT INTO api_tokens (site_id, user_id, token_digest, created_at) VALUES (?1,?2,?3,?4)");
  s.bind(1, site_id).bind(2, user_id).bind(3, digest).bind(4, now);
  auto r = finish_insert(s);
  return r ? Status::ok() : r.status();
}

Result<Id> SqlStore::token_user(Id site_id, std::string_view digest) {
  auto r = reader();
  auto s = r->prepare("SELECT user_id FROM api_tokens WHERE site_id = ?1 AND token_digest = ?2 AND revoked_at = 0");
  s.bind(1, site_id).bind(2, digest);
  if (s.step()) return s.i64(0);
  return Status::error(Code::not_found, "không có khoá này");
}

Result<int> SqlStore::revoke_tokens(Id site_id, Id user_id, std::int64_t now) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("UPDATE api_tokens SET revoked_at = ?3 WHERE site_id = ?1 AND user_id = ?2 AND revoked_at = 0");
  s.bind(1, site_id).bind(2, user_id).bind(3, now);
  s.step();
  if (!s.done()) return Status::error(Code::io, writer_->error());
  return writer_->changes();
}

}  // namespace portico::sql
