#include "app/node_link.h"

#include <gtest/gtest.h>

using portico::app::NodeLink;
using Change = NodeLink::Change;

TEST(NodeLink, ChangesTravelAsTextAndANodeIgnoresItsOwn) {
  std::vector<Change> changes{{Change::pages, 3, ""}, {Change::pages, 12, "/bai-viet/hai-may-chu"}, {Change::sites, 0, ""},
                              {Change::everything, 0, ""}};
  auto messages = NodeLink::encode("nut-a", changes);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "portico nut-a\np 3\np 12 /bai-viet/hai-may-chu\ns\ne\n");
  EXPECT_EQ(NodeLink::decode("nut-b", messages[0]), changes);
  EXPECT_TRUE(NodeLink::decode("nut-a", messages[0]).empty()) << "its own";
  // Whatever else is on the channel changes nothing.
  for (std::string bad : {"", "xin chào", "portico\np 1", "portico nut-c\np 0\np -1\np 1x\np 2 bai-viet\nq 3\n"})
    EXPECT_TRUE(NodeLink::decode("nut-b", bad).empty()) << bad;
}

TEST(NodeLink, ABurstIsSplitIntoMessagesTheChannelTakes) {
  std::vector<Change> changes;
  for (int i = 0; i < 2000; ++i) changes.push_back({Change::pages, 1, "/bai-viet/bai-so-" + std::to_string(i)});
  changes.push_back({Change::pages, 1, "/" + std::string(portico::Channel::kMaxMessage, 'x')});  // too long: the whole site
  auto messages = NodeLink::encode("nut-a", changes);
  EXPECT_GT(messages.size(), 1u);
  std::vector<Change> back;
  for (const auto& m : messages) {
    EXPECT_LE(m.size(), portico::Channel::kMaxMessage);
    for (auto& c : NodeLink::decode("nut-b", m)) back.push_back(c);
  }
  changes.back().path.clear();
  EXPECT_EQ(back, changes);
}

TEST(NodeLink, AloneItSendsNothingAndLeadsEveryJob) {
  NodeLink alone(nullptr);
  EXPECT_TRUE(alone.alone());
  EXPECT_TRUE(alone.leads());
  alone.changed(1, "/");  // nowhere to go, nothing kept
}
