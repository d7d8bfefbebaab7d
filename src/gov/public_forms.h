// The defences of the portal's public forms (Q&A, comments on drafts), with no third-party
// service: a field people never see (bots fill it), the form's issue time signed with the
// site key (a form sent within 3 seconds of being drawn, or after a day, or with a forged
// time is refused), and a budget of submissions per address and hour (429 past it).
#pragma once
#include <initializer_list>
#include <string>

#include "core/clock.h"
#include "core/rate_limit.h"
#include "core/status.h"

namespace portico::gov {

// The guard fields of a posted form.
struct FormGuard {
  std::string token;     // "thoi-diem": the signed time the form was drawn
  std::string honeypot;  // "website": empty from people
};

// invalid unless every field is valid UTF-8 (checked before plain_text cleans them).
Status check_utf8(std::initializer_list<std::string_view> fields);

// Text a citizen typed, as stored: NFC, control characters other than line breaks and tabs
// dropped, trimmed. Valid UTF-8 is the caller's check.
std::string plain_text(std::string_view s);
std::size_t char_count(std::string_view s);  // characters, not bytes
// A sender's name (2 to 100 characters) and contact (a phone number of 9 to 15 digits or an
// e-mail address); invalid with the reason.
Status check_sender(const std::string& name, const std::string& contact);

class PublicForms {
 public:
  static constexpr std::int64_t kMinFillSeconds = 3;
  static constexpr std::int64_t kMaxFormAge = 24 * 3600;

  // Tracking-code lookups an address may make in ten minutes: far more than a citizen
  // checking their own codes, far too few to guess one (32^8 codes).
  static constexpr int kLookupsPer10Minutes = 20;

  PublicForms(const Clock& clock, std::string signing_key, int per_address_per_hour)
      : clock_(clock),
        key_(std::move(signing_key)),
        budget_(clock, per_address_per_hour, 3600),
        lookups_(clock, kLookupsPer10Minutes, 600) {}

  // The hidden field of a freshly drawn form.
  std::string token() const;
  // forbidden: a forged, missing or day-old token; invalid: the hidden field filled, or sent
  // faster than a person reads. The message says what to do.
  Status check(const FormGuard& guard) const;
  // The per-address budgets, spent by the routes that declare them (content::Budget):
  // submissions of questions and comments per hour, and tracking-code look-ups.
  RateLimit& submissions() { return budget_; }
  RateLimit& lookups() { return lookups_; }

 private:
  const Clock& clock_;
  std::string key_;
  RateLimit budget_;
  RateLimit lookups_;
};

}  // namespace portico::gov
