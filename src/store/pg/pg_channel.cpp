// The channel between the processes on one PostgreSQL database (store.h, Channel): a
// connection of its own that LISTENs on a name made from the schema, NOTIFY to send, and
// session-level advisory locks for the jobs one process runs.
#include <functional>
#include <set>
#include <utility>

#include "store/pg/pg.h"
#include "store/store.h"

namespace portico::pg {

class PgChannel final : public Channel {
 public:
  explicit PgChannel(std::string url) : url_(std::move(url)) {}

  Status connect() {
    auto c = Connection::open(url_);
    if (!c) return c.status();
    auto schema = (*c)->run("SELECT current_schema()");
    if (!schema) return schema.status();
    schema_ = schema->empty() ? std::string("public") : schema->text(0, 0);
    name_ = "portico:" + schema_;
    if (auto st = (*c)->exec("LISTEN \"" + quoted(name_) + "\""); !st) return st;
    c_ = std::move(*c);
    return Status::ok();
  }

  Status send(std::string_view message) override {
    return guarded([&]() -> Status {
      auto r = c_->run("SELECT pg_notify($1, $2)", Params(name_, message));
      return r ? Status::ok() : r.status();
    });
  }

  Result<Heard> receive(std::chrono::milliseconds timeout) override {
    Heard heard;
    auto st = guarded([&]() -> Status {
      heard.messages = c_->notifications(static_cast<int>(timeout.count()));
      return Status::ok();
    });
    if (!st) return st;
    heard.reconnected = std::exchange(reconnected_, false);
    return heard;
  }

  Result<bool> lead(std::string_view job) override {
    std::string name(job);
    auto st = guarded([&]() -> Status {
      if (led_.contains(name)) return Status::ok();
      // The lock's key: the schema's and the job's names, hashed as PostgreSQL hashes text.
      auto r = c_->run("SELECT pg_try_advisory_lock(hashtext($1))", Params(schema_ + ":" + name));
      if (!r) return r.status();
      if (r->boolean(0, 0)) led_.insert(name);
      return Status::ok();
    });
    if (!st) return st;
    return led_.contains(name);
  }

 private:
  static std::string quoted(const std::string& id) {
    std::string out;
    for (char ch : id) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out;
  }
  // Runs f on a live connection, made again first if it was lost; a lost connection drops
  // the locks it held (the server let them go with it).
  Status guarded(const std::function<Status()>& f) {
    try {
      if (!c_ || !c_->ok()) {
        c_.reset();
        led_.clear();
        if (auto st = connect(); !st) return Status::error(Code::io, st.message());
        reconnected_ = true;
      }
      return f();
    } catch (const Unavailable& e) {
      c_.reset();
      led_.clear();
      return Status::error(Code::io, e.what());
    }
  }

  std::string url_;
  std::unique_ptr<Connection> c_;
  std::string schema_, name_;
  std::set<std::string, std::less<>> led_;
  bool reconnected_ = false;
};

}  // namespace portico::pg

namespace portico {

Result<std::unique_ptr<Channel>> open_channel(const std::string& url) {
  if (!names_server(url)) return std::unique_ptr<Channel>();
  auto ch = std::make_unique<pg::PgChannel>(url);
  if (auto st = ch->connect(); !st) return st;
  return std::unique_ptr<Channel>(std::move(ch));
}

}  // namespace portico
