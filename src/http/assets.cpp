// Asset loading: read, hash, rewrite CSS references, compress once.
#include "http/assets.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace portico::http {

std::string content_type_for(const std::string& path) {
  static const std::map<std::string, std::string> types = {
      {".css", "text/css; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".jpg", "image/jpeg"},                {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},               {".gif", "image/gif"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}, {".json", "application/json"},
      {".html", "text/html; charset=utf-8"}, {".xml", "application/xml"},
      {".pdf", "application/pdf"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
      {".odt", "application/vnd.oasis.opendocument.text"},
      {".ods", "application/vnd.oasis.opendocument.spreadsheet"},
      {".mp4", "video/mp4"},                 {".webm", "video/webm"},
      {".vtt", "text/vtt; charset=utf-8"}};
  auto ext = std::filesystem::path(path).extension().string();
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

namespace {
std::string short_hash(const std::string& data) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%010llx", static_cast<unsigned long long>(h & 0xffffffffffull));
  return buf;
}

std::string hashed_name(const std::string& logical, const std::string& hash) {
  auto dot = logical.rfind('.');
  auto slash = logical.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return logical + "." + hash;
  return logical.substr(0, dot) + "." + hash + logical.substr(dot);
}
}  // namespace

Status Assets::load(const std::vector<std::string>& roots) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> files;  // logical → content
  for (const auto& root : roots) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); ++it) {
      if (!it->is_regular_file()) continue;
      std::string logical = fs::relative(it->path(), root).generic_string();
      if (files.count(logical)) continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      files[logical] = ss.str();
    }
  }
  if (files.empty()) return Status::error(Code::not_found, "không tìm thấy tệp tĩnh nào");
  // Non-CSS first, so CSS can point at their hashed names.
  for (int pass = 0; pass < 2; ++pass) {
    for (auto& [logical, content] : files) {
      bool css = logical.size() > 4 && logical.compare(logical.size() - 4, 4, ".css") == 0;
      if (css != (pass == 1)) continue;
      if (css) {
        for (const auto& [other, item] : by_logical_) {
          std::string from = "/static/" + other, to = "/static/" + item.hashed;
          for (std::size_t p = 0; (p = content.find(from, p)) != std::string::npos; p += to.size()) {
            // Only whole references: the next character ends the URL.
            char next = p + from.size() < content.size() ? content[p + from.size()] : ')';
            if (next != ')' && next != '"' && next != '\'') { p += 1; continue; }
            content.replace(p, from.size(), to);
          }
        }
      }
      std::string type = content_type_for(logical);
      Item item;
      item.hashed = hashed_name(logical, short_hash(content));
      item.immutable = make_entity(type, content, Compression::best, 0, "public, max-age=31536000, immutable");
      item.immutable->precompress();
      item.revalidated = with_cache_control(*item.immutable, "public, max-age=300");
      by_hashed_[item.hashed] = item.immutable;
      by_logical_[logical] = std::move(item);
    }
  }
  return Status::ok();
}

std::string Assets::url(const std::string& logical) const {
  auto it = by_logical_.find(logical);
  return "/static/" + (it == by_logical_.end() ? logical : it->second.hashed);
}

std::shared_ptr<const Entity> Assets::find(const std::string& path) const {
  if (auto it = by_hashed_.find(path); it != by_hashed_.end()) return it->second;
  if (auto it = by_logical_.find(path); it != by_logical_.end()) return it->second.revalidated;
  return nullptr;
}

Response media_file(const std::string& dir, std::string_view file) {
  if (file.empty() || file.size() > 200 || file.front() == '.' ||
      file.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != std::string_view::npos)
    return {};
  std::filesystem::path p = std::filesystem::path(dir) / std::string(file);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return {};
  auto size = std::filesystem::file_size(p, ec);
  if (ec) return {};
  auto mtime = std::filesystem::last_write_time(p, ec);
  std::int64_t lm = 0;
  if (!ec)
    lm = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::file_clock::to_sys(mtime).time_since_epoch())
             .count();
  std::string type = content_type_for(p.string());
  Response res = Response::with(200, make_file_entity(type, p.string(), size, lm, "public, max-age=86400"));
  // PDFs, images, video and captions are shown in place.
  if (type.rfind("image/", 0) != 0 && type.rfind("video/", 0) != 0 && type.rfind("text/vtt", 0) != 0 &&
      type != "application/pdf")
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + std::string(file) + "\"");
  return res;
}

}  // namespace portico::http
