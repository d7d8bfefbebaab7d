// The newsroom's rules: accounts, sign-in and sessions, the dashboard's lists, the audit log.
// Used by the admin pages and the command line; pure over Store and Clock.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "media/file_store.h"
#include "newsroom/accounts.h"
#include "newsroom/royalties.h"
#include "newsroom/throttle.h"
#include "store/store.h"

namespace portico::newsroom {

constexpr std::int64_t kSessionSeconds = 8 * 3600;
constexpr int kAccountFailures = 5;     // per account …
constexpr int kAddressFailures = 20;    // … and per address …
constexpr std::int64_t kThrottleWindow = 15 * 60;  // … in 15 minutes
// A sign-in name is logged and counted at most this long (no account's name is longer).
constexpr std::size_t kMaxSignInName = 64;
constexpr std::int64_t kPreviewSeconds = 24 * 3600;

// Who acts in the newsroom of a site: user.site_id is that site (the account's own, or one
// it holds a role on, or any for a platform administrator); role is its role there.
struct SignedIn {
  User user;
  Role role;
  Session session;
  Id home_site = 0;  // the account's own site
  // The permission matrix, and above it the platform administrator's: every action on
  // every site, and alone the sites themselves (manage_sites).
  bool may(Action a) const { return user.platform || can(role, a); }
};

struct SignInResult {
  // bad_code: the password was right, the one-time code was missing or wrong.
  // totp_required: the account's role must use two-factor sign-in and it has none yet.
  // unavailable: the database failed, which says nothing about the password.
  enum class Outcome { ok, bad_credentials, bad_code, totp_required, throttled, unavailable } outcome =
      Outcome::bad_credentials;
  std::int64_t retry_after = 0;  // seconds, when throttled
  std::string token;             // the cookie value, when ok
};

// What the editor form sends. id 0: a new draft.
struct ArticleDraft {
  Id id = 0;
  int version = 0;  // the version the form was loaded at
  Id category_id = 0;
  std::string title, lead, body_html, source, author;
  bool featured = false;
  std::optional<Id> cover_media_id;        // nullopt: keep the current one; 0: none
  std::optional<std::string> cover_caption;  // nullopt: keep
  std::optional<std::string> genre;          // nullopt: keep; must be a known genre code or empty
  std::optional<std::string> related;        // nullopt: keep; "12, 40": ids of existing articles
};

// Called after anything readers can see has changed (publish, take-down, edit of a
// published article, a scheduled time reached): the page cache listens.
using PublicChange = std::function<void(Id site_id)>;

// A step of the editorial workflow as a request asks for it.
struct WorkflowStep {
  enum class Kind { submit, publish, send_back, take_down, restore } kind;
  int version = 0;              // the version the user saw
  std::int64_t publish_at = 0;  // publish: 0 now, a later time schedules
  std::string reason;           // send_back, take_down
  int revision = 0;             // restore
};
// The step a URL names: the newsroom's Vietnamese ("gui-duyet", "xuat-ban", "tra-lai",
// "go-bai", "khoi-phuc") or, with `api`, the JSON API's English ("submit", "publish",
// "return", "take-down"; the API has no restore).
std::optional<WorkflowStep::Kind> workflow_step_named(std::string_view name, bool api);

struct Dashboard {
  std::vector<ArticleSummary> my_drafts, waiting, published, scheduled;
};

class Newsroom {
 public:
  // signing_key: 32 bytes kept in the data directory; signs preview links.
  // media_dir: where uploaded images' renditions are written.
  Newsroom(Store& store, const Clock& clock, std::string signing_key = random_key(), std::string media_dir = {});

  // Accounts. A password is generated when none is given; the one in force is returned
  // (shown once to whoever created it). Names: 3–64 of a-z 0-9 . _ -
  // platform: an administrator of every site (role must be admin).
  Result<std::string> add_user(Id site_id, std::string_view name, Role role, std::optional<std::string> password,
                               std::string_view actor, bool platform = false);
  // A role for an account of site_id on another site (`on`), or none (nullopt): it signs in
  // there under its name; its sessions there end.
  Status set_site_role(Id site_id, std::string_view name, Id on, std::optional<Role> role, std::string_view actor);
  // The sites an account may open the newsroom of, with its role on each, its own first
  // (a platform administrator: all of them, as administrator).
  std::vector<std::pair<Id, Role>> sites_of(const SignedIn& who);
  Result<std::string> set_password(Id site_id, std::string_view name, std::optional<std::string> password,
                                   std::string_view actor);
  Status disable_user(Id site_id, std::string_view name, std::string_view actor);
  // A new role takes effect at once: the account's sessions end.
  Status set_role(Id site_id, std::string_view name, Role role, std::string_view actor);

  // API bearer tokens for an account: the token is returned once; only its digest is kept.
  Result<std::string> create_token(Id site_id, std::string_view name, std::string_view actor);
  Result<int> revoke_tokens(Id site_id, std::string_view name, std::string_view actor);
  // The account behind "Authorization: Bearer <token>", if live and enabled.
  Result<SignedIn> authenticate_token(Id site_id, std::string_view token);

