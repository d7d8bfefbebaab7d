// Accounts, sessions, dashboard lists and audit records.
#include "newsroom/newsroom.h"

namespace portico::newsroom {

Newsroom::Newsroom(Store& store, const Clock& clock)
    : store_(store),
      clock_(clock),
      by_account_(clock, kAccountFailures, kThrottleWindow),
      by_address_(clock, kAddressFailures, kThrottleWindow) {}

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

void Newsroom::record(Id site_id, Id actor_id, std::string_view actor, std::string_view action, std::string_view target,
                      std::string_view address, std::string_view detail) {
  store_.append_audit({0, site_id, clock_.now(), actor_id, std::string(actor), std::string(action), std::string(target),
                       std::string(address), std::string(detail)});
}

Result<std::string> Newsroom::add_user(Id site_id, std::string_view name, Role role,
                                       std::optional<std::string> password, std::string_view actor) {
  if (auto st = check_name(name); !st) return st;
  std::string pw = password ? *password : generate_password();
  if (auto st = check_password(pw); !st) return st;
  User u;
  u.site_id = site_id;
  u.name = std::string(name);
  u.display_name = u.name;
  u.password_hash = hash_password(pw);
  u.role = role_name(role);
  u.created_at = clock_.now();
  auto id = store_.create_user(u);
  if (!id) {
    if (id.status().code() == Code::conflict) return Status::error(Code::conflict, "tên đăng nhập đã có");
    return id.status();
  }
  record(site_id, 0, actor, "user_add", u.name, "", std::string("role=") + u.role);
  return pw;
}

Result<std::string> Newsroom::set_password(Id site_id, std::string_view name, std::optional<std::string> password,
                                           std::string_view actor) {
  auto u = store_.user_by_name(site_id, name);
  if (!u) return u.status();
  std::string pw = password ? *password : generate_password();
  if (auto st = check_password(pw); !st) return st;
  u->password_hash = hash_password(pw);
  if (auto st = store_.update_user(*u); !st) return st;
  store_.delete_sessions_of(site_id, u->id);  // a new password signs every browser out
  record(site_id, 0, actor, "password_change", u->name, "");
  return pw;
}

Status Newsroom::disable_user(Id site_id, std::string_view name, std::string_view actor) {
  auto u = store_.user_by_name(site_id, name);
  if (!u) return u.status();
  u->disabled = true;
  if (auto st = store_.update_user(*u); !st) return st;
  store_.delete_sessions_of(site_id, u->id);
  record(site_id, 0, actor, "user_disable", u->name, "");
  return Status::ok();
}

SignInResult Newsroom::sign_in(Id site_id, std::string_view name, std::string_view password,
                               std::string_view address) {
  SignInResult r;
  std::string account_key = std::to_string(site_id) + ":" + std::string(name);
  std::string address_key(address);
  std::int64_t wait = std::max(by_account_.wait(account_key), by_address_.wait(address_key));
  if (wait > 0) {
    r.outcome = SignInResult::Outcome::throttled;
    r.retry_after = wait;  // not audited one by one: a flood must not flood the log
    return r;
  }
  auto u = check_name(name) ? store_.user_by_name(site_id, name) : Result<User>(Status::error(Code::not_found, ""));
  if (dummy_hash_.empty()) dummy_hash_ = hash_password(random_token());
  bool ok = verify_password(u ? u->password_hash : dummy_hash_, password) && u && !u->disabled;
  if (!ok) {
    by_account_.failure(account_key);
    by_address_.failure(address_key);
    record(site_id, u ? u->id : 0, name, "sign_in_failed", std::string(name), address,
           u && u->disabled ? "tài khoản bị khoá" : "");
    return r;
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
  if (!store_.create_session(s)) return SignInResult{};
  record(site_id, u->id, u->name, "sign_in", u->name, address);
  r.outcome = SignInResult::Outcome::ok;
  return r;
}

Result<SignedIn> Newsroom::authenticate(Id site_id, std::string_view token) {
  auto denied = Status::error(Code::not_found, "chưa đăng nhập");
  if (token.empty() || token.size() > 100) return denied;
  auto s = store_.session(token_digest(token));
  if (!s || s->site_id != site_id) return denied;
  if (s->expires_at <= clock_.now()) {
    store_.delete_session(s->token_digest);
    return denied;
  }
  auto u = store_.user(site_id, s->user_id);
  if (!u || u->disabled) return denied;
  auto role = parse_role(u->role);
  if (!role) return denied;
  return SignedIn{*u, *role, *s};
}

void Newsroom::sign_out(const SignedIn& who, std::string_view address) {
  store_.delete_session(who.session.token_digest);
  record(who.user.site_id, who.user.id, who.user.name, "sign_out", who.user.name, address);
}

Dashboard Newsroom::dashboard(const SignedIn& who, int n) {
  Id site = who.user.site_id;
  Dashboard d;
  d.my_drafts = store_.newsroom_list({site, ArticleStatus::draft, who.user.id, -1, n});
  d.waiting = store_.newsroom_list({site, ArticleStatus::pending, 0, -1, n});
  d.scheduled = store_.newsroom_list({site, ArticleStatus::published, 0, clock_.now(), n});
  d.published = store_.published({.site_id = site, .now = clock_.now(), .limit = n}).items;
  return d;
}

}  // namespace portico::newsroom
