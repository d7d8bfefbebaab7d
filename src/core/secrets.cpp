#include "core/secrets.h"

#include <sodium.h>

#include <stdexcept>

namespace portico {

void init_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium could not be initialised");
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

static_assert(sizeof(crypto_hash_sha256_state) <= 128);

Sha256::Sha256() {
  init_sodium();
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

void Sha256::update(std::string_view bytes) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_),
                            reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string Sha256::hex() {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), h);
  char out[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(out, sizeof out, h, sizeof h);
  return out;
}

}  // namespace portico
