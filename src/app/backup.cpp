// Backups: see backup.h.
#include "app/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/secrets.h"
#include "render/vn_time.h"

namespace portico::app {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr const char* kManifest = "manifest.json";
constexpr const char* kPrefix = "portico-";
constexpr const char* kPartial = ".partial-";
// What of the data directory a backup holds, besides the database.
constexpr const char* kTrees[] = {"media", "private"};
constexpr const char* kKey = "secret.key";

struct FileSum {
  std::uint64_t bytes = 0;
  std::string sha256;
};

Status io_error(const std::string& what, int err = errno) { return Status::error(Code::io, what + ": " + std::strerror(err)); }

// Reads `from` once: its size and SHA-256, and when `to` is named a copy of it there,
// written to a new file and fsync'd.
Result<FileSum> read_file(const fs::path& from, const fs::path* to = nullptr) {
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return io_error("không mở được " + from.string());
  int out = -1;
  if (to) {
    out = ::open(to->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
      ::close(in);
      return io_error("không tạo được " + to->string());
    }
  }
  Sha256 hash;
  FileSum sum;
  Status st = Status::ok();
  static thread_local std::string buf(1 << 20, '\0');
  for (;;) {
    ssize_t n = ::read(in, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      st = io_error("không đọc được " + from.string());
      break;
    }
    if (n == 0) break;
    hash.update({buf.data(), static_cast<std::size_t>(n)});
    sum.bytes += static_cast<std::uint64_t>(n);
    for (ssize_t off = 0; out >= 0 && off < n;) {
      ssize_t w = ::write(out, buf.data() + off, static_cast<std::size_t>(n - off));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        st = io_error("không ghi được " + to->string());
        break;
      }
      off += w;
    }
    if (!st) break;
  }
  ::close(in);
  if (out >= 0) {
    if (st && ::fsync(out) != 0) st = io_error("không ghi được " + to->string());
    ::close(out);
  }
  if (!st) return st;
  sum.sha256 = hash.hex();
  return sum;
}

void sync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// "20261130-081500": Hà Nội time, for a directory's name.
std::string stamp(std::int64_t now) {
  std::time_t t = static_cast<std::time_t>(now + render::kVietnamOffset);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

Status write_text(const fs::path& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("không tạo được " + path.string());
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  return ok ? Status::ok() : io_error("không ghi được " + path.string(), err);
}

json::array tables_json(const std::vector<CopiedTable>& tables) {
  json::array out;
  for (const auto& t : tables) out.push_back(json::object{{"name", t.name}, {"rows", t.rows}, {"checksum", t.checksum}});
  return out;
}

// A manifest read back; the files as it lists them (the database's first).
struct Manifest {
  BackupSummary summary;
  std::vector<std::pair<std::string, FileSum>> files;  // paths relative to the backup
};

Result<Manifest> read_manifest(const fs::path& dir) {
  std::ifstream in(dir / kManifest, std::ios::binary);
  if (!in) return Status::error(Code::not_found, dir.string() + " không phải một bản sao lưu (không có " + kManifest + ")");
  std::stringstream text;
  text << in.rdbuf();
  auto bad = [&](const std::string& why) {
    return Status::error(Code::invalid, "tệp " + (dir / kManifest).string() + " không đúng: " + why);
  };
  try {
    json::value v = json::parse(text.str());
    const auto& o = v.as_object();
    if (o.at("format").as_string() != "portico-backup" || o.at("format_version").as_int64() != 1)
      return bad("không phải bản sao lưu Portico dạng 1");
    Manifest m;
    m.summary.dir = dir.string();
    m.summary.label = std::string(o.at("label").as_string());
    m.summary.created_at = o.at("created_unix").as_int64();
    const auto& db = o.at("database").as_object();
    m.summary.database_format = std::string(db.at("format").as_string());
    m.summary.schema_version = static_cast<int>(db.at("schema_version").as_int64());
    auto file_of = [](const json::object& f) {
      return FileSum{static_cast<std::uint64_t>(f.at("bytes").as_int64()), std::string(f.at("sha256").as_string())};
    };
    m.files.emplace_back(std::string(db.at("file").as_string()), file_of(db));
    for (const auto& t : o.at("tables").as_array()) {
      const auto& x = t.as_object();
      m.summary.tables.push_back({std::string(x.at("name").as_string()), x.at("rows").as_int64(),
                                  std::string(x.at("checksum").as_string())});
    }
    for (const auto& f : o.at("files").as_array()) {
      const auto& x = f.as_object();
      std::string path(x.at("path").as_string());
      // Only below files/, never out of the backup or the data directory it is restored into.
      if (!path.starts_with("files/") || path.find("..") != std::string::npos) return bad("đường dẫn tệp " + path);
      m.files.emplace_back(path, file_of(x));
    }
    for (const auto& [path, sum] : m.files) {
      m.summary.bytes += sum.bytes;
      ++m.summary.files;
    }
    return m;
  } catch (const std::exception& e) {
    return bad(e.what());
  }
}

// Every table of `got` as the manifest lists it: the same rows and checksums.
Status same_tables(const std::vector<CopiedTable>& want, const std::vector<CopiedTable>& got) {
  for (const auto& w : want) {
    auto g = std::find_if(got.begin(), got.end(), [&](const CopiedTable& t) { return t.name == w.name; });
    if (g == got.end()) return Status::error(Code::io, "sau khi phục hồi thiếu bảng " + w.name);
    if (g->rows != w.rows || g->checksum != w.checksum)
      return Status::error(Code::io, "bảng " + w.name + " sau khi phục hồi có " + std::to_string(g->rows) + " dòng (" +
                                         g->checksum + "), bản sao lưu ghi " + std::to_string(w.rows) + " dòng (" +
                                         w.checksum + ")");
  }
  return Status::ok();
}

}  // namespace

