// Backups of an installation: its database (portico::backup_database), the public media,
// the private attachments and the signing key, under a manifest of checksums; their restore
// into an empty data directory and database, verified against that manifest; and the
// scheduled ones' pruning. docs/OPERATIONS.md is the operator's side.
//
// A backup is a directory <root>/portico-YYYYMMDD-HHMMSS[-label] (Hà Nội time), owner-only:
//   manifest.json    what follows, with each file's size and SHA-256 and each table's rows
//   database.sqlite  (or database.pgdump: PostgreSQL before an upgrade, for pg_restore)
//   files/media/…, files/private/…, files/secret.key
// It is written as .partial-… and renamed when whole: a directory by the final name is a
// complete backup.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace portico::app {

// Where an installation keeps its things: the data directory and the database URL.
struct Installation {
  std::string data_dir;
  std::string database;  // a URL (portico::open_store)
};

using Progress = std::function<void(const std::string&)>;

struct BackupSummary {
  std::string dir;
  std::string label;            // empty: a scheduled or an operator's backup
  std::int64_t created_at = 0;  // unix seconds
  std::string database_format;  // "sqlite" or "pg_dump"
  int schema_version = 0;
  std::vector<CopiedTable> tables;
  std::int64_t files = 0;
  std::uint64_t bytes = 0;  // every file, the database's too
};

// Makes a backup of `from` under `root` while it serves and takes writes; `label` ends the
// directory's name ("truoc-nang-cap-v22"). The database is copied first, then the files: an
// upload the copy refers to was written before its row.
Result<BackupSummary> make_backup(const Installation& from, const std::string& root, std::int64_t now,
                                  std::string_view label = {}, const Progress& progress = {});

// Before serve migrates a database that holds data to this build's schema: a backup of it
// as it is, labelled "truoc-nang-cap-v<its version>". Nothing (no backup, ok) when the
// database is new or already at this build's schema.
Result<std::optional<BackupSummary>> backup_before_upgrade(const Installation& at, const std::string& root, std::int64_t now);

// Reads a backup's manifest and checks every file of it against its size and SHA-256.
Result<BackupSummary> verify_backup(const std::string& dir);

// Restores the backup at `from` into `to`: the data directory must be empty or missing and
// the database hold no data. Checks the backup first, then each file as it lands, then the
// database's integrity and each table's rows and checksum against the manifest. A restore
// that fails leaves what it wrote for the operator to look at and says so.
Result<BackupSummary> restore_backup(const std::string& from, const Installation& to, const Progress& progress = {});

// The complete backups under root, oldest first.
std::vector<BackupSummary> list_backups(const std::string& root);
// Deletes the oldest complete backups past `keep` (those without a label: the ones made
// before an upgrade stay until an operator removes them) and unfinished ones over a day old.
void prune_backups(const std::string& root, int keep);

}  // namespace portico::app
