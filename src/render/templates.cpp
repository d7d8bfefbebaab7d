// Template loading and rendering on kainjow::mustache.
#include "render/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace portico::render {

Status Templates::load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::error(Code::not_found, "không tìm thấy thư mục giao diện " + dir);
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string name = entry.path().stem().string();
    auto t = std::make_unique<kainjow::mustache::mustache>(ss.str());
    if (!t->is_valid())
      return Status::error(Code::invalid, "mẫu " + entry.path().string() + " lỗi: " + t->error_message());
    sources_[name] = ss.str();
    templates_[name] = std::move(t);
  }
  if (templates_.empty()) return Status::error(Code::not_found, "thư mục giao diện không có mẫu nào: " + dir);
  return Status::ok();
}

std::string Templates::render(const std::string& name, Data data) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::runtime_error("unknown template " + name);
  // kainjow looks partials up in the data.
  for (const auto& [pname, src] : sources_) {
    if (pname.empty() || pname[0] != '_') continue;
    const std::string* source = &src;
    data.set(pname, Data(kainjow::mustache::partial([source] { return *source; })));
  }
  std::lock_guard lock(render_mu_);
  std::string out = it->second->render(data);
  if (!it->second->error_message().empty()) throw std::runtime_error("template " + name + ": " + it->second->error_message());
  return out;
}

}  // namespace portico::render
