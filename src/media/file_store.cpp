#include "media/file_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>

#include "core/secrets.h"

namespace portico::media {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTempMark = ".tmp-";

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string FileStore::path(std::string_view name) const { return (fs::path(dir_) / std::string(name)).string(); }

std::string FileStore::new_name(std::string_view prefix) {
  std::string token = random_token().substr(0, 16);
  std::replace(token.begin(), token.end(), '_', '-');
  return std::string(prefix) + "-" + token;
}

Status FileStore::put(const std::string& name, std::string_view bytes) const {
  auto failed = [&] { return Status::error(Code::io, "không ghi được tệp " + name); };
  if (name.empty() || name.front() == '.' || name.find('/') != std::string::npos) return failed();
  std::error_code ec;
  fs::create_directories(dir_, ec);
  std::string temp = path("." + name + std::string(kTempMark) + random_token().substr(0, 8));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return failed();
  bool ok = write_all(fd, bytes) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(temp.c_str(), path(name).c_str()) != 0) {
    ::unlink(temp.c_str());
    return failed();
  }
  sync_dir(dir_);
  return Status::ok();
}

void FileStore::remove(std::string_view name) const {
  if (name.empty() || name.front() == '.' || name.find('/') != std::string_view::npos) return;
  std::error_code ec;
  fs::remove(path(name), ec);
}

void FileStore::sweep(std::int64_t age_seconds) const {
  std::error_code ec;
  auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.front() != '.' || name.find(kTempMark) == std::string::npos) continue;
    std::error_code e;
    auto t = it->last_write_time(e);
    if (!e && now - t > std::chrono::seconds(age_seconds)) fs::remove(it->path(), e);
  }
}

Upload::~Upload() {
  for (const auto& name : written_) files_.remove(name);
}

Result<std::string> Upload::write(std::string_view prefix, std::string_view ext, std::string_view bytes) {
  std::string name = FileStore::new_name(prefix) + "." + std::string(ext);
  if (auto st = put(name, bytes); !st) return st;
  return name;
}

Status Upload::put(const std::string& name, std::string_view bytes) {
  if (auto st = files_.put(name, bytes); !st) return st;
  written_.push_back(name);
  return Status::ok();
}

}  // namespace portico::media
