// The newsroom's accounts: users and their roles on each site, passwords, API tokens,
// sign-in (with its throttles and TOTP), sessions. Articles and the rest: newsroom.cpp.
#include "newsroom/newsroom.h"

#include "core/rate_limit.h"
#include "newsroom/totp.h"
#include "text/unicode.h"

namespace portico::newsroom {

Status Newsroom::check_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 64 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string_view::npos)
    return Status::error(Code::invalid, "tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch dưới hoặc gạch ngang");
  return Status::ok();
}

Status Newsroom::check_password(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return Status::error(Code::invalid, "mật khẩu cần ít nhất " + std::to_string(kMinPasswordLength) + " ký tự");
  if (password.size() > 1024) return Status::error(Code::invalid, "mật khẩu quá dài");
  return Status::ok();
}

Result<std::string> Newsroom::add_user(Id site_id, std::string_view name, Role role,
                                       std::optional<std::string> password, std::string_view actor, bool platform) {
  if (auto st = check_name(name); !st) return st;
  if (platform && role != Role::admin) return Status::error(Code::invalid, "quản trị nền tảng phải có vai trò admin");
  std::string pw = password ? *password : generate_password();
  if (auto st = check_password(pw); !st) return st;
  User u;
  u.site_id = site_id;
  u.name = std::string(name);
  u.display_name = u.name;
  u.password_hash = hash_password(pw);
  u.role = role_name(role);
  u.platform = platform;
  u.created_at = clock_.now();
  auto id = store_.create_user(u);
  if (!id) {
    if (id.status().code() == Code::conflict)
      return Status::error(Code::conflict, platform ? id.status().message() : "tên đăng nhập đã có");
    return id.status();
  }
  record(site_id, 0, actor, "user_add", u.name, "", std::string("role=") + u.role + (platform ? ", platform" : ""));
  return pw;
}

Status Newsroom::set_site_role(Id site_id, std::string_view name, Id on, std::optional<Role> role, std::string_view actor) {
  auto u = store_.user_by_name(site_id, name);
  if (!u) return u.status();
  if (auto st = store_.set_site_role(u->id, on, role ? role_name(*role) : ""); !st) return st;
  record(on, 0, actor, role ? "role_grant" : "role_revoke", u->name, "", role ? role_name(*role) : "");
  return Status::ok();
}

std::vector<std::pair<Id, Role>> Newsroom::sites_of(const SignedIn& who) {
  std::vector<std::pair<Id, Role>> out;
  if (who.user.platform) {
    if (auto all = store_.sites())
      for (const auto& s : *all) out.emplace_back(s.id, Role::admin);
    return out;
  }
  if (auto own = store_.user(who.home_site, who.user.id))
    if (auto r = parse_role(own->role)) out.emplace_back(own->site_id, *r);
  for (const auto& [site, role] : need(store_.site_roles(who.user.id)))
    if (auto r = parse_role(role)) out.emplace_back(site, *r);
  return out;
}

Result<std::string> Newsroom::set_password(Id site_id, std::string_view name, std::optional<std::string> password,
                                           std::string_view actor) {
  auto u = store_.user_by_name(site_id, name);
  if (!u) return u.status();
  std::string pw = password ? *password : generate_password();
  if (auto st = check_password(pw); !st) return st;
  u->password_hash = hash_password(pw);
  u->updated_at = clock_.now();
  if (auto st = store_.update_user(*u, true); !st) return st;  // a new password signs every browser out
  record(site_id, 0, actor, "password_change", u->name, "");
  return pw;
}

Status Newsroom::disable_user(Id site_id, std::string_view name, std::string_view actor) {
  auto u = store_.user_by_name(site_id, name);
  if (!u) return u.status();
  u->disabled = true;
  u->updated_at = clock_.now();
  if (auto st = store_.update_user(*u, true); !st) return st;
  record(site_id, 0, actor, "user_disable", u->name, "");
  return Status::ok();
}

