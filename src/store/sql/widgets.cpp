// The SQLite Store: the reader's sidebar (ratings, polls, links, places, videos, weather, visits, widget settings).
#include "store/sql/sql_store.h"

namespace portico::sql {

// ---- The reader's sidebar ----

Result<RatingTotals> SqlStore::add_rating(Id site_id, Id article_id, std::string_view visitor, int stars,
                                std::string_view address, std::int64_t now) {
  if (stars < 1 || stars > 5) return Status::error(Code::invalid, "số sao phải từ 1 đến 5");
  return concurrent_write([&](Connection& w) {
    return in_transaction(w, [&]() -> Result<RatingTotals> {
      auto ins = w.prepare(
          "INSERT INTO article_ratings (site_id, article_id, visitor, stars, address, created_at) "
          "VALUES (?1,?2,?3,?4,?5,?6)");
      ins.bind(1, site_id).bind(2, article_id).bind(3, visitor).bind(4, stars).bind(5, address).bind(6, now);
      if (auto r = finish_insert(w, ins); !r) return r.status();
      // The totals are the article's own columns, added to under its row's lock.
      auto up = w.prepare(
          "UPDATE articles SET rating_points = rating_points + ?3, rating_count = rating_count + 1 "
          "WHERE id = ?1 AND site_id = ?2 RETURNING rating_points, rating_count");
      up.bind(1, article_id).bind(2, site_id).bind(3, stars);
      if (!up.step()) {
        if (!up.done()) return Status::error(Code::io, w.error());
        return Status::error(Code::not_found, "không có bài viết này");  // the transaction is undone
      }
      RatingTotals t{up.i64(0), up.i64(1)};
      up.step();
      return t;
    });
  });
}

bool SqlStore::read_options(Connection& c, Poll& p) {
  auto s = c.prepare("SELECT id, label, position, votes FROM poll_options WHERE poll_id = ?1 ORDER BY position, id");
  s.bind(1, p.id);
  while (s.step()) p.options.push_back({s.i64(0), s.text(1), s.i32(2), s.i64(3)});
  if (!s.done()) return false;
  auto v = c.prepare("SELECT COUNT(*) FROM poll_voters WHERE poll_id = ?1");
  v.bind(1, p.id);
  if (!v.step()) return false;
  p.voters = v.i64(0);
  return true;
}

Poll SqlStore::read_poll(Stmt& s) {
  Poll p;
  p.id = s.i64(0);
  p.site_id = s.i64(1);
  p.question = s.text(2);
  p.multiple = s.i32(3) != 0;
  p.opens_at = s.i64(4);
  p.closes_at = s.i64(5);
  p.category_id = s.i64(6);
  return p;
}

Result<Id> SqlStore::save_poll(Poll p, std::int64_t now) {
  if (!clean(p.question)) return invalid_text();
  for (auto& o : p.options)
    if (!clean(o.label)) return invalid_text();
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Result<Id> {
    if (p.id == 0) {
      auto s = writer_->prepare(
          "INSERT INTO polls (site_id, question, multiple, opens_at, closes_at, category_id, created_at) "
          "VALUES (?1,?2,?3,?4,?5,?6,?7)");
      s.bind(1, p.site_id).bind(2, p.question).bind(3, p.multiple).bind(4, p.opens_at).bind(5, p.closes_at);
      s.bind_null_if_zero(6, p.category_id).bind(7, now);
      auto id = finish_insert(s);
      if (!id) return id;
      p.id = *id;
    } else {
      auto s = writer_->prepare(
          "UPDATE polls SET question = ?3, multiple = ?4, opens_at = ?5, closes_at = ?6, category_id = ?7 "
          "WHERE site_id = ?1 AND id = ?2");
      s.bind(1, p.site_id).bind(2, p.id).bind(3, p.question).bind(4, p.multiple).bind(5, p.opens_at);
      s.bind(6, p.closes_at).bind_null_if_zero(7, p.category_id);
      if (auto st = finish_change(s); !st) return st;
    }
    Poll old;
    old.id = p.id;
    read_options(*writer_, old);
    bool same_set = old.options.size() == p.options.size();
    for (std::size_t i = 0; same_set && i < p.options.size(); ++i) same_set = p.options[i].id == old.options[i].id;
    if (!same_set && old.voters > 0)
      return Status::error(Code::conflict, "đã có người bình chọn: không thể thêm hoặc bớt phương án");
    if (!same_set) {
      auto del = writer_->prepare("DELETE FROM poll_options WHERE poll_id = ?1");
      del.bind(1, p.id);
      del.step();
    }
    int pos = 0;
    for (const auto& o : p.options) {
      if (same_set) {
        auto s = writer_->prepare("UPDATE poll_options SET label = ?2, position = ?3 WHERE id = ?1");
        s.bind(1, o.id).bind(2, o.label).bind(3, pos++);
        s.step();
      } else {
        auto s = writer_->prepare("INSERT INTO poll_options (poll_id, label, position) VALUES (?1,?2,?3)");
        s.bind(1, p.id).bind(2, o.label).bind(3, pos++);
        if (auto r = finish_insert(s); !r) return r.status();
      }
    }
    return p.id;
  });
}

