// Roles, the permission matrix, and libsodium-backed secrets.
#include "newsroom/accounts.h"

#include <sodium.h>

#include <stdexcept>

namespace portico::newsroom {

namespace {
void init_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium could not be initialised");
}
}  // namespace

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

std::string random_token() {
  init_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string token_digest(std::string_view token) {
  init_sodium();
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sign(std::string_view key, std::string_view message) {
  init_sodium();
  if (key.size() != crypto_auth_hmacsha256_KEYBYTES) return {};
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         reinterpret_cast<const unsigned char*>(key.data()));
  char hex[2 * crypto_auth_hmacsha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

bool verify_signature(std::string_view key, std::string_view message, std::string_view signature_hex) {
  init_sodium();
  if (key.size() != crypto_auth_hmacsha256_KEYBYTES || signature_hex.size() != 2 * crypto_auth_hmacsha256_BYTES)
    return false;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  std::size_t len = 0;
  if (sodium_hex2bin(mac, sizeof mac, signature_hex.data(), signature_hex.size(), nullptr, &len, nullptr) != 0 ||
      len != sizeof mac)
    return false;
  return crypto_auth_hmacsha256_verify(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       reinterpret_cast<const unsigned char*>(key.data())) == 0;
}

std::string random_key() {
  init_sodium();
  std::string k(crypto_auth_hmacsha256_KEYBYTES, '\0');
  randombytes_buf(k.data(), k.size());
  return k;
}

std::string generate_password() {
  init_sodium();
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

}  // namespace portico::newsroom