Result<std::string> Newsroom::create_token(Id site_id, std::string_view name, std::string_view actor) {
  auto u = store_.member(site_id, name);
  if (!u) return u.status();
  if (u->disabled) return Status::error(Code::invalid, "tài khoản đang bị khoá");
  std::string token = random_token();
  if (auto st = store_.create_token(site_id, u->id, token_digest(token), clock_.now()); !st) return st;
  record(site_id, 0, actor, "token_create", u->name, "");
  return token;
}

Result<int> Newsroom::revoke_tokens(Id site_id, std::string_view name, std::string_view actor) {
  auto u = store_.user_by_name(site_id, name);
  if (!u) return u.status();
  auto n = store_.revoke_tokens(site_id, u->id, clock_.now());
  if (n) record(site_id, 0, actor, "token_revoke", u->name, "", std::to_string(*n));
  return n;
}

Result<SignedIn> Newsroom::authenticate_token(Id site_id, std::string_view token) {
  auto denied = Status::error(Code::not_found, "khoá API không hợp lệ");
  if (token.empty() || token.size() > 100) return denied;
  auto uid = store_.token_user(site_id, token_digest(token));
  if (!uid) return denied;
  auto u = store_.member_by_id(site_id, *uid);
  if (!u || u->disabled) return denied;
  auto role = parse_role(u->role);
  if (!role) return denied;
  Id home = u->site_id;
  u->site_id = site_id;  // acting on this site
  return SignedIn{*u, *role, Session{}, home};
}

Status Newsroom::set_role(Id site_id, std::string_view name, Role role, std::string_view actor) {
  auto u = store_.user_by_name(site_id, name);
  if (!u) return u.status();
  std::string before = u->role;
  u->role = role_name(role);
  u->updated_at = clock_.now();
  if (auto st = store_.update_user(*u, true); !st) return st;
  record(site_id, 0, actor, "role_change", u->name, "", before + " → " + u->role);
  return Status::ok();
}

SignInResult Newsroom::sign_in(Id site_id, std::string_view name, std::string_view password,
                               std::string_view address, std::string_view code) {
  SignInResult r;
  // What anyone may send is kept at a stated length: no account has a longer name.
  std::string shown = text::cut(name, kMaxSignInName);
  std::string account_key = std::to_string(site_id) + ":" + shown;
  std::string address_key = RateLimit::address_key(address);
  std::int64_t wait = std::max(by_account_.wait(account_key), by_address_.wait(address_key));
  if (wait > 0) {
    r.outcome = SignInResult::Outcome::throttled;
    r.retry_after = wait;
    // Counted, not written row by row: one row when an address or account is first held back.
    if (by_address_.first_refusal(address_key) | by_account_.first_refusal(account_key))
      record(site_id, 0, shown, "sign_in_throttled", shown, address,
             "sai quá nhiều lần trong 15 phút: các lần thử sau bị từ chối và không ghi từng lần");
    return r;
  }
  auto u = check_name(name) ? store_.member(site_id, name) : Result<User>(Status::error(Code::not_found, ""));
  if (!u && u.status().code() != Code::not_found) {  // the database failed: not a wrong password
    r.outcome = SignInResult::Outcome::unavailable;
    return r;
  }
  if (dummy_hash_.empty()) dummy_hash_ = hash_password(random_token());
  bool ok = verify_password(u ? u->password_hash : dummy_hash_, password) && u && !u->disabled;
  if (!ok) {
    by_account_.failure(account_key);
    by_address_.failure(address_key);
    record(site_id, u ? u->id : 0, shown, "sign_in_failed", shown, address, u && u->disabled ? "tài khoản bị khoá" : "");
    return r;
  }
  if (!u->totp_secret.empty()) {
    auto key = base32_decode(u->totp_secret);
    if (!key || !totp_matches(*key, code, clock_.now())) {
      by_account_.failure(account_key);  // codes are guessed too: they count as failures
      by_address_.failure(address_key);
      record(site_id, u->id, u->name, "sign_in_failed", u->name, address, "mã xác thực sai");
      r.outcome = SignInResult::Outcome::bad_code;
      return r;
    }
  } else {
    auto site = store_.site(site_id);
    std::string roles = site ? "," + site->totp_roles + "," : std::string();
    if (roles.find("," + u->role + ",") != std::string::npos) {
      record(site_id, u->id, u->name, "sign_in_failed", u->name, address, "chưa bật xác thực hai bước");
      r.outcome = SignInResult::Outcome::totp_required;
      return r;
    }
  }
  by_account_.success(account_key);
  Session s;
  r.token = random_token();
  s.token_digest = token_digest(r.token);
  s.site_id = site_id;
  s.user_id = u->id;
  s.csrf = random_token();
  s.address = std::string(address);
  s.created_at = clock_.now();
  s.expires_at = s.created_at + kSessionSeconds;
  if (!store_.create_session(s)) {
    r.outcome = SignInResult::Outcome::unavailable;
    return r;
  }
  record(site_id, u->id, u->name, "sign_in", u->name, address);
  r.outcome = SignInResult::Outcome::ok;
  return r;
}