Result<Poll> SqlStore::poll(Id site_id, Id id) {
  auto r = reader();
  auto s = r->prepare(std::string("SELECT ") + kPollCols + " WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id);
  if (!s.step()) return Status::error(Code::not_found, "không có cuộc bình chọn này");
  Poll p = read_poll(s);
  read_options(*r, p);
  return p;
}

Result<std::vector<Poll>> SqlStore::polls(Id site_id) {
  auto r = reader();
  std::vector<Poll> out;
  {
    auto s = r->prepare(std::string("SELECT ") + kPollCols + " WHERE site_id = ?1 ORDER BY opens_at DESC, id DESC");
    s.bind(1, site_id);
    while (s.step()) out.push_back(read_poll(s));
    if (!s.done()) return Status::error(Code::io, r->error());
  }
  for (auto& p : out)
    if (!read_options(*r, p)) return Status::error(Code::io, r->error());
  return out;
}

Status SqlStore::delete_poll(Id site_id, Id id) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("DELETE FROM polls WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id);
  return finish_change(s);
}

Result<Poll> SqlStore::add_vote(Id site_id, Id poll_id, std::string_view visitor, const std::vector<Id>& options,
                      std::string_view address, std::int64_t now) {
  // The options' rows in one order whatever the voter's: two votes at once never wait on
  // each other's rows in opposite orders (a deadlock on PostgreSQL).
  std::vector<Id> chosen(options);
  std::sort(chosen.begin(), chosen.end());
  return concurrent_write([&](Connection& w) -> Result<Poll> {
    auto done = in_transaction(w, [&]() -> Status {
      auto ins = w.prepare("INSERT INTO poll_voters (poll_id, visitor, address, created_at) "
                           "SELECT id, ?3, ?4, ?5 FROM polls WHERE site_id = ?1 AND id = ?2");
      ins.bind(1, site_id).bind(2, poll_id).bind(3, visitor).bind(4, address).bind(5, now);
      if (auto r = finish_insert(w, ins); !r) return r.status();
      if (w.changes() == 0) return Status::error(Code::not_found, "không có cuộc bình chọn này");
      for (Id o : chosen) {
        auto up = w.prepare("UPDATE poll_options SET votes = votes + 1 WHERE poll_id = ?1 AND id = ?2");
        up.bind(1, poll_id).bind(2, o);
        up.step();
        if (w.changes() != 1) return Status::error(Code::invalid, "phương án không thuộc cuộc bình chọn này");
      }
      return Status::ok();
    });
    if (!done) return done;
    Poll p;
    {
      auto s = w.prepare(std::string("SELECT ") + kPollCols + " WHERE id = ?1");
      s.bind(1, poll_id);
      if (!s.step()) return Status::error(Code::not_found, "không có cuộc bình chọn này");
      p = read_poll(s);
    }
    read_options(w, p);
    return p;
  });
}

Status SqlStore::add_visits(Id site_id, const std::vector<VisitDay>& days) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    for (const auto& d : days) {
      auto s = writer_->prepare("INSERT INTO visit_days (site_id, day, views) VALUES (?1,?2,?3) "
                               "ON CONFLICT (site_id, day) DO UPDATE SET views = visit_days.views + ?3");
      s.bind(1, site_id).bind(2, d.day).bind(3, d.views);
      s.step();
      if (!s.done()) return Status::error(Code::io, writer_->error());
    }
    return Status::ok();
  });
}

