#include "app/log_files.h"

#include <gtest/gtest.h>
#include <spdlog/logger.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

using namespace portico;
namespace fs = std::filesystem;

namespace {

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST(DailyFileSink, RollsOverAtMidnightInHanoiAndByteSize) {
  fs::path dir = fs::temp_directory_path() / ("portico-log-" + std::to_string(::getpid()) + "-a");
  fs::remove_all(dir);
  // 2026-12-01 16:59:59 UTC is 23:59:59 in Hà Nội.
  FixedClock clock(1796144399);
  auto sink = std::make_shared<app::DailyFileSink>(dir, "access", clock, 100, 90);
  spdlog::logger log("t", sink);
  log.set_pattern("%v");
  log.info("first");
  EXPECT_EQ(sink->current().filename(), "access-2026-12-01.log");
  clock.set(1796144400);  // 00:00:00 on 2 December in Hà Nội
  log.info("second");
  log.flush();
  EXPECT_EQ(sink->current().filename(), "access-2026-12-02.log");
  EXPECT_EQ(read(dir / "access-2026-12-01.log"), "first\n");
  EXPECT_EQ(read(dir / "access.log"), "second\n");  // the link follows the file written now
  // Past 100 bytes a day's file is followed by .1, .2, …; no line is split between files.
  std::string line(60, 'x');
  for (int i = 0; i < 4; ++i) log.info(line);
  log.flush();
  EXPECT_EQ(read(dir / "access-2026-12-02.log"), "second\n" + line + "\n" + line + "\n");
  EXPECT_EQ(read(dir / "access-2026-12-02.1.log"), line + "\n" + line + "\n");
  // A restart goes on with the day's newest file, or the next one when that is full.
  EXPECT_EQ(app::DailyFileSink(dir, "access", clock, 1000, 90).current().filename(), "access-2026-12-02.1.log");
  EXPECT_EQ(app::DailyFileSink(dir, "access", clock, 100, 90).current().filename(), "access-2026-12-02.2.log");
  fs::remove_all(dir);
}

TEST(DailyFileSink, DeletesFilesPastTheRetention) {
  fs::path dir = fs::temp_directory_path() / ("portico-log-" + std::to_string(::getpid()) + "-b");
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* name : {"access-2026-09-02.log", "access-2026-09-03.log", "access-2026-09-03.4.log",
                           "access-2026-09-04.log", "error-2026-01-01.log", "notes.txt", "access-bad.log"})
    std::ofstream(dir / name) << "old\n";
  FixedClock clock(1796144400);  // 2 December 2026 in Hà Nội; 90 days kept: 4 September on
  auto sink = std::make_shared<app::DailyFileSink>(dir, "access", clock, 0, 90);
  std::set<std::string> want = {"access-2026-09-04.log", "access-2026-12-02.log", "access.log",
                                "error-2026-01-01.log", "notes.txt", "access-bad.log"};
  EXPECT_EQ(files_in(dir), want);
  // The next day, 4 September goes too; other logs and other files are not touched.
  spdlog::logger log("t", sink);
  clock.set(1796144400 + 86400);
  log.info("x");
  want.erase("access-2026-09-04.log");
  want.insert("access-2026-12-03.log");
  EXPECT_EQ(files_in(dir), want);
  fs::remove_all(dir);
}

TEST(DailyFileSink, KeepsAllFilesTogetherUnderTheirTotal) {
  fs::path dir = fs::temp_directory_path() / ("portico-log-" + std::to_string(::getpid()) + "-c");
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "access-2026-12-01.log") << std::string(100, 'y') << "\n";  // yesterday's goes first
  FixedClock clock(1796144400);
  auto sink = std::make_shared<app::DailyFileSink>(dir, "access", clock, 100, 90, 350);
  spdlog::logger log("t", sink);
  log.set_pattern("%v");
  std::string line(60, 'x');
  for (int i = 0; i < 40; ++i) log.info(line);  // 2,440 bytes written in all
  log.flush();
  std::uint64_t total = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && !e.is_symlink()) total += e.file_size();
  EXPECT_LE(total, 350u + 122u);  // within the total, but for the file being written
  EXPECT_FALSE(fs::exists(dir / "access-2026-12-01.log"));
  EXPECT_TRUE(fs::exists(sink->current()));
  EXPECT_FALSE(fs::exists(dir / "access-2026-12-02.log"));  // today's oldest went too
  fs::remove_all(dir);
}
