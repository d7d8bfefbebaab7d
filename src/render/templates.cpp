// Template loading, compiling and rendering. The compiled form is a tree of nodes; a
// render walks it once, appending to one string.
#include "render/templates.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace portico::render {

namespace {

struct Node {
  enum class Kind : std::uint8_t { text, newline, variable, raw, section, inverted, partial };
  Kind kind = Kind::text;
  std::string text;               // text and newline: the bytes; partial: its name
  std::vector<std::string> path;  // a name split at dots; empty for {{.}}
  std::vector<Node> children;     // section and inverted
  const Templates::Compiled* partial = nullptr;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_name(std::string_view name) {
  std::vector<std::string> parts;
  if (name == ".") return parts;
  std::size_t pos = 0;
  for (;;) {
    auto dot = name.find('.', pos);
    parts.emplace_back(name.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos));
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return parts;
}

void append_escaped(std::string& out, const std::string& s) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* rep;
    switch (s[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&apos;"; break;
      default: continue;
    }
    out.append(s, start, i - start);
    out.append(rep);
    start = i + 1;
  }
  out.append(s, start, std::string::npos);
}

}  // namespace

struct Templates::Compiled {
  std::vector<Node> nodes;
  std::size_t source_size = 0;
  // The largest output drawn so far (up to kMaxReserve): the next one reserves that much at
  // once instead of growing (and copying) its string several times.
  mutable std::atomic<std::size_t> largest{0};
  static constexpr std::size_t kMaxReserve = 128 * 1024;  // a rare long page does not make every page hold as much
};

namespace {

// Parses mustache source into nodes. Returns an empty string or the error.
std::string compile(std::string_view in, std::vector<Node>& root) {
  std::vector<std::vector<Node>*> open{&root};
  std::vector<std::string> open_names;
  std::string text;
  auto flush = [&] {
    if (text.empty()) return;
    Node n;
    n.text = std::move(text);
    open.back()->push_back(std::move(n));
    text.clear();
  };
  std::size_t i = 0;
  while (i < in.size()) {
    if (in.compare(i, 2, "{{") != 0) {
      if (in[i] == '\n' || in[i] == '\r') {
        flush();
        Node n;
        n.kind = Node::Kind::newline;
        std::size_t len = in[i] == '\r' && i + 1 < in.size() && in[i + 1] == '\n' ? 2 : 1;
        n.text = std::string(in.substr(i, len));
        open.back()->push_back(std::move(n));
        i += len;
      } else {
        text += in[i++];
      }
      continue;
    }
    flush();
    bool triple = i + 2 < in.size() && in[i + 2] == '{';
    std::size_t content = i + (triple ? 3 : 2);
    std::size_t end = in.find(triple ? "}}}" : "}}", content);
    if (end == std::string_view::npos) return "Unclosed tag at " + std::to_string(i);
    std::string_view tag = trim(in.substr(content, end - content));
    std::size_t tag_at = i;
    i = end + (triple ? 3 : 2);
    Node n;
    if (triple) {
      n.kind = Node::Kind::raw;
      n.path = split_name(tag);
      open.back()->push_back(std::move(n));
      continue;
    }
    char sigil = tag.empty() ? '\0' : tag.front();
    std::string_view name = trim(tag.empty() ? tag : tag.substr(1));
    switch (sigil) {
      case '!': continue;
      case '=': return "set-delimiter tags are not supported (at " + std::to_string(tag_at) + ")";
      case '&':
        n.kind = Node::Kind::raw;
        n.path = split_name(name);
        open.back()->push_back(std::move(n));
        continue;
      case '>':
        n.kind = Node::Kind::partial;
        n.text = std::string(name);
        open.back()->push_back(std::move(n));
        continue;
      case '#':
      case '^':
        n.kind = sigil == '#' ? Node::Kind::section : Node::Kind::inverted;
        n.path = split_name(name);
        open.back()->push_back(std::move(n));
        open.push_back(&open.back()->back().children);
        open_names.emplace_back(name);
        continue;
      case '/':
        if (open_names.empty()) return "Unopened section \"" + std::string(name) + "\" at " + std::to_string(tag_at);
        if (open_names.back() != name)
          return "Unclosed section \"" + open_names.back() + "\" (closed by \"" + std::string(name) + "\")";
        open.pop_back();
        open_names.pop_back();
        continue;
      default:
        n.kind = Node::Kind::variable;
        n.path = split_name(tag);
        open.back()->push_back(std::move(n));
        continue;
    }
  }
  flush();
  if (!open_names.empty()) return "Unclosed section \"" + open_names.back() + "\"";
  return {};
}

// One render: the context stack and the state of the line being written.
class Renderer {
 public:
  explicit Renderer(std::string& out) : out_(out) {}

