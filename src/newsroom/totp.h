// Time-based one-time passwords (RFC 6238 over RFC 4226, HMAC-SHA-1, 6 digits, 30 s), as
// authenticator apps use them, and the base32 secrets they are given.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portico::newsroom {

// HMAC-SHA-1 (SHA-1 itself is here only because RFC 6238 apps expect it).
std::string hmac_sha1(std::string_view key, std::string_view message);
// The code for a time step counter: RFC 4226 dynamic truncation, `digits` long.
std::string hotp(std::string_view key, std::uint64_t counter, int digits = 6);
std::string totp(std::string_view key, std::int64_t unix_seconds, int digits = 6);
// Accepts the code of the current step or one step either side (clock drift).
bool totp_matches(std::string_view key, std::string_view code, std::int64_t unix_seconds);

std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);
// otpauth://totp/Issuer:name?secret=…&issuer=… for QR codes and authenticator apps.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view key);

}  // namespace portico::newsroom