  // code: the six-digit one-time code, for accounts with two-factor sign-in.
  SignInResult sign_in(Id site_id, std::string_view name, std::string_view password, std::string_view address,
                       std::string_view code = {});
  // Two-factor sign-in (TOTP): enabling returns the otpauth:// URI to show once.
  Result<std::string> enable_totp(Id site_id, std::string_view name, std::string_view actor);
  Status disable_totp(Id site_id, std::string_view name, std::string_view actor);
  // Roles that must sign in with a one-time code ("admin,approver"; empty: none).
  Status require_totp(Id site_id, std::string_view roles, std::string_view actor);
  // The signed-in user of a session cookie, if the session is live and the account enabled.
  Result<SignedIn> authenticate(Id site_id, std::string_view token);
  Status sign_out(const SignedIn& who, std::string_view address);  // the session ends, or the error says why not

  Dashboard dashboard(const SignedIn& who, int per_list = 10);

  // The editorial workflow. Each checks the role (forbidden), the state (invalid) and the
  // version the user saw (conflict), records an audit entry, and returns the article.
  // Bodies are sanitised; nothing pasted can run script on a reader's page.
  Result<Article> save(const SignedIn& who, ArticleDraft d, std::string_view address);
  Result<Article> submit(const SignedIn& who, Id id, int version, std::string_view address);
  // at 0: now; a future time schedules the article.
  Result<Article> publish(const SignedIn& who, Id id, int version, std::int64_t at, std::string_view address);
  Result<Article> send_back(const SignedIn& who, Id id, int version, std::string comment, std::string_view address);
  Result<Article> take_down(const SignedIn& who, Id id, int version, std::string reason, std::string_view address);
  Result<Article> restore(const SignedIn& who, Id id, int version, int revision, std::string_view address);
  // The one dispatch of a workflow step, for the newsroom's forms and the JSON API alike.
  Result<Article> advance(const SignedIn& who, Id id, const WorkflowStep& step, std::string_view address);
  // An article as the newsroom sees it (any state), if the user may read it.
  Result<Article> article(const SignedIn& who, Id id);
  Result<std::vector<Revision>> revisions(const SignedIn& who, Id id) { return store_.revisions(who.user.site_id, id); }
  Result<std::vector<Category>> categories(Id site_id) { return store_.categories(site_id); }
  Result<std::vector<ArticleSummary>> list(const SignedIn& who, ArticleStatus st, int n) {
    return store_.newsroom_list({who.user.site_id, st, 0, -1, n});
  }
  // May this user edit this article's content now?
  static bool may_edit(const SignedIn& who, const Article& a);

  // Royalties. Genres start as default_genres() the first time a site asks.
  Result<std::vector<Genre>> genres(Id site_id);
  Result<std::int64_t> royalty_base(Id site_id) { return store_.royalty_base(site_id); }
  Result<RoyaltyReport> royalties(const SignedIn& who, std::string_view month);
  Status set_royalty_rates(const SignedIn& who, std::vector<Genre> genres, std::int64_t base, std::string_view address);

  // Uploads, by content (unsupported otherwise), with a required description: images
  // (JPEG, PNG, WebP) become metadata-free WebP renditions; documents (PDF, docx, xlsx,
  // pptx, odt, ods) are kept as they are, under a generated name.
  Result<Media> upload(const SignedIn& who, std::string_view bytes, std::string description, std::string_view address);
  Result<std::vector<Media>> recent_media(Id site_id, int n = 60) { return store_.recent_media(site_id, n); }

  // Categories and the menu (administrators). The slug, and so the URL, is made once from
  // the first name. A category cannot become its own ancestor. A linked entry (a path on
  // this site or an http(s) address) holds no articles: one that has articles keeps them
  // and cannot be linked.
  struct CategoryInput {
    std::string name;
    Id parent_id = 0;
    bool hidden = false;
    std::string link;
  };
  Result<Id> add_category(const SignedIn& who, CategoryInput in, std::string_view address);
  Status update_category(const SignedIn& who, Id id, CategoryInput in, std::string_view address);
  // Moves a category one place up (-1) or down (+1) among its siblings.
  Status move_category(const SignedIn& who, Id id, int direction, std::string_view address);

  // A link that shows an unpublished article to whoever has it, until it expires.
  Result<std::string> preview_link(const SignedIn& who, Id id, std::int64_t valid_for = kPreviewSeconds);
  // The article behind a preview link, if the signature holds and it has not expired.
  Result<Article> open_preview(Id site_id, std::string_view id, std::string_view expires, std::string_view signature);

  // Scheduled publishing: tells listeners when a scheduled time has come. Called once a
  // second by the scheduler thread.
  void tick();
  void on_public_change(PublicChange f) { on_change_ = std::move(f); }
  std::int64_t now() const { return clock_.now(); }
  Result<std::vector<AuditEntry>> audit(Id site_id, int limit, int offset) { return store_.audit(site_id, limit, offset); }
  void record(Id site_id, Id actor_id, std::string_view actor, std::string_view action, std::string_view target,
              std::string_view address, std::string_view detail = {});

 private:
  static Status check_name(std::string_view name);
  static Status check_password(std::string_view password);

  Result<Article> load(const SignedIn& who, Id id, Action needed);
  void changed(Id site_id) {
    if (on_change_) on_change_(site_id);
  }

  Store& store_;
  const Clock& clock_;
  PublicChange on_change_;
  std::int64_t scheduler_seen_ = 0;  // scheduled times up to this one have been announced
  Throttle by_account_;  // in the database: every node counts an account's failures
  Throttle by_address_;  // in memory: each node its own (N nodes: N times the budget)
  std::string dummy_hash_;  // verified against when the name is unknown, so timing says nothing
  std::string signing_key_;
  media::FileStore files_;  // the public media
};

}  // namespace portico::newsroom
