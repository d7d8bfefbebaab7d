// The newsroom's rules: accounts, sign-in and sessions, the dashboard's lists, the audit log.
// Used by the admin pages and the command line; pure over Store and Clock.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "newsroom/accounts.h"
#include "newsroom/throttle.h"
#include "store/store.h"

namespace portico::newsroom {

constexpr std::int64_t kSessionSeconds = 8 * 3600;
constexpr int kAccountFailures = 5;     // per account …
constexpr int kAddressFailures = 20;    // … and per address …
constexpr std::int64_t kThrottleWindow = 15 * 60;  // … in 15 minutes

struct SignedIn {
  User user;
  Role role;
  Session session;
};

struct SignInResult {
  enum class Outcome { ok, bad_credentials, throttled } outcome = Outcome::bad_credentials;
  std::int64_t retry_after = 0;  // seconds, when throttled
  std::string token;             // the cookie value, when ok
};

struct Dashboard {
  std::vector<ArticleSummary> my_drafts, waiting, published, scheduled;
};

class Newsroom {
 public:
  Newsroom(Store& store, const Clock& clock);

  // Accounts. A password is generated when none is given; the one in force is returned
  // (shown once to whoever created it). Names: 3–64 of a-z 0-9 . _ -
  Result<std::string> add_user(Id site_id, std::string_view name, Role role, std::optional<std::string> password,
                               std::string_view actor);
  Result<std::string> set_password(Id site_id, std::string_view name, std::optional<std::string> password,
                                   std::string_view actor);
  Status disable_user(Id site_id, std::string_view name, std::string_view actor);

  SignInResult sign_in(Id site_id, std::string_view name, std::string_view password, std::string_view address);
  // The signed-in user of a session cookie, if the session is live and the account enabled.
  Result<SignedIn> authenticate(Id site_id, std::string_view token);
  void sign_out(const SignedIn& who, std::string_view address);

  Dashboard dashboard(const SignedIn& who, int per_list = 10);
  std::vector<AuditEntry> audit(Id site_id, int limit, int offset) { return store_.audit(site_id, limit, offset); }
  void record(Id site_id, Id actor_id, std::string_view actor, std::string_view action, std::string_view target,
              std::string_view address, std::string_view detail = {});

 private:
  static Status check_name(std::string_view name);
  static Status check_password(std::string_view password);

  Store& store_;
  const Clock& clock_;
  Throttle by_account_;
  Throttle by_address_;
  std::string dummy_hash_;  // verified against when the name is unknown, so timing says nothing
};

}  // namespace portico::newsroom
