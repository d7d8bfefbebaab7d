// SHA-1, HMAC, HOTP/TOTP and base32.
#include "newsroom/totp.h"

#include <sodium.h>

#include <array>
#include <cstring>

#include "http/message.h"

namespace portico::newsroom {

namespace {
std::array<std::uint8_t, 20> sha1(std::string_view data) {
  std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::string m(data);
  std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  m += static_cast<char>(0x80);
  while (m.size() % 64 != 56) m += '\0';
  for (int i = 7; i >= 0; --i) m += static_cast<char>((bits >> (8 * i)) & 0xff);
  auto rol = [](std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
  for (std::size_t chunk = 0; chunk < m.size(); chunk += 64) {
    std::uint32_t w[80];
    for (int i = 0; i < 16; ++i)
      w[i] = static_cast<std::uint32_t>(static_cast<std::uint8_t>(m[chunk + 4 * i])) << 24 |
             static_cast<std::uint32_t>(static_cast<std::uint8_t>(m[chunk + 4 * i + 1])) << 16 |
             static_cast<std::uint32_t>(static_cast<std::uint8_t>(m[chunk + 4 * i + 2])) << 8 |
             static_cast<std::uint32_t>(static_cast<std::uint8_t>(m[chunk + 4 * i + 3]));
    for (int i = 16; i < 80; ++i) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
      std::uint32_t f, k;
      if (i < 20) f = (b & c) | (~b & d), k = 0x5A827999;
      else if (i < 40) f = b ^ c ^ d, k = 0x6ED9EBA1;
      else if (i < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
      else f = b ^ c ^ d, k = 0xCA62C1D6;
      std::uint32_t t = rol(a, 5) + f + e + k + w[i];
      e = d, d = c, c = rol(b, 30), b = a, a = t;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
  }
  std::array<std::uint8_t, 20> out{};
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * j));
  return out;
}
}  // namespace

std::string hmac_sha1(std::string_view key, std::string_view message) {
  std::string k(key);
  if (k.size() > 64) {
    auto d = sha1(k);
    k.assign(d.begin(), d.end());
  }
  k.resize(64, '\0');
  std::string inner(64, '\0'), outer(64, '\0');
  for (int i = 0; i < 64; ++i) {
    inner[i] = static_cast<char>(k[i] ^ 0x36);
    outer[i] = static_cast<char>(k[i] ^ 0x5c);
  }
  auto ih = sha1(inner + std::string(message));
  auto oh = sha1(outer + std::string(ih.begin(), ih.end()));
  return std::string(oh.begin(), oh.end());
}

std::string hotp(std::string_view key, std::uint64_t counter, int digits) {
  std::string msg(8, '\0');
  for (int i = 7; i >= 0; --i, counter >>= 8) msg[i] = static_cast<char>(counter & 0xff);
  std::string mac = hmac_sha1(key, msg);
  int offset = static_cast<std::uint8_t>(mac[19]) & 0x0f;
  std::uint32_t bin = (static_cast<std::uint32_t>(static_cast<std::uint8_t>(mac[offset])) & 0x7f) << 24 |
                      static_cast<std::uint32_t>(static_cast<std::uint8_t>(mac[offset + 1])) << 16 |
                      static_cast<std::uint32_t>(static_cast<std::uint8_t>(mac[offset + 2])) << 8 |
                      static_cast<std::uint32_t>(static_cast<std::uint8_t>(mac[offset + 3]));
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(bin % mod);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::string totp(std::string_view key, std::int64_t t, int digits) {
  return hotp(key, static_cast<std::uint64_t>(t / 30), digits);
}

bool totp_matches(std::string_view key, std::string_view code, std::int64_t t) {
  if (code.size() != 6) return false;
  bool ok = false;
  for (int d = -1; d <= 1; ++d) {  // constant work whatever matches
    std::string expect = totp(key, t + 30 * d);
    ok |= sodium_memcmp(expect.data(), code.data(), 6) == 0;
  }
  return ok;
}

namespace {
constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

std::string base32_encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == '=' || ch == ' ') continue;
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const char* p = std::strchr(kBase32, c);
    if (!p || c == '\0') return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(p - kBase32);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view key) {
  std::string label = http::url_encode(std::string(issuer)) + ":" + http::url_encode(std::string(account));
  return "otpauth://totp/" + label + "?secret=" + base32_encode(key) + "&issuer=" + http::url_encode(std::string(issuer)) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace portico::newsroom
