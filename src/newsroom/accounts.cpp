// Roles, the permission matrix, and password hashing.
#include "newsroom/accounts.h"

#include <sodium.h>


namespace portico::newsroom {

const char* role_name(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::approver: return "approver";
    case Role::editor: return "editor";
    case Role::reviewer: return "reviewer";
  }
  return "reviewer";
}

const char* role_label(Role r) {
  switch (r) {
    case Role::admin: return "Quản trị";
    case Role::approver: return "Duyệt bài";
    case Role::editor: return "Biên tập viên";
    case Role::reviewer: return "Xem (chỉ đọc)";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : {Role::admin, Role::approver, Role::editor, Role::reviewer})
    if (name == role_name(r)) return r;
  return std::nullopt;
}

const char* action_name(Action a) {
  switch (a) {
    case Action::view_newsroom: return "view_newsroom";
    case Action::write_article: return "write_article";
    case Action::submit_article: return "submit_article";
    case Action::publish_article: return "publish_article";
    case Action::return_article: return "return_article";
    case Action::take_down_article: return "take_down_article";
    case Action::manage_categories: return "manage_categories";
    case Action::manage_users: return "manage_users";
    case Action::view_audit: return "view_audit";
    case Action::view_royalties: return "view_royalties";
    case Action::manage_royalties: return "manage_royalties";
    case Action::manage_widgets: return "manage_widgets";
    case Action::manage_sites: return "manage_sites";
    case Action::manage_documents: return "manage_documents";
    case Action::handle_questions: return "handle_questions";
  }
  return "?";
}

bool can(Role r, Action a) {
  switch (a) {
    case Action::view_newsroom:
      return true;
    case Action::write_article:
    case Action::submit_article:
    case Action::manage_documents:
    case Action::handle_questions:
      return r == Role::admin || r == Role::approver || r == Role::editor;
    case Action::publish_article:
    case Action::return_article:
    case Action::take_down_article:
      return r == Role::admin || r == Role::approver;
    case Action::view_royalties:
      return r == Role::admin || r == Role::approver;
    case Action::manage_categories:
    case Action::manage_users:
    case Action::view_audit:
    case Action::manage_royalties:
    case Action::manage_widgets:
      return r == Role::admin;
    case Action::manage_sites:  // the platform administrator's alone (SignedIn::may)
      return false;
  }
  return false;
}

std::string hash_password(std::string_view password) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return {};
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  init_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string generate_password() {
  init_sodium();
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

}  // namespace portico::newsroom
