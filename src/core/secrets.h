// Secrets through libsodium: random tokens and keys, digests, HMAC signatures, constant-time
// comparison. Used by the newsroom (sessions, API tokens, preview links), the public forms
// (signed issue times) and anything else that must not be guessed.
#pragma once
#include <string>
#include <string_view>

namespace portico {

// libsodium's one-time initialisation; throws when it fails. Every function here calls it.
void init_sodium();

// 32 random bytes, URL-safe base64 without padding (43 characters).
std::string random_token();
// What the store keeps of a token: BLAKE2b-256, hex. The token itself is never stored.
std::string token_digest(std::string_view token);
// Constant-time comparison of two secrets of any length.
bool same_secret(std::string_view a, std::string_view b);
// HMAC-SHA256 of message under a 32-byte key, hex; and its constant-time check.
std::string sign(std::string_view key, std::string_view message);
bool verify_signature(std::string_view key, std::string_view message, std::string_view signature_hex);
// 32 random bytes for signing keys.
std::string random_key();

// SHA-256 fed in pieces (a file as it is copied), hex at the end: the checksums of backups.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::string hex();  // once, when everything is in

 private:
  alignas(8) unsigned char state_[128];  // libsodium's crypto_hash_sha256_state
};

}  // namespace portico
