// Beast/Asio implementation of the server, one coroutine per connection on a strand.
#include "http/server.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "http/rare_log.h"
#include "http/wire.h"
#include "text/unicode.h"

namespace portico::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

Method to_method(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get: return Method::get;
    case bhttp::verb::head: return Method::head;
    case bhttp::verb::post: return Method::post;
    case bhttp::verb::put: return Method::put;
    case bhttp::verb::patch: return Method::patch;
    case bhttp::verb::delete_: return Method::del;
    case bhttp::verb::options: return Method::options;
    default: return Method::other;
  }
}

// Milliseconds on the monotonic clock, to the kernel's tick: timeouts need no more, and it
// costs no more than a memory read.
std::int64_t steady_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

// A connection's socket and its one deadline. Beast's tcp_stream arms a timer for every read
// and write; here an operation only writes its deadline, and one sweep a few times a second
// (Impl::sweep) cancels what has passed it, as nginx keeps its timers coarse.
struct Connection {
  explicit Connection(tcp::socket s) : socket(std::move(s)) {}
  tcp::socket socket;
  std::atomic<bool> idle{true};  // waiting for the first byte of a request
  std::atomic<std::int64_t> idle_since{steady_ms()};
  std::atomic<std::int64_t> deadline{0};  // steady_ms; 0: no operation is timed
  bool timed_out = false;                 // the sweep cancelled an operation (the loop's thread only)

  void expires_after(std::chrono::milliseconds t) { deadline.store(steady_ms() + t.count(), std::memory_order_relaxed); }
  // After an operation: its result, a cancellation by the sweep read as Beast's timeout.
  beast::error_code done(beast::error_code ec) {
    deadline.store(0, std::memory_order_relaxed);
    return timed_out && ec == asio::error::operation_aborted ? beast::error_code(beast::error::timeout) : ec;
  }
};


}  // namespace

struct Server::Impl {
  explicit Impl(ServerOptions o)
      : opts(std::move(o)),
        ioc(1),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        lines(opts.content_security_policy, opts.idle_timeout.count() / 1000) {}

  ServerOptions opts;
  // One event loop per thread, as nginx has one per worker: a connection lives on one loop
  // and its coroutine on that loop's thread, so it needs no strand, and the loops share no
  // locks. ioc is the first loop; it also runs the acceptor and the signals.
  asio::io_context ioc;
  std::vector<std::unique_ptr<asio::io_context>> more_loops;
  std::size_t next_loop = 0;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  HeadLines lines;  // the fixed lines of every response's head
  std::atomic<bool> stopping{false};
  std::mutex conns_mu;  // guards conns
  std::unordered_map<Connection*, std::weak_ptr<Connection>> conns;
  // Uncached work: its own threads, so cached answers never wait behind it.
  std::unique_ptr<asio::thread_pool> work_pool;
  int work_threads = 1;
  int work_limit = 1;                 // running + waiting
  std::atomic<int> work_admitted{0};  // running + waiting now
  std::atomic<std::uint64_t> work_refused{0}, connections_refused{0};
  RareLog accept_log, limit_log, overload_log;

  Response error(int status, const Request* req) {
    if (opts.error_response) {
      try {
        return opts.error_response(status, req);
      } catch (const std::exception& e) {
        if (opts.error_log) opts.error_log->error("error page failed: {}", e.what());
      }
    }
    return Response::with(status, make_entity("text/plain; charset=utf-8", "Lỗi " + std::to_string(status) + "\n",
                                              Compression::none));
  }

