// Newsroom roles and what each may do, and password hashing. Tokens and signatures are
// core/secrets.h.
// The permission matrix lives here and nowhere else.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/secrets.h"

namespace portico::newsroom {

enum class Role { admin, approver, editor, reviewer };

// Stored names ("admin") and Vietnamese labels ("Quản trị").
const char* role_name(Role r);
const char* role_label(Role r);
std::optional<Role> parse_role(std::string_view name);

enum class Action {
  view_newsroom,      // open /quan-tri and read drafts, queues, reports
  write_article,      // create and edit one's own drafts
  submit_article,     // send a draft for approval
  publish_article,    // publish or schedule
  return_article,     // send a submission back with a comment
  take_down_article,  // remove a published article (410)
  manage_categories,
  manage_users,
  view_audit,
  view_royalties,     // the monthly royalty report
  manage_royalties,   // genre coefficients and the base amount
  manage_widgets,     // the sidebar: polls, videos, links, places, widget order
  manage_documents,   // the legal-document register and the datasets: add, edit, attach, import, delete
  handle_questions,   // Q&A: read senders' personal data, assign, answer, publish, reject
  manage_sites,       // the site's sub-portals: add, change, disable (platform administrators only)
};

bool can(Role r, Action a);
// "manage_widgets": the name the route table prints.
const char* action_name(Action a);

// argon2id through libsodium's crypto_pwhash_str (interactive limits: about 64 MiB and
// a few tens of milliseconds a hash). Returns an empty string if hashing failed.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// A readable generated password: 20 characters from an unambiguous alphabet.
std::string generate_password();

constexpr std::size_t kMinPasswordLength = 10;

}  // namespace portico::newsroom