Result<BackupSummary> make_backup(const Installation& from, const std::string& root_dir, std::int64_t now,
                                  std::string_view label, const Progress& progress) {
  fs::path root(root_dir);
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return Status::error(Code::io, "không tạo được thư mục sao lưu " + root.string() + ": " + ec.message());
  const std::string first = kPrefix + stamp(now) + (label.empty() ? "" : "-" + std::string(label));
  std::string name = first;
  for (int n = 2; fs::exists(root / name, ec) || fs::exists(root / (kPartial + name), ec); ++n)
    name = first + "-" + std::to_string(n);
  fs::path work = root / (kPartial + name);
  if (!fs::create_directory(work, ec) || ec)
    return Status::error(Code::io, "không tạo được " + work.string() + ": " + ec.message());
  fs::permissions(work, fs::perms::owner_all, ec);  // the signing key and personal data are in it
  // A backup that fails part-way leaves nothing that could pass for one.
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code e;
      if (!dir.empty()) fs::remove_all(dir, e);
    }
  } cleanup{work};

  auto db = backup_database(from.database, work.string(), progress);
  if (!db) return db.status();
  auto db_sum = read_file(db->file);
  if (!db_sum) return db_sum.status();

  // The files, after the database: every file its rows name was written before them.
  json::array files;
  std::int64_t count = 1;
  std::uint64_t bytes = db_sum->bytes;
  auto add = [&](const fs::path& source, const fs::path& relative) -> Status {
    fs::path target = work / "files" / relative;
    std::error_code e;
    fs::create_directories(target.parent_path(), e);
    if (e) return Status::error(Code::io, "không tạo được " + target.parent_path().string() + ": " + e.message());
    auto sum = read_file(source, &target);
    if (!sum) return sum.status();
    files.push_back(json::object{{"path", ("files" / relative).string()}, {"bytes", sum->bytes}, {"sha256", sum->sha256}});
    ++count;
    bytes += sum->bytes;
    return Status::ok();
  };
  for (const char* tree : kTrees) {
    fs::path dir = fs::path(from.data_dir) / tree;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string leaf = it->path().filename().string();
      if (leaf.starts_with(".")) {  // an upload being written (FileStore's temporary files)
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) found.push_back(it->path());
    }
    if (ec) return Status::error(Code::io, "không đọc được " + dir.string() + ": " + ec.message());
    std::sort(found.begin(), found.end());
    for (const auto& f : found) {
      // A file removed since the listing (a deleted upload) is no longer the installation's.
      if (!fs::exists(f, ec)) continue;
      if (auto st = add(f, fs::path(tree) / fs::relative(f, dir)); !st) return st;
    }
  }
  if (fs::path key = fs::path(from.data_dir) / kKey; fs::exists(key, ec))
    if (auto st = add(key, kKey); !st) return st;
  if (progress) progress("chép " + std::to_string(count - 1) + " tệp");

  json::object manifest{
      {"format", "portico-backup"},
      {"format_version", 1},
      {"portico", PORTICO_VERSION},
      {"label", std::string(label)},
      {"created_at", render::format_iso(now)},
      {"created_unix", now},
      {"source", names_server(from.database) ? "postgresql" : "sqlite"},
      {"database", json::object{{"file", fs::path(db->file).filename().string()},
                                {"format", db->format},
                                {"schema_version", db->schema_version},
                                {"bytes", db_sum->bytes},
                                {"sha256", db_sum->sha256}}},
      {"tables", tables_json(db->tables)},
      {"files", std::move(files)},
  };
  if (auto st = write_text(work / kManifest, json::serialize(manifest) + "\n"); !st) return st;
  sync_dir(work);
  fs::path done = root / name;
  fs::rename(work, done, ec);
  if (ec) return Status::error(Code::io, "không đổi tên " + work.string() + ": " + ec.message());
  cleanup.dir.clear();
  sync_dir(root);
  BackupSummary out;
  out.dir = done.string();
  out.label = std::string(label);
  out.created_at = now;
  out.database_format = db->format;
  out.schema_version = db->schema_version;
  out.tables = std::move(db->tables);
  out.files = count;
  out.bytes = bytes;
  return out;
}

