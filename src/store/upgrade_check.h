// Test helper: what every upgrade test checks of a database filled at an earlier schema
// version (sqlite/migrations_test.cpp, pg/pg_test.cpp): schema_state sees its version and
// its data, and the store opens it (migrating it to the latest) and reads a site's content.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "store/store.h"

namespace portico::test_support {

// Tables a later migration folds into another, so gone after an upgrade: for each, two
// integers read from it before and the same two read from where its rows went after.
struct FoldedTable {
  const char* table;
  const char* before;
  const char* after;
};
inline constexpr FoldedTable kFoldedTables[] = {
    {"rating_totals", "SELECT COALESCE(SUM(points),0), COALESCE(SUM(count),0) FROM rating_totals",
     "SELECT COALESCE(SUM(rating_points),0), COALESCE(SUM(rating_count),0) FROM articles"},
};
inline const FoldedTable* folded(const std::string& table) {
  for (const auto& f : kFoldedTables)
    if (table == f.table) return &f;
  return nullptr;
}

inline void expect_upgrade(const std::string& url, int from, int latest) {
  auto state = schema_state(url);
  ASSERT_TRUE(state.is_ok()) << state.status().message();
  EXPECT_EQ(state->current, from);
  EXPECT_EQ(state->known, latest);
  EXPECT_TRUE(state->has_data);
  auto store = open_store({.url = url, .readers = 1});
  ASSERT_TRUE(store.is_ok()) << store.status().message();
  EXPECT_EQ((*store)->schema_version(), latest);
  EXPECT_TRUE((*store)->sites().is_ok());
  EXPECT_TRUE((*store)->categories(1).is_ok());
  EXPECT_TRUE((*store)->article_count(1).is_ok());
  EXPECT_TRUE((*store)->polls(1).is_ok());
  EXPECT_TRUE((*store)->links(1).is_ok());
}

}  // namespace portico::test_support