Result<std::string> Newsroom::enable_totp(Id site_id, std::string_view name, std::string_view actor) {
  auto u = store_.user_by_name(site_id, name);
  if (!u) return u.status();
  std::string key = random_key().substr(0, 20);  // 160 bits, as RFC 4226 recommends
  u->totp_secret = base32_encode(key);
  u->updated_at = clock_.now();
  if (auto st = store_.update_user(*u, true); !st) return st;
  record(site_id, 0, actor, "totp_enable", u->name, "");
  auto site = store_.site(site_id);
  return otpauth_uri(site ? site->portal_title + " " + site->name : std::string("Portico"), u->name, key);
}

Status Newsroom::disable_totp(Id site_id, std::string_view name, std::string_view actor) {
  auto u = store_.user_by_name(site_id, name);
  if (!u) return u.status();
  u->totp_secret.clear();
  u->updated_at = clock_.now();
  if (auto st = store_.update_user(*u, false); !st) return st;
  record(site_id, 0, actor, "totp_disable", u->name, "");
  return Status::ok();
}

Status Newsroom::require_totp(Id site_id, std::string_view roles, std::string_view actor) {
  std::string clean;
  std::size_t start = 0;
  while (start <= roles.size()) {
    auto end = roles.find(',', start);
    if (end == std::string_view::npos) end = roles.size();
    auto role = roles.substr(start, end - start);
    if (!role.empty()) {
      if (!parse_role(role)) return Status::error(Code::invalid, "vai trò không hợp lệ: " + std::string(role));
      clean += (clean.empty() ? "" : ",") + std::string(role);
    }
    start = end + 1;
  }
  if (auto st = store_.set_totp_roles(site_id, clean); !st) return st;
  record(site_id, 0, actor, "totp_require", clean, "");
  return Status::ok();
}

Result<SignedIn> Newsroom::authenticate(Id site_id, std::string_view token) {
  auto denied = Status::error(Code::not_found, "chưa đăng nhập");
  if (token.empty() || token.size() > 100) return denied;
  auto s = store_.session(token_digest(token));
  if (!s || s->site_id != site_id) return denied;
  if (s->expires_at <= clock_.now()) {
    // Denied whether or not the row goes now: an expired session is never accepted, so a
    // row left behind is harmless (the next lookup tries again).
    static_cast<void>(store_.delete_session(s->token_digest));
    return denied;
  }
  auto u = store_.member_by_id(site_id, s->user_id);
  if (!u || u->disabled) return denied;
  auto role = parse_role(u->role);
  if (!role) return denied;
  Id home = u->site_id;
  u->site_id = site_id;  // acting on this site
  return SignedIn{*u, *role, *s, home};
}

Status Newsroom::sign_out(const SignedIn& who, std::string_view address) {
  if (auto st = store_.delete_session(who.session.token_digest); !st) return st;
  record(who.user.site_id, who.user.id, who.user.name, "sign_out", who.user.name, address);
  return Status::ok();
}

}  // namespace portico::newsroom
