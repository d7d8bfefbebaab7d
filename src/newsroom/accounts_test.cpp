#include "newsroom/accounts.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "newsroom/throttle.h"

using namespace portico;
using namespace portico::newsroom;

// The permission matrix, cell by cell: one row per role, one column per action.
TEST(Permissions, MatrixCellByCell) {
  const Action actions[] = {Action::view_newsroom,   Action::write_article,    Action::submit_article,
                            Action::publish_article, Action::return_article,   Action::take_down_article,
                            Action::manage_categories, Action::manage_users,   Action::view_audit,
                            Action::view_royalties,  Action::manage_royalties, Action::manage_widgets,
                            Action::manage_documents, Action::handle_questions};
  struct Row {
    Role role;
    bool allowed[14];
  };
  const Row rows[] = {
      //                 view  write submit publish return takedown categories users audit royalties coefficients widgets documents questions
      {Role::admin,    {true, true, true, true, true, true, true, true, true, true, true, true, true, true}},
      {Role::approver, {true, true, true, true, true, true, false, false, false, true, false, false, true, true}},
      {Role::editor,   {true, true, true, false, false, false, false, false, false, false, false, false, true, true}},
      {Role::reviewer, {true, false, false, false, false, false, false, false, false, false, false, false, false, false}},
  };
  for (const auto& row : rows)
    for (int i = 0; i < 14; ++i)
      EXPECT_EQ(can(row.role, actions[i]), row.allowed[i]) << role_name(row.role) << " action " << i;
}

TEST(Roles, NamesRoundTrip) {
  for (Role r : {Role::admin, Role::approver, Role::editor, Role::reviewer}) EXPECT_EQ(parse_role(role_name(r)), r);
  EXPECT_FALSE(parse_role("root"));
  EXPECT_STREQ(role_label(Role::editor), "Biên tập viên");
}

TEST(Passwords, Argon2idHashesVerifyAndAreSalted) {
  std::string h = hash_password("mật khẩu dài đủ");
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(h, "mật khẩu dài đủ"));
  EXPECT_FALSE(verify_password(h, "mật khẩu dài đủ!"));
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("garbage", "x"));
  EXPECT_NE(hash_password("mật khẩu dài đủ"), h);
}

TEST(Tokens, RandomDigestAndCompare) {
  std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(token_digest(a).size(), 64u);
  EXPECT_EQ(token_digest(a), token_digest(a));
  EXPECT_NE(token_digest(a), token_digest(b));
  EXPECT_TRUE(same_secret(a, a));
  EXPECT_FALSE(same_secret(a, b));
  EXPECT_FALSE(same_secret("", ""));
  EXPECT_FALSE(same_secret("abc", "abcd"));
  EXPECT_EQ(generate_password().size(), 20u);
}

TEST(Throttle, LocksAfterTheLimitAndReleasesWithTheWindow) {
  FixedClock clock(1000);
  Throttle t(clock, 3, 60);
  EXPECT_EQ(t.wait("a"), 0);
  t.failure("a");
  clock.set(1010);
  t.failure("a");
  EXPECT_EQ(t.wait("a"), 0);
  clock.set(1020);
  t.failure("a");
  EXPECT_EQ(t.wait("a"), 40);  // the first failure leaves the window at 1060
  EXPECT_EQ(t.wait("b"), 0);
  clock.set(1060);
  EXPECT_EQ(t.wait("a"), 0);
  t.success("a");
  EXPECT_EQ(t.wait("a"), 0);
}
