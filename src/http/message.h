// HTTP requests and responses as Portico's handlers see them: plain structs, no Beast.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portico::http {

enum class Method { get, head, post, put, patch, del, options, other };
const char* method_name(Method m);  // "GET"

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::get;
  std::string target;  // as received
  std::string path;    // percent-decoded, valid UTF-8, no ".." segments
  Fields query;        // decoded name/value pairs, in order
  Fields headers;      // names in lower case
  std::string body;
  std::string remote;  // peer address (the client's, from X-Forwarded-For, behind a trusted proxy)
  bool secure = false; // arrived over HTTPS (as a trusted proxy says with X-Forwarded-Proto)
  // Set by the server: every work thread is taken and uncached work waits in the queue. A
  // cached page a little past its time is then a better answer than a place in the queue.
  bool busy = false;
  // A sub-portal served under a path of another site's host: that path ("/xa-hung-loi"),
  // taken off target and path before routing (http/rebase.h). Empty: a site at its own host.
  std::string base;

  std::string_view header(std::string_view lower_name) const;
  std::optional<std::string_view> param(std::string_view name) const;  // query parameter
  std::string cookie(std::string_view name) const;
  std::string host() const;  // Host header without port, lower case
};

// Parses a request target into path and query. Returns an empty string on success,
// otherwise the reason (malformed percent-encoding, invalid UTF-8, control bytes in the
// path, ".."). Control bytes in query values are read as spaces.
std::string parse_target(std::string_view target, Request& out);
// Decodes application/x-www-form-urlencoded text ("+" is a space); false when malformed.
bool parse_form(std::string_view body, Fields& out);
// The first value of a form field; empty when absent.
std::string form_value(const Fields& f, std::string_view name);
// Percent-encodes a path segment or query value (unreserved bytes stay as they are).
std::string url_encode(std::string_view s);
// Every redirect target that comes from input goes through this: a path on this site,
// parsed and written out again (path and query; no scheme, no "//" even once decoded, no
// backslash, no control or white-space characters, valid encoding). Anything else is "/".
std::string same_site_path(std::string_view target);
// "https://host:8080/path" → "host:8080"; nullopt without a scheme.
std::optional<std::string_view> authority_of(std::string_view url);
// False when the request names another origin (Origin, else Referer, else Sec-Fetch-Site):
// the guard of every public form and JSON write. No hint at all is a script or an API client.
bool same_origin(const Request& r);
// A Content-Disposition value that downloads under `file_name` (UTF-8, Vietnamese kept):
// an ASCII fallback (diacritics folded) and RFC 6266/5987 filename*.
std::string attachment_disposition(std::string_view file_name);

// How hard to compress a body, by how often it will be sent. fast: a body drawn for one
// answer, or a page's first draw (most are read once: a crawl, the long tail); reused: a
// cached page drawn again because it was read again since its last draw; best: static
// assets, compressed once at start-up.
enum class Compression { none, fast, reused, best };
enum class Coding { identity, gzip, br };

// An immutable response body with its validators; shared by the page cache and every
// response that sends it. Its gzip and brotli codings are made when a client first asks for
// one and kept (thread-safe), so a page nobody asks in brotli is never compressed in brotli.
// A file entity (media) names a file that the server sends from disk in chunks instead.
struct Entity {
  std::string content_type;
  std::string identity;
  std::string etag;  // quoted strong validator
  std::int64_t last_modified = 0;  // Unix seconds; 0: not sent
  std::string cache_control;       // empty: "no-cache" (revalidate every time)
  Compression compression = Compression::none;
  std::string file;                // a file's path: the body is read from it, identity is empty
  std::uint64_t file_size = 0;

  // Worth offering in gzip or brotli (a text body of a useful size): Vary: Accept-Encoding.
  bool compressible() const { return compression != Compression::none; }
  // The body in coding c, made on first use; null when c is identity-only (not compressible,
  // or the coding is not smaller).
  const std::string* coded(Coding c) const;
  // The body's size in the identity coding.
  std::uint64_t size() const { return file.empty() ? identity.size() : file_size; }
  // Makes both codings now (static assets, at start-up).
  void precompress() const {
    coded(Coding::gzip);
    coded(Coding::br);
  }
  // Bytes held in memory now, codings made so far included.
  std::size_t bytes() const;
  // The response header lines that depend on the entity alone, for coding c (Content-Type,
  // Vary, Content-Encoding, ETag, Last-Modified, Cache-Control): written once by seal(), not
  // per response.
  const std::string& fixed_head(Coding c) const { return fixed_head_[static_cast<int>(c)]; }
  // Writes the fixed header lines from the fields above; called by the make_ functions,
  // and again by whoever changes a field of a copy.
  void seal();

