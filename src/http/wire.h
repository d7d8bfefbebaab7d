// What the server reads from a request's head and chooses for its answer: the content
// coding, validators per coding, the framing of the body (RFC 9112), and what is known of a
// head that could not be parsed. Free of Beast, so it builds fast and can be tested alone.
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

}  // namespace portico::http