Result<std::optional<BackupSummary>> backup_before_upgrade(const Installation& at, const std::string& root,
                                                          std::int64_t now) {
  auto state = schema_state(at.database);
  if (!state) return state.status();
  if (!state->has_data || state->current >= state->known) return std::optional<BackupSummary>();
  auto made = make_backup(at, root, now, "truoc-nang-cap-v" + std::to_string(state->current));
  if (!made) return made.status();
  return std::optional<BackupSummary>(std::move(*made));
}

Result<BackupSummary> verify_backup(const std::string& dir_name) {
  fs::path dir(dir_name);
  auto m = read_manifest(dir);
  if (!m) return m.status();
  for (const auto& [path, want] : m->files) {
    auto got = read_file(dir / path);
    if (!got) return got.status();
    if (got->bytes != want.bytes || got->sha256 != want.sha256)
      return Status::error(Code::io, "tệp " + path + " của bản sao lưu đã khác (" + std::to_string(got->bytes) +
                                         " byte, SHA-256 " + got->sha256.substr(0, 12) + "…; bản kê ghi " +
                                         std::to_string(want.bytes) + " byte, " + want.sha256.substr(0, 12) + "…)");
  }
  return m->summary;
}

Result<BackupSummary> restore_backup(const std::string& from_dir, const Installation& to, const Progress& progress) {
  fs::path from(from_dir), data(to.data_dir);
  auto m = read_manifest(from);
  if (!m) return m.status();
  if (m->summary.database_format != "sqlite")
    return Status::error(Code::invalid, "bản sao lưu này là pg_dump của PostgreSQL trước khi nâng cấp: phục hồi bằng "
                                        "pg_restore (docs/OPERATIONS.md), rồi chép thư mục files/ vào thư mục dữ liệu");
  if (auto v = verify_backup(from_dir); !v) return v.status();
  if (progress) progress("kiểm tra " + std::to_string(m->summary.files) + " tệp của bản sao lưu theo bản kê");
  // The target: an empty data directory and a database without data.
  std::error_code ec;
  if (fs::exists(data, ec) && !fs::is_empty(data, ec))
    return Status::error(Code::conflict, "thư mục dữ liệu " + data.string() + " không trống: chỉ phục hồi vào thư mục trống");
  const std::string target_file = sqlite_file(to.database);
  const bool into_sqlite = !target_file.empty();
  if (into_sqlite && fs::exists(target_file, ec))
    return Status::error(Code::conflict, "tệp cơ sở dữ liệu " + target_file + " đã có: chỉ phục hồi vào chỗ trống");
  if (!into_sqlite) {
    auto state = schema_state(to.database);
    if (!state) return state.status();
    if (state->has_data)
      return Status::error(Code::conflict, "cơ sở dữ liệu " + redacted_url(to.database) + " đã có dữ liệu: chỉ phục hồi vào chỗ trống");
  }
  fs::create_directories(data, ec);
  if (ec) return Status::error(Code::io, "không tạo được " + data.string() + ": " + ec.message());

  // The database: the file as it was saved, checked byte for byte, then by its own
  // integrity check and each table against the manifest; into PostgreSQL through copy_database.
  const auto& [db_name, db_want] = m->files.front();
  fs::path db_file = into_sqlite ? fs::path(target_file) : data / ".phuc-hoi.sqlite";
  fs::create_directories(db_file.parent_path(), ec);
  auto db_got = read_file(from / db_name, &db_file);
  if (!db_got) return db_got.status();
  if (db_got->sha256 != db_want.sha256) return Status::error(Code::io, "tệp cơ sở dữ liệu chép ra khác bản sao lưu");
  auto tables = check_database("sqlite:" + db_file.string());
  if (!tables) return tables.status();
  if (auto st = same_tables(m->summary.tables, *tables); !st) return st;
  if (progress) progress("cơ sở dữ liệu: toàn vẹn, " + std::to_string(tables->size()) + " bảng đúng số dòng và tổng kiểm tra");
  if (!into_sqlite) {
    auto copied = copy_database("sqlite:" + db_file.string(), to.database, progress);
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_file.string() + suffix, ec);
    if (!copied) return copied.status();
  }

  for (std::size_t i = 1; i < m->files.size(); ++i) {
    const auto& [path, want] = m->files[i];
    fs::path target = data / fs::path(path).lexically_relative("files");
    fs::create_directories(target.parent_path(), ec);
    auto got = read_file(from / path, &target);
    if (!got) return got.status();
    if (got->sha256 != want.sha256) return Status::error(Code::io, "tệp " + target.string() + " chép ra khác bản sao lưu");
  }
  fs::permissions(data / kKey, fs::perms::owner_read | fs::perms::owner_write, ec);
  sync_dir(data);
  if (progress) progress("chép " + std::to_string(m->files.size() - 1) + " tệp vào " + data.string());
  return m->summary;
}