Result<std::int64_t> SqlStore::note_online(Id site_id, const std::vector<std::string>& visitors, std::int64_t at,
                                           std::int64_t since) {
  std::lock_guard lock(write_mu_);
  std::int64_t online = 0;
  auto st = in_transaction([&]() -> Status {
    for (const auto& v : visitors) {
      auto s = writer_->prepare("INSERT INTO online_visitors (site_id, visitor, seen_at) VALUES (?1, ?2, ?3) "
                                "ON CONFLICT (site_id, visitor) DO UPDATE SET seen_at = "
                                "CASE WHEN online_visitors.seen_at > ?3 THEN online_visitors.seen_at ELSE ?3 END");
      s.bind(1, site_id).bind(2, v).bind(3, at);
      s.step();
      if (!s.done()) return Status::error(Code::io, writer_->error());
    }
    auto gone = writer_->prepare("DELETE FROM online_visitors WHERE site_id = ?1 AND seen_at <= ?2");
    gone.bind(1, site_id).bind(2, since);
    gone.step();
    if (!gone.done()) return Status::error(Code::io, writer_->error());
    auto n = writer_->prepare("SELECT COUNT(*) FROM online_visitors WHERE site_id = ?1");
    n.bind(1, site_id);
    if (!n.step()) return Status::error(Code::io, writer_->error());
    online = n.i64(0);
    return Status::ok();
  });
  if (!st) return st;
  return online;
}

