// Request helpers, target parsing and entity construction.
#include "http/message.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "http/compress.h"
#include "http/wire.h"
#include "http/http_date.h"
#include "text/ascii.h"
#include "text/unicode.h"

namespace portico::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

std::optional<std::string_view> Request::param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}

std::string Request::cookie(std::string_view name) const {
  std::string_view all = header("cookie");
  while (!all.empty()) {
    auto semi = all.find(';');
    std::string_view part = all.substr(0, semi);
    all = semi == std::string_view::npos ? std::string_view() : all.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return {};
}

std::string Request::host() const {
  std::string h(header("host"));
  if (!h.empty() && h.front() == '[') {  // IPv6 literal
    auto end = h.find(']');
    h = end == std::string::npos ? h : h.substr(0, end + 1);
  } else if (auto colon = h.find(':'); colon != std::string::npos) {
    h.resize(colon);
  }
  for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return h;
}

namespace {

using text::hex_digit;

// What a decoded control byte means: refused (paths), allowed only as a textarea's line
// breaks and tabs (form bodies), or read as a space (query strings: a search box's odd input
// still finds something, and no handler ever sees a control byte).
enum class Controls { refuse, line_breaks, as_space };

// Percent-decodes; rejects malformed escapes and invalid UTF-8; control bytes per `controls`.
bool decode(std::string_view in, bool plus_is_space, std::string& out, Controls controls) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int h = hex_digit(in[i + 1]), l = hex_digit(in[i + 2]);
      if (h < 0 || l < 0) return false;
      out += static_cast<char>(h * 16 + l);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  for (char& ch : out) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7f) continue;
    if (controls == Controls::as_space) ch = ' ';
    else if (controls == Controls::refuse || !(c == '\n' || c == '\r' || c == '\t')) return false;
  }
  return text::is_valid_utf8(out);
}

bool parse_pairs(std::string_view s, Fields& out, Controls controls) {
  while (!s.empty()) {
    auto amp = s.find('&');
    std::string_view pair = s.substr(0, amp);
    s = amp == std::string_view::npos ? std::string_view() : s.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string k, v;
    if (!decode(pair.substr(0, eq), true, k, controls)) return false;
    if (eq != std::string_view::npos && !decode(pair.substr(eq + 1), true, v, controls)) return false;
    out.emplace_back(text::to_nfc(k), text::to_nfc(v));
  }
  return true;
}

}  // namespace

bool parse_form(std::string_view s, Fields& out) { return parse_pairs(s, out, Controls::line_breaks); }

std::string form_value(const Fields& f, std::string_view name) {
  for (const auto& [k, v] : f)
    if (k == name) return v;
  return {};
}

std::string parse_target(std::string_view target, Request& out) {
  if (target.empty() || target.front() != '/') return "đường dẫn phải bắt đầu bằng /";
  auto q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  if (auto hash = raw_path.find('#'); hash != std::string_view::npos) raw_path = raw_path.substr(0, hash);
  if (!decode(raw_path, false, out.path, Controls::refuse)) return "đường dẫn có mã hoá không hợp lệ";
  if (out.path.find('\\') != std::string::npos) return "đường dẫn không hợp lệ";
  // Reject "." and ".." segments outright: nothing Portico serves has them.
  std::string_view p = out.path;
  std::size_t start = 0;
  while (start <= p.size()) {
    auto end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    auto seg = p.substr(start, end - start);
    if (seg == ".." || seg == ".") return "đường dẫn không hợp lệ";
    start = end + 1;
  }
  out.query.clear();
  if (q != std::string_view::npos && !parse_pairs(target.substr(q + 1), out.query, Controls::as_space))
    return "tham số truy vấn có mã hoá không hợp lệ";
  return {};
}

