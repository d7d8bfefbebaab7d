// The HTTP/1.1 server: sockets, parsing, limits, timeouts, keep-alive, content coding,
// conditional GET, security headers, access log, graceful shutdown.
// Only server.cpp includes Beast and Asio; this header stays light.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "http/message.h"

namespace spdlog {
class logger;
}

namespace portico::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port
  int threads = 0;             // 0: one per core
  std::size_t header_limit = 64 * 1024;
  std::size_t body_limit = 1024 * 1024;
  std::chrono::milliseconds read_timeout{10000};   // a whole request, headers and body
  std::chrono::milliseconds idle_timeout{30000};   // between keep-alive requests
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds shutdown_grace{10000};
  int max_requests_per_connection = 10000;
  // Admission of uncached work (Response::later): at most work_threads run at once (0: one
  // per core), at most work_queue more wait (0: 32 per work thread), none waits longer than
  // queue_timeout; past either bound the answer is 503 with Retry-After. Cached answers,
  // static files and /healthz are answered on the connection threads and never wait.
  int work_threads = 0;
  int work_queue = 0;
  std::chrono::milliseconds queue_timeout{2000};
  // Open connections; past it the oldest idle keep-alive connection is closed to make room,
  // or, when none is idle, the new one is refused. 0: no limit of the server's own.
  std::size_t max_connections = 0;
  std::string content_security_policy =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; "
      "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

  // Called on a worker thread for each well-formed request. May throw: that becomes a 500.
  std::function<Response(Request&)> handler;
  // Called when the head of a request with a body is read, before any of the body is read
  // and before 100 Continue: the limit for this request's body (absent: body_limit). The
  // request has no body yet. Past the limit the answer is 413 and the connection is closed;
  // chunked bodies are cut off as soon as they pass it.
  std::function<std::size_t(const Request& head)> body_limit_for;
  // Builds error responses the server itself produces (400, 413, 414, 431, 500, 501, 503);
  // request is null when the request could not be parsed.
  std::function<Response(int status, const Request* request)> error_response;
  std::shared_ptr<spdlog::logger> access_log;  // may be null
  // The access log writes a target cut to log_target_bytes, and for a path that contains
  // one of these (a tracking code, a preview signature, a token), the path alone.
  std::vector<std::string> log_path_only;
  std::size_t log_target_bytes = 512;
  std::shared_ptr<spdlog::logger> error_log;   // may be null
  // After each answer is sent (metrics): the request (null when it could not be parsed),
  // the status on the wire and the time from its head being read to its last byte sent.
  std::function<void(const Request* request, int status, std::chrono::microseconds took)> observe;
};

// What the server is doing now and has refused so far (for /metrics).
struct ServerStats {
  std::size_t connections = 0;     // open
  int work_threads = 0;
  int work_admitted = 0;           // uncached work running or waiting
  std::uint64_t work_refused = 0;  // 503: the queue full or waited too long (or an old page instead)
  std::uint64_t connections_refused = 0;  // past max_connections with none idle to close
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; after it, port() is the real port.
  Status listen();
  unsigned short port() const;
  // Serves until SIGTERM or SIGINT (or stop()), then stops accepting, lets in-flight
  // requests finish (up to shutdown_grace) and returns.
  void run();
  // Thread-safe: asks run() to shut down gracefully.
  void stop();
  // Thread-safe.
  ServerStats stats() const;

  // Raises the soft limit on open files to the hard limit; returns the limit now in force
  // and, in `note`, what was done (for the log).
  static std::uint64_t raise_open_file_limit(std::string& note);
  // The connection cap a process with `open_files` descriptors can keep: room is left for
  // the database, logs, media files and the listening socket.
  static std::size_t connections_for(std::uint64_t open_files);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace portico::http