  void run(const std::vector<Node>& nodes, const Data& data) {
    stack_.push_back(&data);
    walk(nodes);
    if (line_has_section_ && blank_line()) out_.resize(line_start_);
  }

 private:
  static constexpr int kMaxPartialDepth = 64;

  const Data* lookup(const Node& n) const {
    if (n.path.empty()) return stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const Data* v = *it;
      for (const auto& part : n.path) {
        v = v->get(part);
        if (!v) break;
      }
      if (v) return v;
    }
    return nullptr;
  }

  bool blank_line() const {
    for (std::size_t i = line_start_; i < out_.size(); ++i)
      if (out_[i] != ' ' && out_[i] != '\t') return false;
    return true;
  }

  void walk(const std::vector<Node>& nodes) {
    for (const Node& n : nodes) {
      switch (n.kind) {
        case Node::Kind::text: out_ += n.text; break;
        case Node::Kind::newline:
          // A line that held only section tags (of a drawn section) and blanks is dropped.
          if (line_has_section_ && blank_line()) out_.resize(line_start_);
          else out_ += n.text;
          line_start_ = out_.size();
          line_has_section_ = false;
          break;
        case Node::Kind::variable:
        case Node::Kind::raw:
          if (const Data* v = lookup(n); v && v->is_string()) {
            if (n.kind == Node::Kind::raw) out_ += v->string_value();
            else append_escaped(out_, v->string_value());
          }
          break;
        case Node::Kind::section:
          if (const Data* v = lookup(n); v && !v->is_false() && !v->is_empty_list()) section(n, v);
          break;
        case Node::Kind::inverted:
          if (const Data* v = lookup(n); !v || v->is_false() || v->is_empty_list()) section(n, nullptr);
          break;
        case Node::Kind::partial:
          if (n.partial && depth_ < kMaxPartialDepth) {
            ++depth_;
            walk(n.partial->nodes);
            --depth_;
          }
          break;
      }
    }
  }

  void section(const Node& n, const Data* v) {
    if (v && v->is_non_empty_list()) {
      for (const Data& item : v->list_value()) {
        line_has_section_ = true;
        stack_.push_back(&item);
        walk(n.children);
        stack_.pop_back();
        line_has_section_ = true;
      }
      return;
    }
    line_has_section_ = true;
    if (v) stack_.push_back(v);
    walk(n.children);
    if (v) stack_.pop_back();
    line_has_section_ = true;
  }

  std::string& out_;
  std::vector<const Data*> stack_;
  std::size_t line_start_ = 0;
  bool line_has_section_ = false;
  int depth_ = 0;
};

void link_nodes(std::vector<Node>& nodes, const std::map<std::string, std::unique_ptr<Templates::Compiled>>& all) {
  for (Node& n : nodes) {
    if (n.kind == Node::Kind::partial) {
      auto it = all.find(n.text);
      n.partial = it == all.end() ? nullptr : it->second.get();  // an unknown partial draws nothing
    }
    link_nodes(n.children, all);
  }
}

}  // namespace

Templates::Templates() = default;
Templates::~Templates() = default;
Templates::Templates(Templates&&) noexcept = default;
Templates& Templates::operator=(Templates&&) noexcept = default;

Status Templates::add(const std::string& name, const std::string& source) {
  auto t = std::make_unique<Compiled>();
  t->source_size = source.size();
  if (auto why = compile(source, t->nodes); !why.empty())
    return Status::error(Code::invalid, "mẫu " + name + " lỗi: " + why);
  templates_[name] = std::move(t);
  return link();
}

Status Templates::link() {
  for (auto& [name, t] : templates_) link_nodes(t->nodes, templates_);
  return Status::ok();
}

Status Templates::load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::error(Code::not_found, "không tìm thấy thư mục giao diện " + dir);
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto t = std::make_unique<Compiled>();
    t->source_size = ss.str().size();
    if (auto why = compile(ss.str(), t->nodes); !why.empty())
      return Status::error(Code::invalid, "mẫu " + entry.path().string() + " lỗi: " + why);
    templates_[entry.path().stem().string()] = std::move(t);
  }
  if (templates_.empty()) return Status::error(Code::not_found, "thư mục giao diện không có mẫu nào: " + dir);
  return link();
}

std::string Templates::render(const std::string& name, const Data& data) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::runtime_error("unknown template " + name);
  std::string out;
  const Compiled& t = *it->second;
  out.reserve(std::max(t.source_size * 2 + 1024, t.largest.load(std::memory_order_relaxed)));
  Renderer(out).run(t.nodes, data);
  if (out.size() > t.largest.load(std::memory_order_relaxed))
    t.largest.store(std::min(out.size(), Compiled::kMaxReserve), std::memory_order_relaxed);
  return out;
}

}  // namespace portico::render