Result<std::vector<VisitDay>> SqlStore::visit_days(Id site_id, std::int64_t from_day) {
  auto r = reader();
  auto s = r->prepare("SELECT day, views FROM visit_days WHERE site_id = ?1 AND day >= ?2 ORDER BY day");
  s.bind(1, site_id).bind(2, from_day);
  std::vector<VisitDay> out;
  while (s.step()) out.push_back({s.i64(0), s.i64(1)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<std::int64_t> SqlStore::visit_total(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT COALESCE(SUM(views),0) FROM visit_days WHERE site_id = ?1");
  s.bind(1, site_id);
  if (s.step()) return s.i64(0);
  return Status::error(Code::io, r->error());
}

Result<std::vector<WidgetSetting>> SqlStore::widget_settings(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT kind, position, visible FROM widget_settings WHERE site_id = ?1 ORDER BY position");
  s.bind(1, site_id);
  std::vector<WidgetSetting> out;
  while (s.step()) out.push_back({s.text(0), s.i32(1), s.i32(2) != 0});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Status SqlStore::save_widget_settings(Id site_id, const std::vector<WidgetSetting>& settings) {
  std::lock_guard lock(write_mu_);
  return in_transaction([&]() -> Status {
    auto del = writer_->prepare("DELETE FROM widget_settings WHERE site_id = ?1");
    del.bind(1, site_id);
    del.step();
    for (const auto& w : settings) {
      auto s = writer_->prepare("INSERT INTO widget_settings (site_id, kind, position, visible) VALUES (?1,?2,?3,?4)");
      s.bind(1, site_id).bind(2, w.kind).bind(3, w.position).bind(4, w.visible);
      if (auto r = finish_insert(s); !r) return r.status();
    }
    return Status::ok();
  });
}

Result<std::vector<Link>> SqlStore::links(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT id, site_id, name, url, position FROM links WHERE site_id = ?1 ORDER BY position, id");
  s.bind(1, site_id);
  std::vector<Link> out;
  while (s.step()) out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.i32(4)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Id> SqlStore::save_link(Link l) {
  if (!clean_all(l.name, l.url)) return invalid_text();
  std::lock_guard lock(write_mu_);
  if (l.id == 0) {
    auto s = writer_->prepare("INSERT INTO links (site_id, name, url, position) VALUES (?1,?2,?3,?4)");
    s.bind(1, l.site_id).bind(2, l.name).bind(3, l.url).bind(4, l.position);
    return finish_insert(s);
  }
  auto s = writer_->prepare("UPDATE links SET name = ?3, url = ?4, position = ?5 WHERE site_id = ?1 AND id = ?2");
  s.bind(1, l.site_id).bind(2, l.id).bind(3, l.name).bind(4, l.url).bind(5, l.position);
  if (auto st = finish_change(s); !st) return st;
  return l.id;
}

Status SqlStore::delete_link(Id site_id, Id id) { return delete_row("links", site_id, id); }

Result<std::vector<Place>> SqlStore::places(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT id, site_id, name, address, lat, lon, weather, position FROM places "
                      "WHERE site_id = ?1 ORDER BY position, id");
  s.bind(1, site_id);
  std::vector<Place> out;
  while (s.step())
    out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.f64(4), s.f64(5), s.i32(6) != 0, s.i32(7)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Id> SqlStore::save_place(Place p) {
  if (!clean_all(p.name, p.address)) return invalid_text();
  std::lock_guard lock(write_mu_);
  if (p.id == 0) {
    auto s = writer_->prepare("INSERT INTO places (site_id, name, address, lat, lon, weather, position) "
                             "VALUES (?1,?2,?3,?4,?5,?6,?7)");
    s.bind(1, p.site_id).bind(2, p.name).bind(3, p.address).bind_double(4, p.lat).bind_double(5, p.lon);
    s.bind(6, p.weather).bind(7, p.position);
    return finish_insert(s);
  }
  auto s = writer_->prepare("UPDATE places SET name = ?3, address = ?4, lat = ?5, lon = ?6, weather = ?7, "
                           "position = ?8 WHERE site_id = ?1 AND id = ?2");
  s.bind(1, p.site_id).bind(2, p.id).bind(3, p.name).bind(4, p.address).bind_double(5, p.lat);
  s.bind_double(6, p.lon).bind(7, p.weather).bind(8, p.position);
  if (auto st = finish_change(s); !st) return st;
  return p.id;
}

Status SqlStore::delete_place(Id site_id, Id id) { return delete_row("places", site_id, id); }

Result<std::vector<WeatherReading>> SqlStore::weather(Id site_id) {
  auto r = reader();
  auto s = r->prepare("SELECT w.place_id, w.observed_at, w.temperature, w.humidity, w.wind, w.code "
                      "FROM weather_readings w JOIN places p ON p.id = w.place_id WHERE p.site_id = ?1");
  s.bind(1, site_id);
  std::vector<WeatherReading> out;
  while (s.step()) out.push_back({s.i64(0), s.i64(1), s.f64(2), s.f64(3), s.f64(4), s.i32(5)});
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Status SqlStore::save_weather(const WeatherReading& w) {
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare(
      "INSERT INTO weather_readings (place_id, observed_at, temperature, humidity, wind, code) "
      "VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT (place_id) DO UPDATE SET observed_at = ?2, temperature = ?3, "
      "humidity = ?4, wind = ?5, code = ?6");
  s.bind(1, w.place_id).bind(2, w.observed_at).bind_double(3, w.temperature).bind_double(4, w.humidity);
  s.bind_double(5, w.wind).bind(6, w.code);
  return finish_change(s);
}

Video SqlStore::read_video(Stmt& s) {
  return {s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.i64(7)};
}

Result<std::vector<Video>> SqlStore::videos(Id site_id, int limit) {
  auto r = reader();
  auto s = r->prepare(std::string(kVideoCols) + "WHERE site_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2");
  s.bind(1, site_id).bind(2, std::max(0, limit));
  std::vector<Video> out;
  while (s.step()) out.push_back(read_video(s));
  if (!s.done()) return Status::error(Code::io, r->error());
  return out;
}

Result<Video> SqlStore::video(Id site_id, Id id) {
  auto r = reader();
  auto s = r->prepare(std::string(kVideoCols) + "WHERE site_id = ?1 AND id = ?2");
  s.bind(1, site_id).bind(2, id);
  if (s.step()) return read_video(s);
  return Status::error(Code::not_found, "không có chương trình này");
}

Result<Id> SqlStore::create_video(Video v) {
  if (!clean_all(v.title, v.file_name, v.mime, v.embed_url, v.captions_file)) return invalid_text();
  std::lock_guard lock(write_mu_);
  auto s = writer_->prepare("INSERT INTO videos (site_id, title, file_name, mime, embed_url, captions_file, "
                           "created_at) VALUES (?1,?2,?3,?4,?5,?6,?7)");
  s.bind(1, v.site_id).bind(2, v.title).bind(3, v.file_name).bind(4, v.mime).bind(5, v.embed_url);
  s.bind(6, v.captions_file).bind(7, v.created_at);
  return finish_insert(s);
}

Status SqlStore::delete_video(Id site_id, Id id) { return delete_row("videos", site_id, id); }

}  // namespace portico::sql
