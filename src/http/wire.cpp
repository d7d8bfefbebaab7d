// What the server reads from a request's head and writes in its answer's, without Beast.
#include "http/wire.h"

#include <algorithm>
#include <chrono>

#include "http/http_date.h"

namespace portico::http {

Coding choose_coding(std::string_view accept, const Entity& e) {
  if (!e.compressible() || accept.empty()) return Coding::identity;
  auto offers = [&](std::string_view name) {
    std::size_t pos = 0;
    while ((pos = accept.find(name, pos)) != std::string_view::npos) {
      bool start_ok = pos == 0 || accept[pos - 1] == ' ' || accept[pos - 1] == ',';
      std::size_t end = pos + name.size();
      bool end_ok = end == accept.size() || accept[end] == ',' || accept[end] == ';' || accept[end] == ' ';
      if (start_ok && end_ok) {
        auto comma = accept.find(',', end);
        auto params = accept.substr(end, comma == std::string_view::npos ? std::string_view::npos : comma - end);
        auto q = params.find("q=");
        if (q == std::string_view::npos) return true;
        auto val = params.substr(q + 2);
        return !(val.rfind("0", 0) == 0 && val.find_first_of("123456789") == std::string_view::npos);
      }
      pos = end;
    }
    return false;
  };
  if (offers("br") && e.coded(Coding::br)) return Coding::br;
  if (offers("gzip") && e.coded(Coding::gzip)) return Coding::gzip;
  return Coding::identity;
}

std::string variant_etag(const std::string& etag, Coding c, Compression level) {
  if (etag.size() < 2 || c == Coding::identity) return etag;
  std::string tag = etag.substr(0, etag.size() - 1) + (c == Coding::br ? "-br" : "-gz");
  if (level == Compression::reused) tag += 'r';
  return tag + '"';
}

bool etag_matches(std::string_view inm, const std::string& etag) {
  if (inm == "*") return true;
  std::string_view base(etag);
  base = base.substr(0, base.size() - 1);  // without the closing quote
  std::size_t pos = 0;
  while (pos < inm.size()) {
    auto comma = inm.find(',', pos);
    auto tag = inm.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    if (tag.rfind(base, 0) == 0) {
      auto rest = tag.substr(base.size());
      if (rest == "\"" || rest == "-br\"" || rest == "-gz\"" || rest == "-brr\"" || rest == "-gzr\"") return true;
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return false;
}

Request head_from_bytes(std::string_view raw, const std::string& remote) {
  Request r;
  r.remote = remote;
  raw = raw.substr(0, std::min<std::size_t>(raw.find("\r\n"), 4096));
  auto sp = raw.find(' ');
  if (sp == std::string_view::npos) return r;
  std::string_view target = raw.substr(sp + 1);
  target = target.substr(0, target.find(' '));
  r.method = target.empty() ? Method::other : Method::get;
  r.target = std::string(target.substr(0, 2048));
  r.path = std::string(target.substr(0, std::min<std::size_t>(target.find('?'), 2048)));
  return r;
}

int framing_problem(const Request& req, bool chunked) {
  bool any = false;
  std::size_t codings = 0;
  for (const auto& [k, v] : req.headers) {
    if (k != "transfer-encoding") continue;
    any = true;
    std::string_view list = v;
    while (!list.empty()) {
      auto comma = list.find(',');
      std::string_view item = list.substr(0, comma);
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
      if (!item.empty()) ++codings;
    }
  }
  if (!any) return 0;
  if (!chunked) return 400;
  return codings == 1 ? 0 : 501;
}

namespace {

// The Date header changes once a second; each thread keeps its own copy.
const std::string& http_date_now() {
  thread_local std::int64_t last = -1;
  thread_local std::string text;
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (now != last) {
    last = now;
    text = format_http_date(now);
  }
  return text;
}

}  // namespace

HeadLines::HeadLines(std::string_view content_security_policy, long long idle_timeout_s)
    : policy("Content-Security-Policy: " + std::string(content_security_policy) + "\r\n"),
      security("X-Content-Type-Options: nosniff\r\n"
               "Referrer-Policy: strict-origin-when-cross-origin\r\n"
               "X-Frame-Options: SAMEORIGIN\r\n"),
      keep_alive("Keep-Alive: timeout=" + std::to_string(std::max<long long>(1, idle_timeout_s)) + "\r\n") {}

Body write_head(const Request* req, const Response& res, bool keep_alive, const HeadLines& lines, std::string& head,
               int& status_out, std::string& dropped) {
  int status = res.status;
  Body body;
  const Entity* e = res.entity.get();
  Coding coding = Coding::identity;
  if (e) {
    coding = req ? choose_coding(req->header("accept-encoding"), *e) : Coding::identity;
    if (!e->file.empty()) {
      body.file = e;
      body.length = e->file_size;
    } else {
      const std::string* coded = e->coded(coding);
      body.memory = coded ? std::string_view(*coded) : std::string_view(e->identity);
    }
    if (req && status == 200 && (req->method == Method::get || req->method == Method::head)) {
      auto inm = req->header("if-none-match");
      if (!inm.empty()) {
        if (etag_matches(inm, e->etag)) status = 304;
      } else if (e->last_modified > 0) {
        auto ims = req->header("if-modified-since");
        if (!ims.empty()) {
          auto t = parse_http_date(std::string(ims));
          if (t >= e->last_modified) status = 304;
        }
      }
    }
  }
  // Byte ranges, for video and other files that are sent as they are. A range is worked
  // out from the size alone: a bad one is a 416 without touching the file.
  std::string content_range;
  bool ranges = e && req && status == 200 && !e->compressible() && e->size() > 0 &&
                (req->method == Method::get || req->method == Method::head);
  if (ranges) {
    auto range = req->header("range");
    auto if_range = req->header("if-range");
    std::uint64_t size = e->size();
    if (!range.empty() && (if_range.empty() || if_range == e->etag)) {
      bool unsatisfiable = false;
      if (auto r = parse_range(range, size, unsatisfiable)) {
        status = 206;
        content_range = "bytes " + std::to_string(r->first) + "-" + std::to_string(r->last) + "/" + std::to_string(size);
        if (body.file) {
          body.offset = r->first;
          body.length = r->last - r->first + 1;
        } else {
          body.memory = body.memory.substr(r->first, r->last - r->first + 1);
        }
      } else if (unsatisfiable) {
        status = 416;
        content_range = "bytes */" + std::to_string(size);
        body = Body{};
      }
    }
  }
  status_out = status;
  head.clear();
  head.reserve(1024);
  head += "HTTP/1.1 ";
  head += std::to_string(status);
  head += ' ';
  head += reason_phrase(status);
  head += "\r\nServer: Portico\r\nDate: ";
  head += http_date_now();
  head += "\r\n";
  if (std::none_of(res.headers.begin(), res.headers.end(),
                   [](const auto& h) { return h.first == "Content-Security-Policy"; }))
    head += lines.policy;
  head += lines.security;
  if (e && status != 416) {
    head += e->fixed_head(coding);
    if (ranges) head += "Accept-Ranges: bytes\r\n";
  }
  if (!content_range.empty()) head += "Content-Range: " + content_range + "\r\n";
  for (const auto& [k, v] : res.headers) {
    // A value with a line break would start a header of its own (response splitting).
    if (v.find_first_of("\r\n") != std::string::npos || k.find_first_of("\r\n: ") != std::string::npos) {
      dropped = k;
      continue;
    }
    head.append(k).append(": ").append(v).append("\r\n");
  }
  bool no_body = status == 304 || status == 204 || (req && req->method == Method::head);
  if (status != 304 && status != 204) head.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  // Tell clients when an idle connection will be closed, so they do not reuse it just then.
  if (!keep_alive) head += "Connection: close\r\n";
  else head += lines.keep_alive;
  head += "\r\n";
  if (no_body) return Body{};
  if (e && !body.file && status == 200) body.memory_file = e->body_file(coding, body.memory);
  return body;
}


}  // namespace portico::http