std::vector<BackupSummary> list_backups(const std::string& root) {
  std::vector<BackupSummary> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    if (!e.path().filename().string().starts_with(kPrefix)) continue;
    if (auto m = read_manifest(e.path())) out.push_back(m->summary);
  }
  std::sort(out.begin(), out.end(), [](const BackupSummary& a, const BackupSummary& b) {
    return a.created_at != b.created_at ? a.created_at < b.created_at : a.dir < b.dir;
  });
  return out;
}

void prune_backups(const std::string& root, int keep) {
  std::error_code ec;
  std::vector<BackupSummary> scheduled;
  for (auto& b : list_backups(root))
    if (b.label.empty()) scheduled.push_back(std::move(b));
  for (std::size_t i = 0; keep >= 0 && i + static_cast<std::size_t>(keep) < scheduled.size(); ++i)
    fs::remove_all(scheduled[i].dir, ec);
  // What a crash or a full disk left half-made.
  for (const auto& e : fs::directory_iterator(root, ec)) {
    if (!e.path().filename().string().starts_with(kPartial)) continue;
    auto age = fs::file_time_type::clock::now() - fs::last_write_time(e.path(), ec);
    if (!ec && age > std::chrono::hours(24)) fs::remove_all(e.path(), ec);
  }
}

}  // namespace portico::app
