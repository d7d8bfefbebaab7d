// What the server reads from a request's head and chooses for its answer: the content
// coding, validators per coding, the framing of the body (RFC 9112), what is known of a
// head that could not be parsed, and the answer's head itself. Free of Beast, so it builds
// fast and can be tested alone.
#pragma once
#include <string>
#include <string_view>

#include "http/message.h"

namespace portico::http {

// Accept-Encoding negotiation: brotli, then gzip; "q=0" refuses a coding. Makes the coding
// the first time a client asks for it.
Coding choose_coding(std::string_view accept, const Entity& e);
// The ETag of one coding of an entity ("…-br", "…-gz"; "…-brr", "…-gzr" at the levels of a
// reused page, so that one body coded at two levels never shares a strong validator).
std::string variant_etag(const std::string& etag, Coding c, Compression level = Compression::fast);
// True when If-None-Match names the entity in any of its codings.
bool etag_matches(std::string_view inm, const std::string& etag);
// What can be known of a request whose head could not be parsed: method, target and path
// from its first line (for the answer's form and the log).
Request head_from_bytes(std::string_view raw, const std::string& remote);
// RFC 9112 §6.1 and §6.3: 400 when a Transfer-Encoding's last coding is not chunked, 501 when
// chunked follows other codings, 0 when the framing is fine. (Beast itself refuses
// Transfer-Encoding beside Content-Length, and a second chunked.)
int framing_problem(const Request& req, bool chunked);

// What a response sends after its head: bytes in memory, or a part of a file.
struct Body {
  std::string_view memory;
  int memory_file = -1;          // >= 0: the same bytes as a sealed memfd (Entity::body_file), sent with sendfile
  const Entity* file = nullptr;  // non-null: send [offset, offset + length) of file->file
  std::uint64_t offset = 0, length = 0;
  std::uint64_t size() const { return file ? length : memory.size(); }
};

// The lines every response carries after Server and Date: the portal's
// Content-Security-Policy (policy: left out when the response carries a policy of its own,
// a site's that admits one more host), the other security headers, and the Keep-Alive line
// of a connection kept open.
struct HeadLines {
  HeadLines(std::string_view content_security_policy, long long idle_timeout_s);
  std::string policy, security, keep_alive;
};

// Writes the status line and headers of res into head and picks the body to send: the
// coding the client accepts, 304 on a matching validator, 206 or 416 for a byte range (a
// bad range is worked out from the size alone), no body for HEAD, 204 and 304. status is
// the one sent. A header whose name or value holds a line break is left out and named in
// dropped (response splitting).
Body write_head(const Request* req, const Response& res, bool keep_alive, const HeadLines& lines, std::string& head,
                int& status, std::string& dropped);

}  // namespace portico::http
