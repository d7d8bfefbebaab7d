// Where uploaded files live: one directory per area (the public media, the private Q&A
// attachments), names generated here, every write atomic. It is the only code that writes
// an upload, and what several nodes will share on one mount.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace portico::media {

class FileStore {
 public:
  explicit FileStore(std::string dir) : dir_(std::move(dir)) {}

  const std::string& dir() const { return dir_; }
  std::string path(std::string_view name) const;

  // "anh-3fK9x2Qa7bZcLm0T": the prefix, a dash and 16 random URL-safe characters ('-' for
  // '_'), so a name says what it is and cannot be guessed.
  static std::string new_name(std::string_view prefix);

  // Writes `bytes` under `name` atomically: a temporary file in the same directory (its name
  // starts with '.', which /media never serves), fsync, rename over `name`, fsync of the
  // directory. A reader sees the old file or the whole new one, never a part; after a crash
  // the file is there whole or not at all. io with a Vietnamese reason.
  Status put(const std::string& name, std::string_view bytes) const;
  // Removes a file; a missing one is not an error.
  void remove(std::string_view name) const;
  // Temporary files older than `age_seconds` that a crash left behind.
  void sweep(std::int64_t age_seconds = 3600) const;

 private:
  std::string dir_;
};

// The files one request writes: removed again when the request does not reach keep(), so a
// refusal or a failed database write after the upload leaves no stray file behind.
class Upload {
 public:
  explicit Upload(const FileStore& files) : files_(files) {}
  Upload(const Upload&) = delete;
  Upload& operator=(const Upload&) = delete;
  ~Upload();

  // A new name "<prefix>-<random>.<ext>" with the bytes in it; the name or io.
  Result<std::string> write(std::string_view prefix, std::string_view ext, std::string_view bytes);
  // Under a name the caller chose (made with FileStore::new_name).
  Status put(const std::string& name, std::string_view bytes);
  // Everything written so far stays.
  void keep() { written_.clear(); }

 private:
  const FileStore& files_;
  std::vector<std::string> written_;
};

}  // namespace portico::media
