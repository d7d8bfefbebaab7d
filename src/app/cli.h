// The command line's shared pieces and its administration commands (portico site …,
// user …, token …), apart from serve and the data tools in main.cpp.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "store/store.h"

namespace portico::app::cli {

// "portico: WHAT" on standard error; the exit status 1.
int fail(const std::string& what);

// The data directory keeps media (logs: serve's log_dir); the database is `database` (a URL, see
// portico::open_store), by default the SQLite file <data>/portico.db. `readers`: pooled
// connections, at least one per work thread.
Result<std::unique_ptr<Store>> open_store(const std::string& data_dir, const std::string& database,
                                          int busy_timeout_ms = 5000, int readers = 8);
// `database`, or when it is empty the SQLite file <data_dir>/portico.db as a URL.
std::string database_url(const std::string& data_dir, const std::string& database);

struct SiteArgs {
  std::string data_dir = "var";
  std::string database;  // empty: <data_dir>/portico.db
  std::string which;   // set, disable, enable: the site, by slug or host
  std::string parent;  // by slug or host; "-" for none (set)
  std::string logo, banner;  // set: an image file to import into the site's library; "-" for none
  std::string notice_from, notice_until, read_only;  // set: "2026-12-10T08:00" (empty: none), "on"/"off"
  Site site;
  std::map<std::string, std::string*> given;  // set: the fields named on the command line
};

// portico site add|list|set|disable|enable (main.cpp reads the arguments).
int site_command(const std::string& what, SiteArgs a);

struct UserArgs {
  std::string data_dir = "var";
  std::string database;  // empty: the config file's, else <data_dir>/portico.db
  std::string config_file;
  std::string site;
  std::string name;
  std::string role;
  bool password_stdin = false;
  bool off = false;
  bool platform = false;
  std::string on;  // grant, revoke: the other site
};

// portico user … and token … (main.cpp reads the arguments).
int user_command(const std::string& what, UserArgs a);

}  // namespace portico::app::cli
