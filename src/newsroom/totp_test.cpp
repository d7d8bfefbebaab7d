#include "newsroom/totp.h"

#include <gtest/gtest.h>

using namespace portico::newsroom;

// RFC 2202 test case 2 for HMAC-SHA-1.
TEST(Totp, HmacSha1MatchesRfc2202) {
  std::string mac = hmac_sha1("Jefe", "what do ya want for nothing?");
  std::string hex;
  for (unsigned char c : mac) {
    char b[3];
    std::snprintf(b, sizeof b, "%02x", c);
    hex += b;
  }
  EXPECT_EQ(hex, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

// RFC 4226 appendix D.
TEST(Totp, HotpMatchesRfc4226) {
  const char* expect[] = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(hotp("12345678901234567890", i), expect[i]) << i;
}

// RFC 6238 appendix B, SHA-1, 8 digits.
TEST(Totp, TotpMatchesRfc6238) {
  const std::pair<std::int64_t, const char*> vectors[] = {{59, "94287082"},         {1111111109, "07081804"},
                                                          {1111111111, "14050471"}, {1234567890, "89005924"},
                                                          {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (auto [t, code] : vectors) EXPECT_EQ(totp("12345678901234567890", t, 8), code) << t;
}

TEST(Totp, AcceptsOneStepOfDriftOnly) {
  std::string key = "12345678901234567890";
  std::int64_t now = 1111111111;
  EXPECT_TRUE(totp_matches(key, totp(key, now), now));
  EXPECT_TRUE(totp_matches(key, totp(key, now - 30), now));
  EXPECT_TRUE(totp_matches(key, totp(key, now + 30), now));
  EXPECT_FALSE(totp_matches(key, totp(key, now - 90), now));
  EXPECT_FALSE(totp_matches(key, "12345", now));
  EXPECT_FALSE(totp_matches(key, "abcdef", now));
}

TEST(Totp, Base32RoundTripsAndUri) {
  EXPECT_EQ(base32_encode("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), "12345678901234567890");
  EXPECT_EQ(base32_decode("gezdgnbv"), "12345");
  EXPECT_FALSE(base32_decode("GEZ1"));
  EXPECT_EQ(otpauth_uri("Cổng TTĐT", "quantri", "12345678901234567890").rfind("otpauth://totp/C%E1%BB%95ng%20TT%C4%90T:quantri?secret=GEZDGNBV", 0), 0u);
}