std::string attachment_disposition(std::string_view file_name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string ascii, encoded;
  // The fallback is folded (no diacritics, đ → d, lower case); anything unsafe becomes "_".
  for (unsigned char c : text::fold(file_name)) {
    bool safe = std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == ' ' || c == '(' || c == ')';
    ascii += safe && c < 0x80 ? static_cast<char>(c) : '_';
  }
  for (unsigned char c : std::string_view(file_name)) {
    if (std::isalnum(c) && c < 0x80) encoded += static_cast<char>(c);
    else if (c == '.' || c == '-' || c == '_' || c == '~') encoded += static_cast<char>(c);
    else encoded += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string_view> authority_of(std::string_view url) {
  auto p = url.find("://");
  if (p == std::string_view::npos) return std::nullopt;
  url.remove_prefix(p + 3);
  return url.substr(0, url.find_first_of("/?#"));
}

bool same_origin(const Request& r) {
  auto same_host = [host = r.header("host")](std::string_view url) {
    auto a = authority_of(url);
    return a && a->size() == host.size() && std::equal(a->begin(), a->end(), host.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  if (auto o = r.header("origin"); !o.empty()) return same_host(o);
  if (auto ref = r.header("referer"); !ref.empty()) return same_host(ref);
  auto site = r.header("sec-fetch-site");
  return site != "cross-site" && site != "same-site";
}

std::string same_site_path(std::string_view target) {
  if (target.size() > 2000 || target.empty() || target.front() != '/') return "/";
  for (char ch : target) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f || c == '\\') return "/";  // browsers drop tabs and read \ as /
  }
  Request parsed;
  if (!parse_target(target, parsed).empty() || parsed.path.rfind("//", 0) == 0) return "/";
  std::string out = url_encode(parsed.path);
  for (std::size_t i = 0; i < parsed.query.size(); ++i)
    out += (i ? '&' : '?') + url_encode(parsed.query[i].first) + '=' + url_encode(parsed.query[i].second);
  return out.size() > 2000 ? "/" : out;  // written out again it is read the same (the fuzzer checks)
}

namespace {
bool is_text(std::string_view type) {
  return type.rfind("text/", 0) == 0 || type.find("json") != std::string_view::npos ||
         type.find("javascript") != std::string_view::npos || type.find("xml") != std::string_view::npos ||
         type.find("svg") != std::string_view::npos;
}

// The validator of a body: a 64-bit hash read eight bytes at a time (libstdc++'s murmur),
// several times faster than a byte-wise FNV on a 34 KB page.
std::uint64_t body_hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
}  // namespace

std::shared_ptr<const Entity> make_entity(std::string content_type, std::string body, Compression c,
                                          std::int64_t last_modified, std::string cache_control) {
  auto e = std::make_shared<Entity>();
  e->content_type = std::move(content_type);
  e->identity = std::move(body);
  e->last_modified = last_modified;
  e->cache_control = std::move(cache_control);
  char tag[24];
  std::snprintf(tag, sizeof tag, "\"%016llx\"", static_cast<unsigned long long>(body_hash(e->identity)));
  e->etag = tag;
  if (c != Compression::none && e->identity.size() >= 512 && is_text(e->content_type)) e->compression = c;
  e->seal();
  return e;
}

std::shared_ptr<const Entity> with_cache_control(const Entity& e, std::string cache_control) {
  auto copy = std::make_shared<Entity>(e);
  copy->cache_control = std::move(cache_control);
  copy->seal();
  return copy;
}

std::shared_ptr<const Entity> with_compression(const Entity& e, Compression c) {
  auto copy = std::make_shared<Entity>(e);
  copy->compression = c;
  copy->codings_ = std::make_shared<Entity::Codings>();
  copy->seal();
  return copy;
}

void Entity::seal() {
  std::string last = last_modified > 0 ? "Last-Modified: " + format_http_date(last_modified) + "\r\n" : "";
  for (Coding c : {Coding::identity, Coding::gzip, Coding::br}) {
    std::string& h = fixed_head_[static_cast<int>(c)];
    h = "Content-Type: " + content_type + "\r\n";
    if (compressible()) h += "Vary: Accept-Encoding\r\n";
    if (c == Coding::gzip) h += "Content-Encoding: gzip\r\n";
    if (c == Coding::br) h += "Content-Encoding: br\r\n";
    h += "ETag: " + variant_etag(etag, c, compression) + "\r\n";
    h += last;
    h += "Cache-Control: " + (cache_control.empty() ? std::string("no-cache") : cache_control) + "\r\n";
  }
}

std::shared_ptr<const Entity> make_file_entity(std::string content_type, std::string path, std::uint64_t size,
                                               std::int64_t last_modified, std::string cache_control) {
  auto e = std::make_shared<Entity>();
  e->content_type = std::move(content_type);
  e->file = std::move(path);
  e->file_size = size;
  e->last_modified = last_modified;
  e->cache_control = std::move(cache_control);
  // Size and time name the file's version: nothing is read to make the validator.
  char tag[48];
  std::snprintf(tag, sizeof tag, "\"f%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(last_modified));
  e->etag = tag;
  e->seal();
  return e;
}

const std::string* Entity::coded(Coding c) const {
  if (c == Coding::identity || !compressible() || !file.empty()) return nullptr;
  Lazy& lazy = c == Coding::gzip ? codings_->gzip : codings_->br;
  std::call_once(lazy.once, [&] {
    // Levels by how often the body will be sent. On the 34 KB article page: brotli 0 takes
    // a third of brotli 2's time for 12 % more bytes, gzip 1 two thirds of gzip 4's for 14 %
    // more; a page drawn once (a crawler's) is sent once, so its time is what counts. A page
    // read again is drawn at most once a second and sent many times: the bytes count. Static
    // assets are made once at start-up with the best levels (quality 11 costs seconds on
    // large files, the editor's script, for a few per cent).
    int gzip = 1, brotli = 0;
    if (compression == Compression::reused) gzip = 4, brotli = 2;
    if (compression == Compression::best) gzip = 9, brotli = identity.size() < 64 * 1024 ? 11 : 9;
    std::string out = c == Coding::gzip ? gzip_compress(identity, gzip) : brotli_compress(identity, brotli);
    if (out.size() >= identity.size()) out.clear();
    out.shrink_to_fit();
    lazy.data = std::move(out);
    lazy.size.store(lazy.data.capacity(), std::memory_order_release);
  });
  return lazy.data.empty() ? nullptr : &lazy.data;
}

namespace {
std::atomic<std::size_t> body_files{0};  // open body_file()s, process-wide
}

std::size_t Entity::max_body_files() {
  // A sixteenth of the open-file limit, at most 512: connections and the database keep the
  // rest (Server::connections_for leaves an eighth for everything but connections).
  static const std::size_t n = [] {
    rlimit lim{};
    std::size_t files = ::getrlimit(RLIMIT_NOFILE, &lim) == 0 ? static_cast<std::size_t>(lim.rlim_cur) : 1024;
    return std::min<std::size_t>(512, files / 16);
  }();
  return n;
}

Entity::Codings::~Codings() {
  for (auto& f : files)
    if (int fd = f.load(); fd >= 0) {
      ::close(fd);
      body_files.fetch_sub(1, std::memory_order_relaxed);
    }
}

int Entity::body_file(Coding c, std::string_view bytes) const {
  if (bytes.size() < kFileMin) return -1;
  auto& slot = codings_->files[static_cast<int>(c)];
  int fd = slot.load(std::memory_order_acquire);
  if (fd != -1) return fd >= 0 ? fd : -1;
  // The first two sends copy: a page a crawler fetched once or twice is not worth a file.
  if (codings_->sends.fetch_add(1, std::memory_order_relaxed) < 2) return -1;
  if (body_files.fetch_add(1, std::memory_order_relaxed) >= max_body_files()) {
    body_files.fetch_sub(1, std::memory_order_relaxed);
    return -1;  // tried again later: files close as entries leave the cache
  }
  int made = ::memfd_create("portico-body", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  bool ok = made >= 0;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    ssize_t n = ::write(made, bytes.data() + done, bytes.size() - done);
    if (n <= 0) ok = false;
    else done += static_cast<std::size_t>(n);
  }
  // Sealed: nothing can change the bytes while the kernel still sends its pages.
  ok = ok && ::fcntl(made, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) == 0;
  if (!ok) {
    if (made >= 0) ::close(made);
    body_files.fetch_sub(1, std::memory_order_relaxed);
    int expected = -1;
    slot.compare_exchange_strong(expected, -2);  // memfd unavailable: memory it is
    return -1;
  }
  int expected = -1;
  if (!slot.compare_exchange_strong(expected, made, std::memory_order_acq_rel)) {  // another thread made it first
    ::close(made);
    body_files.fetch_sub(1, std::memory_order_relaxed);
    return expected >= 0 ? expected : -1;
  }
  return made;
}

std::size_t Entity::bytes() const {
  return sizeof(Entity) + identity.capacity() + etag.capacity() + content_type.capacity() + cache_control.capacity() +
         file.capacity() + fixed_head_[0].capacity() + fixed_head_[1].capacity() + fixed_head_[2].capacity() + codings_->gzip.size.load(std::memory_order_acquire) +
         codings_->br.size.load(std::memory_order_acquire);
}

std::string_view reason_phrase(int s) {
  switch (s) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

std::optional<ByteRange> parse_range(std::string_view h, std::size_t size, bool& unsatisfiable) {
  unsatisfiable = false;
  if (h.substr(0, 6) != "bytes=") return std::nullopt;
  h.remove_prefix(6);
  if (h.empty() || h.find(',') != std::string_view::npos) return std::nullopt;
  auto dash = h.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<std::size_t> {
    if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    std::size_t v = 0;
    for (char c : s) v = v * 10 + static_cast<std::size_t>(c - '0');
    return v;
  };
  std::string_view a = h.substr(0, dash), b = h.substr(dash + 1);
  if (a.empty()) {  // the last n bytes
    auto n = number(b);
    if (!n) return std::nullopt;
    if (*n == 0 || size == 0) {
      unsatisfiable = true;
      return std::nullopt;
    }
    return ByteRange{size - std::min(*n, size), size - 1};
  }
  auto first = number(a);
  if (!first) return std::nullopt;
  std::optional<std::size_t> last = b.empty() ? std::optional<std::size_t>(*first) : number(b);
  if (!last || *last < *first) return std::nullopt;
  if (*first >= size) {
    unsatisfiable = true;
    return std::nullopt;
  }
  if (b.empty()) last = size - 1;
  return ByteRange{*first, std::min(*last, size - 1)};
}

}  // namespace portico::http
