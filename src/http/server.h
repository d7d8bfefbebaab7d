// The HTTP/1.1 server: sockets, parsing, limits, timeouts, keep-alive, content coding,
// conditional GET, security headers, access log, graceful shutdown.
// Only server.cpp includes Beast and Asio; this header stays light.
#pragma once
#include <chrono>
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
  // Uploads (targets starting with upload_prefix) may be larger.
  std::string upload_prefix = "/quan-tri/tep";
  std::size_t upload_limit = 10 * 1024 * 1024;
  std::chrono::milliseconds read_timeout{10000};   // a whole request, headers and body
  std::chrono::milliseconds idle_timeout{30000};   // between keep-alive requests
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds shutdown_grace{10000};
  int max_requests_per_connection = 10000;
  std::string content_security_policy =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; "
      "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

  // Called on a worker thread for each well-formed request. May throw: that becomes a 500.
  std::function<Response(Request&)> handler;
  // Builds error responses the server itself produces (400, 408, 413, 431, 500);
  // request is null when the request could not be parsed.
  std::function<Response(int status, const Request* request)> error_response;
  std::shared_ptr<spdlog::logger> access_log;  // may be null
  std::shared_ptr<spdlog::logger> error_log;   // may be null
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace portico::http