  // The body in coding c (`bytes`, as coded() or identity gives it) as a sealed in-memory
  // file, for sendfile: the kernel then passes pages to the socket instead of copying the
  // bytes, as nginx sends its files. Made for a body of at least kFileMin bytes on its third
  // send (a cached page, a static asset; not a page drawn for one reader or crawler),
  // and at most for max_body_files() bodies at once; -1: send from memory.
  int body_file(Coding c, std::string_view bytes) const;
  static constexpr std::size_t kFileMin = 16 * 1024;
  static std::size_t max_body_files();

 private:
  friend std::shared_ptr<const Entity> with_compression(const Entity& e, Compression c);
  std::string fixed_head_[3];
  struct Lazy {
    std::once_flag once;
    std::string data;  // empty after the first use: not worth it
    std::atomic<std::size_t> size{0};
  };
  struct Codings {
    Lazy gzip, br;
    std::atomic<int> files[3] = {-1, -1, -1};  // body_file() by coding; -2: could not be made
    std::atomic<int> sends{0};
    ~Codings();
  };
  // Shared by copies (an asset under two Cache-Control values is compressed once).
  std::shared_ptr<Codings> codings_ = std::make_shared<Codings>();
};

// Builds an entity; text bodies of at least 512 bytes may be sent compressed (gzip and
// brotli, made on first request).
std::shared_ptr<const Entity> make_entity(std::string content_type, std::string body,
                                          Compression c = Compression::fast,
                                          std::int64_t last_modified = 0, std::string cache_control = {});
// A copy of e that is sent with another Cache-Control (its codings are shared, not made again).
std::shared_ptr<const Entity> with_cache_control(const Entity& e, std::string cache_control);
// A copy of e compressed at another level (its codings are made anew, with their own ETags).
std::shared_ptr<const Entity> with_compression(const Entity& e, Compression c);
// An entity for a file on disk (media): nothing is read here; the server streams it.
std::shared_ptr<const Entity> make_file_entity(std::string content_type, std::string path, std::uint64_t size,
                                               std::int64_t last_modified, std::string cache_control);

struct Response {
  int status = 200;
  std::shared_ptr<const Entity> entity;  // null: no body
  Fields headers;                        // extra: Location, Allow, Set-Cookie, Vary
  // Set instead of an answer when the answer needs uncached work (rendering, the database):
  // the server runs it off the threads that serve cached answers, under admission (a
  // bounded number at once, a short queue, 503 past it). Empty: this is the answer. Headers
  // set beside it are added to the answer the work gives.
  std::function<Response()> later;
  // The work only waits for a render of the same page already running or claimed by another
  // request, and shares its answer (a burst of visitors to a page just published): it is
  // admitted without taking a place in the bounded queue, since it adds no work of its own.
  bool later_joins = false;
  // Called instead of sending 503 when the work cannot be admitted (empty: the 503): a
  // cached page past its time is a better answer than none.
  std::function<Response()> if_refused;

  static Response with(int status, std::shared_ptr<const Entity> e) { return Response{status, std::move(e), {}}; }
  static Response redirect(std::string location, int status = 303) {
    return Response{status, nullptr, {{"Location", std::move(location)}}};
  }
  static Response deferred(std::function<Response()> work) { return Response{0, nullptr, {}, std::move(work), false}; }
};

std::string_view reason_phrase(int status);

// A single byte range of a body of `size` bytes ("bytes=0-99", "bytes=100-", "bytes=-50"),
// inclusive. nullopt when the header asks for something else (several ranges, other units,
// malformed): the whole body is sent. unsatisfiable is set when the range starts past the
// end (416).
struct ByteRange {
  std::size_t first = 0, last = 0;
};
std::optional<ByteRange> parse_range(std::string_view header, std::size_t size, bool& unsatisfiable);

}  // namespace portico::http