  // The head, then the body's memfd with sendfile: the head is held back (MSG_MORE) to leave
  // in the same segment as the first pages. The socket is non-blocking: a full send buffer
  // waits for the socket to be writable, under the write deadline.
  asio::awaitable<beast::error_code> send_head_and_memory_file(Connection& c, const std::string& head, const Body& body) {
    int s = c.socket.native_handle();
    auto failed = [] { return beast::error_code(errno, boost::system::system_category()); };
    std::size_t sent = 0;
    while (sent < head.size()) {
      ssize_t n = ::send(s, head.data() + sent, head.size() - sent, MSG_MORE | MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        auto [ec] = co_await c.socket.async_wait(tcp::socket::wait_write, use_tuple);
        if (ec) co_return c.done(ec);
      } else {
        co_return c.done(failed());
      }
    }
    off_t offset = 0;
    auto size = static_cast<off_t>(body.memory.size());
    while (offset < size) {
      ssize_t n = ::sendfile(s, body.memory_file, &offset, static_cast<std::size_t>(size - offset));
      if (n > 0) continue;  // offset has moved
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        auto [ec] = co_await c.socket.async_wait(tcp::socket::wait_write, use_tuple);
        if (ec) co_return c.done(ec);
      } else {
        co_return c.done(n == 0 ? beast::error_code(EIO, boost::system::system_category()) : failed());
      }
    }
    co_return c.done({});
  }

  // Writes a part of a file in chunks: memory stays at one chunk whatever the file's size.
  asio::awaitable<beast::error_code> send_file(Connection& c, const Body& body) {
    constexpr std::size_t kChunk = 256 * 1024;
    int fd = ::open(body.file->file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) co_return beast::error_code(errno, boost::system::system_category());
    std::unique_ptr<char[]> buf(new char[std::min<std::uint64_t>(kChunk, std::max<std::uint64_t>(body.length, 1))]);
    std::uint64_t offset = body.offset, left = body.length;
    beast::error_code ec;
    while (left > 0 && !ec) {
      std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, left));
      ssize_t n = ::pread(fd, buf.get(), want, static_cast<off_t>(offset));
      if (n <= 0) {  // the file shrank or failed under us: the length already sent cannot be kept
        ec = beast::error_code(n < 0 ? errno : EIO, boost::system::system_category());
        break;
      }
      c.expires_after(opts.write_timeout);
      std::size_t written = 0;
      std::tie(ec, written) = co_await asio::async_write(c.socket, asio::buffer(buf.get(), static_cast<std::size_t>(n)), use_tuple);
      ec = c.done(ec);
      offset += static_cast<std::uint64_t>(n);
      left -= static_cast<std::uint64_t>(n);
    }
    ::close(fd);
    co_return ec;
  }

  asio::awaitable<bool> send(Connection& c, const Request* req, const Response& res, bool keep_alive,
                             std::chrono::steady_clock::time_point started) {
    std::string head;
    int status = 0;
    std::string dropped;
    auto body = write_head(req, res, keep_alive, lines, head, status, dropped);
    if (!dropped.empty() && opts.error_log) opts.error_log->error("header {} dropped: it holds a line break", dropped);
    c.expires_after(opts.write_timeout);
    beast::error_code ec;
    std::size_t n = 0;
    if (body.file) {
      std::tie(ec, n) = co_await asio::async_write(c.socket, asio::buffer(head), use_tuple);
      ec = c.done(ec);
      if (!ec) ec = co_await send_file(c, body);
    } else if (body.memory_file >= 0) {
      ec = co_await send_head_and_memory_file(c, head, body);
    } else {
      std::array<asio::const_buffer, 2> bufs{asio::buffer(head), asio::buffer(body.memory.data(), body.memory.size())};
      std::tie(ec, n) = co_await asio::async_write(c.socket, bufs, use_tuple);
      ec = c.done(ec);
    }
    if (opts.observe)
      opts.observe(req, status, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started));
    if (opts.access_log) {
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
      opts.access_log->info("{} \"{} {}\" {} {} {}us \"{}\"", req ? req->remote : std::string("-"),
                            req ? method_name(req->method) : "-", req ? logged_target(*req) : std::string("-"),
                            status, body.size(), us, req ? text::cut(req->header("user-agent"), 256) : std::string("-"));
    }
    co_return !ec;
  }

  // What the access log keeps of a target: never a secret query, never more than a line.
  std::string logged_target(const Request& req) const {
    std::string_view t = req.target;
    if (auto q = t.find('?'); q != std::string_view::npos)
      for (const auto& fragment : opts.log_path_only)
        if (t.substr(0, q).find(fragment) != std::string_view::npos) {
          t = t.substr(0, q);
          break;
        }
    return text::cut(t, opts.log_target_bytes);
  }

  // The answer when uncached work cannot be admitted: 503, try again shortly.
  Response overloaded(const Request& req, const char* why) {
    overload_log.warn(opts.error_log.get(), "503: {} ({} {})", why, method_name(req.method), req.target);
    Response res = error(503, &req);
    res.headers.emplace_back("Retry-After", "2");
    return res;
  }

  // Runs a handler's uncached work on the work threads, under admission: a bounded number
  // run or wait; past that, or after waiting too long, the answer is 503.
  // A deferred answer's if_refused stands in for the 503.
  asio::awaitable<Response> admit(const Request& req, Response deferred) {
    int place = deferred.later_joins ? 0 : 1;  // one waiting for a render already running adds no work
    auto refused = [&](const char* why) {
      ++work_refused;
      return deferred.if_refused ? deferred.if_refused() : overloaded(req, why);
    };
    if (work_admitted.fetch_add(place) >= work_limit && place) {
      work_admitted.fetch_sub(place);
      co_return refused("hàng đợi đầy");
    }
    auto queued = std::chrono::steady_clock::now();
    std::string accept(req.header("accept-encoding"));
    auto& work = deferred.later;
    auto task = [this, &req, &work, &refused, queued, &accept]() -> asio::awaitable<Response> {
      if (std::chrono::steady_clock::now() - queued > opts.queue_timeout) co_return refused("chờ quá lâu");
      Response res;
      try {
        res = work();
        // Compression is uncached work too: the coding this client asked for is made here.
        if (res.entity) choose_coding(accept, *res.entity);
      } catch (const std::exception& e) {
        if (opts.error_log) opts.error_log->error("{} {}: {}", method_name(req.method), req.target, e.what());
        res = error(500, &req);
      }
      co_return res;
    };
    Response res = co_await asio::co_spawn(*work_pool, task, asio::use_awaitable);
    work_admitted.fetch_sub(place);
    co_return res;
  }

  // An answer after which the connection cannot go on (the rest of what the client sends
  // cannot be framed): sent with Connection: close, then the connection is closed.
  asio::awaitable<void> refuse(Connection& c, int status, const Request& head, std::chrono::steady_clock::time_point started) {
    Response res = error(status, &head);
    co_await send(c, &head, res, false, started);
    co_await linger_close(c);
  }

  // After an error response the client may still be sending; read and drop a little of
  // it so that closing does not reset the connection before the response is read.
  asio::awaitable<void> linger_close(Connection& c) {
    beast::error_code ec;
    c.socket.shutdown(tcp::socket::shutdown_send, ec);
    std::array<char, 16384> sink;
    std::size_t total = 0;
    c.expires_after(std::chrono::seconds(2));
    // Up to 16 MiB or 2 s: a client still sending under load (its reading of our answer
    // late) must not get a reset that takes the unread answer with it.
    while (total < 16 * 1024 * 1024) {
      auto [rec, n] = co_await c.socket.async_read_some(asio::buffer(sink), use_tuple);
      if (rec) break;
      total += n;
    }
    c.done({});
    c.socket.close(ec);
  }

  asio::awaitable<void> serve(std::shared_ptr<Connection> conn) {
    Connection& c = *conn;
    beast::flat_buffer buffer(opts.header_limit + 64 * 1024);
    std::string remote;
    {
      beast::error_code ec;
      auto ep = c.socket.remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    for (int served = 0;; ++served) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
      parser.body_limit(boost::none);  // the route's limit is set once the head is read
      c.idle_since = steady_ms();
      c.idle = true;
      if (stopping) break;
      c.expires_after(served == 0 ? opts.read_timeout : opts.idle_timeout);
      beast::error_code ec;
      std::size_t n = 0;
      // Between keep-alive requests, wait until the client sends: reading at once would
      // mostly find nothing yet and cost a system call per request.
      if (served > 0 && buffer.size() == 0) std::tie(ec) = co_await c.socket.async_wait(tcp::socket::wait_read, use_tuple);
      if (!ec) std::tie(ec, n) = co_await bhttp::async_read_header(c.socket, buffer, parser, use_tuple);
      ec = c.done(ec);
      c.idle = false;
      auto started = std::chrono::steady_clock::now();
      if (ec) {
        if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
            ec == asio::error::connection_reset || ec == asio::error::eof)
          break;
        // A slow client gets no answer, only the log line (as nginx does for
        // client_header_timeout); the connection is closed below.
        if (ec == beast::error::timeout) {
          if (parser.got_some() && opts.error_log) opts.error_log->warn("{}: request too slow, closed", remote);
          break;
        }
        // The head could not be read: what is known of the request line still decides the
        // answer's form (JSON under /api).
        // Once Beast has read the request line the message holds it and the buffer no
        // longer does; before that, the buffer still starts with it.
        bool has_line = !parser.get().target().empty();
        std::string line = has_line ? std::string(parser.get().method_string()) + ' ' + std::string(parser.get().target())
                                    : std::string(static_cast<const char*>(buffer.data().data()), buffer.size());
        Request head = head_from_bytes(line, remote);
        int status = 400;
        if (ec == bhttp::error::header_limit) status = has_line ? 431 : 414;
        if (opts.error_log && status != 400) opts.error_log->warn("{}: {} ({})", remote, status, ec.message());
        co_await refuse(c, status, head, started);
        co_return;
      }

      auto& msg = parser.get();
      Request req;
      req.method = to_method(msg.method());
      req.target = std::string(msg.target());
      req.remote = remote;
      req.headers.reserve(16);
      for (const auto& f : msg) {
        std::string name(f.name_string());
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        req.headers.emplace_back(std::move(name), std::string(f.value()));
      }
      std::string bad_target = parse_target(req.target, req);
      // Framing (RFC 9112 §6): a body whose length cannot be known is refused and the
      // connection closed, never read as the next request.
      if (int status = framing_problem(req, parser.chunked())) {
        if (opts.error_log) opts.error_log->warn("{}: {} (Transfer-Encoding: {})", remote, status, req.header("transfer-encoding"));
        co_await refuse(c, status, req, started);
        co_return;
      }
      if (!parser.is_done()) {
        // The route's limit, known before a byte of the body is read: larger only where the
        // application says so for this request (an upload with a session and its token).
        std::size_t limit = bad_target.empty() && opts.body_limit_for ? opts.body_limit_for(req) : opts.body_limit;
        if (!bad_target.empty() || (parser.content_length() && *parser.content_length() > limit)) {
          co_await refuse(c, bad_target.empty() ? 413 : 400, req, started);
          co_return;
        }
        parser.body_limit(limit);  // chunked bodies are cut off as soon as they pass it
        if (beast::iequals(msg[bhttp::field::expect], "100-continue")) {
          static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          c.expires_after(opts.write_timeout);
          co_await asio::async_write(c.socket, asio::buffer(kContinue), use_tuple);
        }
        c.expires_after(opts.read_timeout);
        std::tie(ec, n) = co_await bhttp::async_read(c.socket, buffer, parser, use_tuple);
        ec = c.done(ec);
        if (ec) {
          // The head is known, so the answer can take the request's form (JSON under /api):
          // 408, unlike a head that never ends, which gets no answer (as nginx's).
          if (ec == beast::error::timeout) {
            if (opts.error_log) opts.error_log->warn("{}: request body too slow, 408", remote);
            co_await refuse(c, 408, req, started);
            co_return;
          }
          // A malformed or oversize body is answered; a peer that went away is not.
          bool malformed = ec.category() == bhttp::make_error_code(bhttp::error::body_limit).category() &&
                           ec != bhttp::error::partial_message;
          if (!malformed) break;
          int status = ec == bhttp::error::body_limit ? 413 : 400;
          if (opts.error_log) opts.error_log->warn("{}: {} ({})", remote, status, ec.message());
          co_await refuse(c, status, req, started);
          co_return;
        }
      }
      req.body = std::move(msg.body());
      bool keep_alive = msg.keep_alive() && !stopping && served + 1 < opts.max_requests_per_connection;

      Response res;
      if (!bad_target.empty()) {
        res = error(400, &req);
      } else {
        req.busy = work_admitted.load(std::memory_order_relaxed) > work_threads;
        try {
          res = opts.handler(req);
        } catch (const std::exception& e) {
          if (opts.error_log) opts.error_log->error("{} {}: {}", method_name(req.method), req.target, e.what());
          res = error(500, &req);
        }
        if (res.later) {
          // Headers put on the deferred answer (CORS, Allow) are kept on the one the work gives.
          Fields extra = std::move(res.headers);
          res = co_await admit(req, std::move(res));
          res.headers.insert(res.headers.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
        }
      }
      if (!co_await send(c, &req, res, keep_alive, started)) break;
      if (!keep_alive) break;
    }
    beast::error_code ec;
    c.socket.shutdown(tcp::socket::shutdown_both, ec);
    c.socket.close(ec);
  }

  // Closes up to n connections that have waited for a request for a while (not one that
  // has just connected and is about to send), to make room. True if any.
  bool close_idle(int n = 1) {
    constexpr std::int64_t kIdleEnough = 250;  // ms
    std::int64_t now = steady_ms();
    std::lock_guard lock(conns_mu);
    int closed = 0;
    for (auto& [ptr, weak] : conns) {
      auto conn = weak.lock();
      if (!conn || !conn->idle || now - conn->idle_since < kIdleEnough) continue;
      conn->idle = false;  // not chosen twice
      asio::post(conn->socket.get_executor(), [conn] {
        beast::error_code ec;
        conn->socket.cancel(ec);
      });
      if (++closed == n) break;
    }
    return closed > 0;
  }

  // Cancels the operations that have passed their deadline, ten times a second: a timeout
  // fires up to 100 ms late. The cancelled coroutine sees Beast's timeout (Connection::done).
  asio::awaitable<void> sweep() {
    asio::steady_timer tick(ioc);
    for (;;) {
      tick.expires_after(std::chrono::milliseconds(100));
      if (auto [ec] = co_await tick.async_wait(use_tuple); ec) co_return;
      std::int64_t now = steady_ms();
      std::lock_guard lock(conns_mu);
      for (auto& [ptr, weak] : conns) {
        std::int64_t d = ptr->deadline.load(std::memory_order_relaxed);
        if (d == 0 || now < d) continue;
        auto conn = weak.lock();
        if (!conn) continue;
        asio::post(conn->socket.get_executor(), [conn] {
          // On the connection's thread: the operation may have finished, and another begun, since.
          std::int64_t d = conn->deadline.load(std::memory_order_relaxed);
          if (d == 0 || steady_ms() < d) return;
          conn->timed_out = true;
          beast::error_code ec;
          conn->socket.cancel(ec);
        });
      }
    }
  }

  std::size_t open_connections() {
    std::lock_guard lock(conns_mu);
    return conns.size();
  }

  asio::awaitable<void> accept_loop() {
    asio::steady_timer pause(ioc);
    for (;;) {
      // The loops take new connections in turn.
      asio::io_context& loop = next_loop == 0 ? ioc : *more_loops[next_loop - 1];
      next_loop = (next_loop + 1) % (more_loops.size() + 1);
      auto [ec, socket] = co_await acceptor.async_accept(asio::any_io_executor(loop.get_executor()), use_tuple);
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        accept_log.warn(opts.error_log.get(), "accept: {}", ec.message());
        if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space || ec == asio::error::no_memory) {
          // Out of descriptors: free some held by idle connections, and wait a little
          // before trying again rather than spin on the same failure.
          close_idle(16);
          pause.expires_after(std::chrono::milliseconds(20));
          co_await pause.async_wait(use_tuple);
        }
        continue;
      }
      if (opts.max_connections && open_connections() >= opts.max_connections && !close_idle()) {
        ++connections_refused;
        limit_log.warn(opts.error_log.get(), "{} kết nối đang mở (max_connections): kết nối mới bị từ chối",
                       opts.max_connections);
        socket.close(ec);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      socket.native_non_blocking(true, ec);  // send_head_and_memory_file writes to it directly
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(conns_mu);
        conns.emplace(conn.get(), conn);
      }
      auto executor = conn->socket.get_executor();
      asio::co_spawn(executor, serve_and_forget(conn), asio::detached);
    }
  }

  asio::awaitable<void> serve_and_forget(std::shared_ptr<Connection> conn) {
    try {
      co_await serve(conn);
    } catch (const std::exception& e) {
      if (opts.error_log) opts.error_log->error("connection: {}", e.what());
    }
    std::lock_guard lock(conns_mu);
    conns.erase(conn.get());
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::lock_guard lock(conns_mu);
    for (auto& [ptr, weak] : conns) {
      auto conn = weak.lock();
      if (!conn) continue;
      asio::post(conn->socket.get_executor(), [conn] {
        beast::error_code ec;
        if (conn->idle) conn->socket.cancel(ec);
      });
    }
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() = default;

Status Server::listen() {
  beast::error_code ec;
  auto addr = asio::ip::make_address(impl_->opts.host, ec);
  if (ec) return Status::error(Code::invalid, "địa chỉ không hợp lệ: " + impl_->opts.host);
  tcp::endpoint ep(addr, impl_->opts.port);
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status::error(Code::io, "không lắng nghe được trên " + impl_->opts.host + ":" +
                                             std::to_string(impl_->opts.port) + ": " + ec.message());
  return Status::ok();
}

unsigned short Server::port() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

ServerStats Server::stats() const {
  auto& im = *impl_;
  return {im.open_connections(), im.work_threads, im.work_admitted.load(), im.work_refused.load(),
          im.connections_refused.load()};
}

void Server::run() {
  auto& im = *impl_;
  im.signals.async_wait([&im](const beast::error_code& ec, int) {
    if (!ec) im.begin_shutdown();
  });
  asio::co_spawn(im.ioc, im.accept_loop(), asio::detached);
  asio::co_spawn(im.ioc, im.sweep(), asio::detached);
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int n = im.opts.threads > 0 ? im.opts.threads : cores;
  im.work_threads = im.opts.work_threads > 0 ? im.opts.work_threads : cores;
  im.work_limit = im.work_threads + (im.opts.work_queue > 0 ? im.opts.work_queue : 32 * im.work_threads);
  im.work_pool = std::make_unique<asio::thread_pool>(im.work_threads);
  std::vector<std::thread> workers;
  // A loop without connections waits for one: each runs until the closer below stops it.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep;
  keep.push_back(asio::make_work_guard(im.ioc));
  for (int i = 1; i < n; ++i) {
    auto& loop = *im.more_loops.emplace_back(std::make_unique<asio::io_context>(1));
    keep.push_back(asio::make_work_guard(loop));
    workers.emplace_back([&loop] { loop.run(); });
  }
  // Once shutdown begins, in-flight requests get up to shutdown_grace; then everything stops.
  // (The loops hold work guards, so they need this explicit stop.)
  std::thread closer([&] {
    std::chrono::steady_clock::time_point deadline{};
    while (!im.ioc.stopped()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (!im.stopping) continue;
      auto now = std::chrono::steady_clock::now();
      if (deadline == std::chrono::steady_clock::time_point{}) deadline = now + im.opts.shutdown_grace;
      std::lock_guard lock(im.conns_mu);
      if (im.conns.empty() || now >= deadline) {
        im.ioc.stop();
        for (auto& loop : im.more_loops) loop->stop();
        break;
      }
    }
  });
  im.ioc.run();
  for (auto& t : workers) t.join();
  closer.join();
  im.work_pool->join();
}

std::uint64_t Server::raise_open_file_limit(std::string& note) {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) {
    note = std::string("không đọc được giới hạn tệp mở: ") + std::strerror(errno);
    return 1024;
  }
  if (lim.rlim_cur >= lim.rlim_max) {
    note = "giới hạn tệp mở: " + std::to_string(lim.rlim_cur);
    return lim.rlim_cur;
  }
  auto before = lim.rlim_cur;
  lim.rlim_cur = lim.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &lim) != 0) {
    note = "giới hạn tệp mở: " + std::to_string(before) + " (không nâng được: " + std::strerror(errno) + ")";
    return before;
  }
  note = "giới hạn tệp mở: nâng từ " + std::to_string(before) + " lên " + std::to_string(lim.rlim_cur);
  return lim.rlim_cur;
}

std::size_t Server::connections_for(std::uint64_t open_files) {
  // The database (a writer and 8 readers, each with its WAL and shared memory), logs,
  // a media file per streaming response, the listening socket: keep an eighth, at least 64.
  std::uint64_t reserve = std::max<std::uint64_t>(64, open_files / 8);
  std::uint64_t room = open_files > reserve + 16 ? open_files - reserve : 16;
  return static_cast<std::size_t>(std::min<std::uint64_t>(room, 1u << 20));
}

void Server::stop() {
  asio::post(impl_->ioc, [im = impl_.get()] { im->begin_shutdown(); });
}

}  // namespace portico::http
