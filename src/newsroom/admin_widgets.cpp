// Newsroom pages for the reader's sidebar: widget order and visibility, links, places,
// polls, videos (administrators), and the visit statistics (every newsroom role).
#include <algorithm>
#include <cstdio>

#include "http/multipart.h"
#include "content/views.h"
#include "newsroom/admin_forms.h"
#include "newsroom/admin_pages.h"
#include "render/vn_time.h"
#include "widgets/widgets.h"

namespace portico::newsroom {

namespace {

std::optional<double> parse_coordinate(const std::string& s) {
  if (s.empty() || s.size() > 20 || s.find_first_not_of("0123456789.-") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

std::string fixed6(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

// Splits a textarea into trimmed, non-empty lines.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    std::size_t lead = line.find_first_not_of(" \t");
    if (lead != std::string::npos) out.push_back(line.substr(lead));
    start = end + 1;
  }
  return out;
}

// The last 90 days of page views as an SVG bar chart, with a text summary for screen readers.
std::string visits_chart(const std::vector<VisitDay>& days, std::int64_t first_day, std::int64_t last_day,
                         std::string& summary) {
  const int n = static_cast<int>(last_day - first_day + 1);
  std::vector<std::int64_t> views(static_cast<std::size_t>(n), 0);
  for (const auto& d : days)
    if (d.day >= first_day && d.day <= last_day) views[static_cast<std::size_t>(d.day - first_day)] = d.views;
  std::int64_t max = 0, total = 0;
  int max_at = 0;
  for (int i = 0; i < n; ++i) {
    total += views[static_cast<std::size_t>(i)];
    if (views[static_cast<std::size_t>(i)] > max) max = views[static_cast<std::size_t>(i)], max_at = i;
  }
  summary = "Lượt xem trang " + std::to_string(n) + " ngày qua: tổng " + render::group_digits(total) + " lượt";
  if (max > 0)
    summary += ", cao nhất " + render::group_digits(max) + " lượt ngày " + render::format_day_month(first_day + max_at);
  summary += ".";
  const int W = 900, H = 260, left = 60, bottom = 30, top = 10;
  const double bar = static_cast<double>(W - left - 10) / n;
  std::int64_t scale = std::max<std::int64_t>(1, max);
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 " + std::to_string(W) + " " + std::to_string(H) +
                    "\" role=\"img\" aria-labelledby=\"bieu-do-tieu-de bieu-do-mo-ta\">"
                    "<title id=\"bieu-do-tieu-de\">Lượt xem trang theo ngày</title>"
                    "<desc id=\"bieu-do-mo-ta\">" + summary + "</desc>";
  char buf[256];
  for (int g = 0; g <= 4; ++g) {  // grid lines with their values
    double y = top + (H - top - bottom) * (1.0 - g / 4.0);
    std::snprintf(buf, sizeof buf, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", left, W - 10, y, y);
    svg += buf;
    std::snprintf(buf, sizeof buf, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", left - 6, y + 4);
    svg += buf + render::group_digits(scale * g / 4) + "</text>";
  }
  for (int i = 0; i < n; ++i) {
    double h = static_cast<double>(H - top - bottom) * static_cast<double>(views[static_cast<std::size_t>(i)]) /
               static_cast<double>(scale);
    std::snprintf(buf, sizeof buf, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                  left + i * bar + 1, H - bottom - h, std::max(1.0, bar - 2), h);
    svg += buf;
    if (i % 15 == 0 || i == n - 1) {
      std::snprintf(buf, sizeof buf, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", left + i * bar + bar / 2,
                    H - 10);
      svg += buf + render::format_day_month(first_day + i) + "</text>";
    }
  }
  return svg + "</svg>";
}

}  // namespace

std::optional<Response> AdminPages::check_form(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                              http::Fields& form) {
  if (!http::parse_form(r.body, form)) return error(400, s, &who);
  return std::nullopt;
}

// ---- Widget order, links, places ----

Response AdminPages::widgets_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                                  bool saved) {
  Store& store = widgets_->store();
  Id site = s.site.id;
  auto settings = widgets_->order(site);
  Data v = form_page(who, error, saved);
  List rows;
  int n = 0;
  for (const auto& w : settings) {
    const widgets::WidgetKind* k = widgets_->kind(w.kind);
    Data x;
    put(x, "kind", w.kind);
    put(x, "title", k->title);
    x.set("position", std::to_string(++n));
    put(x, "visible", w.visible);
    rows.push_back(x);
  }
  v.set("widgets", rows);
  List links;
  for (const auto& l : need(store.links(site))) {
    Data x;
    put(x, "id", std::to_string(l.id));
    put(x, "name", l.name);
    put(x, "url", l.url);
    put(x, "csrf", who.session.csrf);
    links.push_back(x);
  }
  put(v, "no_links", links.empty());
  v.set("links", links);
  List places;
  for (const auto& p : need(store.places(site))) {
    Data x;
    put(x, "id", std::to_string(p.id));
    put(x, "name", p.name);
    put(x, "address", p.address);
    put(x, "lat", fixed6(p.lat));
    put(x, "lon", fixed6(p.lon));
    put(x, "weather", p.weather);
    put(x, "csrf", who.session.csrf);
    places.push_back(x);
  }
  put(v, "no_places", places.empty());
  v.set("places", places);
  return page(status, "Tiện ích cột bên", "admin_widgets", std::move(v), s, &who, "widgets");
}

Response AdminPages::widget_settings(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return widgets_page(200, s, who, "", r.param("da-luu").has_value());
}

// The result of a widget form: back to the page, or the page again with the reason.
Response AdminPages::widget_saved(const content::SiteContent& s, const SignedIn& who, const Status& st) {
  if (!st) {
    if (st.code() == Code::not_found) return error(404, s, &who);
    return widgets_page(422, s, who, sentence(st.message()), false);
  }
  return Response::redirect("/quan-tri/tien-ich?da-luu=1");
}

Response AdminPages::widget_order_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  std::vector<WidgetSetting> settings;
  auto current = widgets_->order(s.site.id);
  for (const auto& k : widgets_->kinds()) {
    // A kind the form did not know of (added since it was drawn) keeps its place.
    std::string field = "vi-tri-" + k.kind;
    if (std::none_of(form.begin(), form.end(), [&](const auto& f) { return f.first == field; })) {
      for (std::size_t i = 0; i < current.size(); ++i)
        if (current[i].kind == k.kind) settings.push_back({k.kind, static_cast<int>(i) + 1, current[i].visible});
      continue;
    }
    auto n = content::parse_positive(form_value(form, field), 100);
    if (!n) return widgets_page(422, s, who, "Vị trí của mỗi tiện ích phải là số từ 1 đến 100.", false);
    settings.push_back({k.kind, static_cast<int>(*n), form_value(form, "hien-" + k.kind) == "1"});
  }
  return widget_saved(s, who, widgets_->save_order(s.site.id, std::move(settings), actor(who, r)));
}

Response AdminPages::widget_record_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                       std::string_view id_text, const RecordWrites& writes) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  std::optional<Id> id;
  if (!id_text.empty() && !(id = parse_id(id_text))) return error(404, s, &who);
  if (id && form_value(form, "xoa") == "1") return widget_saved(s, who, writes.remove(*id));
  return widget_saved(s, who, writes.save(form, id.value_or(0)));
}

Response AdminPages::link_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                               std::string_view id_text) {
  Id site = s.site.id;
  return widget_record_post(r, s, who, id_text,
                            {[&](Id id) { return widgets_->delete_link(site, id, actor(who, r)); },
                             [&](const http::Fields& form, Id id) {
                               Link l{id, site, form_value(form, "ten"), form_value(form, "dia-chi"), 0};
                               l.position = static_cast<int>(content::parse_positive(form_value(form, "vi-tri"), 1000).value_or(0));
                               return widgets_->save_link(l, actor(who, r)).status();
                             }});
}

Response AdminPages::place_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                std::string_view id_text) {
  Id site = s.site.id;
  return widget_record_post(r, s, who, id_text,
                            {[&](Id id) { return widgets_->delete_place(site, id, actor(who, r)); },
                             [&](const http::Fields& form, Id id) {
                               auto lat = parse_coordinate(form_value(form, "vi-do"));
                               auto lon = parse_coordinate(form_value(form, "kinh-do"));
                               if (!lat || !lon)
                                 return Status::error(Code::invalid, "vĩ độ và kinh độ phải là số thập phân, ví dụ 21.8236");
                               Place p{id, site, form_value(form, "ten"), form_value(form, "dia-chi"), *lat, *lon,
                                       form_value(form, "thoi-tiet") == "1", 0};
                               return widgets_->save_place(p, actor(who, r)).status();
                             }});
}

// ---- Polls ----

Response AdminPages::polls_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                                bool saved) {
  Data v = form_page(who, error, saved);
  std::int64_t now = widgets_->now();
  auto categories = [&](Id selected) {
    List l;
    for (const auto& [c, depth] : s.news()) {  // a poll can sit in any news category
      Data x;
      put(x, "id", std::to_string(c->id));
      put(x, "name", content::option_label(c->name, depth));
      put(x, "selected", c->id == selected);
      l.push_back(x);
    }
    return l;
  };
  v.set("categories", categories(0));
  put(v, "default_open", render::format_local_datetime(now));
  put(v, "default_close", render::format_local_datetime(now + 30 * 86400));
  List rows;
  for (const auto& p : need(widgets_->store().polls(s.site.id))) {
    Data x;
    put(x, "id", std::to_string(p.id));
    put(x, "question", p.question);
    put(x, "multiple", p.multiple);
    put(x, "opens", render::format_local_datetime(p.opens_at));
    put(x, "closes", render::format_local_datetime(p.closes_at));
    put(x, "state", now < p.opens_at ? "Chưa mở" : now < p.closes_at ? "Đang mở" : "Đã kết thúc");
    std::string options;
    List results;
    for (const auto& o : p.options) {
      options += o.label + "\n";
      Data r;
      put(r, "label", o.label);
      put(r, "votes", render::group_digits(o.votes));
      results.push_back(r);
    }
    put(x, "options", options);
    x.set("results", results);
    put(x, "voters", render::group_digits(p.voters));
    put(x, "locked", p.voters > 0);
    x.set("categories", categories(p.category_id));
    put(x, "site_wide", p.category_id == 0);
    put(x, "csrf", who.session.csrf);
    rows.push_back(x);
  }
  put(v, "none", rows.empty());
  v.set("polls", rows);
  return page(status, "Bình chọn", "admin_polls", std::move(v), s, &who, "polls");
}

Response AdminPages::polls(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return polls_page(200, s, who, "", r.param("da-luu").has_value());
}

Response AdminPages::poll_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                               std::string_view id_text) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  std::optional<Id> id;
  if (!id_text.empty() && !(id = parse_id(id_text))) return error(404, s, &who);
  if (id && form_value(form, "xoa") == "1") {
    if (auto st = widgets_->delete_poll(s.site.id, *id, actor(who, r)); !st) return error(404, s, &who);
    return Response::redirect("/quan-tri/binh-chon?da-luu=1");
  }
  Poll p;
  p.site_id = s.site.id;
  p.id = id.value_or(0);
  p.question = form_value(form, "cau-hoi");
  p.multiple = form_value(form, "nhieu") == "1";
  p.opens_at = render::parse_local_datetime(form_value(form, "bat-dau"));
  p.closes_at = render::parse_local_datetime(form_value(form, "ket-thuc"));
  if (form_value(form, "dong-ngay") == "1") p.closes_at = widgets_->now();
  auto cat = parse_id(form_value(form, "chuyen-muc"));
  p.category_id = cat && s.find(*cat) ? *cat : 0;
  std::vector<PollOption> old;
  if (id) {
    auto existing = widgets_->store().poll(s.site.id, *id);
    if (!existing) return error(404, s, &who);
    old = existing->options;
  }
  auto labels = lines_of(form_value(form, "phuong-an"));
  for (std::size_t i = 0; i < labels.size(); ++i)
    p.options.push_back({labels.size() == old.size() ? old[i].id : 0, labels[i], static_cast<int>(i), 0});
  auto saved = widgets_->save_poll(p, actor(who, r));
  if (!saved) {
    if (saved.status().code() == Code::not_found) return error(404, s, &who);
    return polls_page(422, s, who, sentence(saved.status().message()), false);
  }
  return Response::redirect("/quan-tri/binh-chon?da-luu=1");
}

// ---- Videos ----

Response AdminPages::videos_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& error,
                                 bool saved) {
  Data v = form_page(who, error, saved);
  put(v, "limit_mb", std::to_string(upload_limit_ / (1024 * 1024)));
  List rows;
  for (const auto& x : need(widgets_->store().videos(s.site.id, 200))) {
    Data d;
    put(d, "id", std::to_string(x.id));
    put(d, "title", x.title);
    put(d, "kind", x.file_name.empty() ? "Nhúng" : (x.mime == "video/webm" ? "WebM" : "MP4"));
    put(d, "captions", !x.captions_file.empty());
    put(d, "date", render::format_datetime(x.created_at));
    put(d, "csrf", who.session.csrf);
    rows.push_back(d);
  }
  put(v, "none", rows.empty());
  v.set("videos", rows);
  return page(status, "Chương trình truyền hình", "admin_videos", std::move(v), s, &who, "videos");
}

Response AdminPages::videos(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return videos_page(200, s, who, "", r.param("da-luu").has_value());
}

Response AdminPages::video_upload(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  auto boundary = http::multipart_boundary(r.header("content-type"));
  if (!boundary) return videos_page(400, s, who, "Biểu mẫu tải lên không đúng định dạng (multipart/form-data).", false);
  auto parts = http::parse_multipart(r.body, *boundary);
  if (!parts) return videos_page(400, s, who, "Dữ liệu tải lên bị hỏng. Vui lòng thử lại.", false);
  std::string title, embed;
  std::string_view video, captions;
  for (const auto& p : *parts) {
    if (p.name == "ten") title = p.data;
    else if (p.name == "nhung") embed = p.data;
    else if (p.name == "tep") video = p.data;
    else if (p.name == "phu-de") captions = p.data;
  }
  while (!embed.empty() && (embed.back() == ' ' || embed.back() == '\r' || embed.back() == '\n')) embed.pop_back();
  auto id = widgets_->add_video(s.site.id, title, video, captions, embed, actor(who, r));
  if (!id) {
    auto code = id.status().code();
    return videos_page(code == Code::unsupported ? 415 : code == Code::io ? 503 : 422, s, who,
                       sentence(id.status().message()), false);
  }
  return Response::redirect("/quan-tri/video?da-luu=1");
}

Response AdminPages::video_delete(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                  std::string_view id_text) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  auto id = parse_id(id_text);
  if (!id || !widgets_->delete_video(s.site.id, *id, actor(who, r))) return error(404, s, &who);
  return Response::redirect("/quan-tri/video?da-luu=1");
}

// ---- Visit statistics ----

Response AdminPages::visit_stats(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  std::int64_t today = render::vn_day(widgets_->now());
  std::int64_t first = today - 89;
  auto days = need(widgets_->store().visit_days(s.site.id, first));
  widgets::VisitStats now = widgets_->visits().stats(s.site.id);
  // Today's row includes what has not been flushed yet.
  bool has_today = false;
  for (auto& d : days)
    if (d.day == today) d.views = now.today, has_today = true;
  if (!has_today && now.today) days.push_back({today, now.today});
  std::string summary;
  Data v;
  put(v, "chart", visits_chart(days, first, today, summary));
  put(v, "summary", summary);
  put(v, "online", render::group_digits(now.online));
  put(v, "today", render::group_digits(now.today));
  put(v, "yesterday", render::group_digits(now.yesterday));
  put(v, "this_month", render::group_digits(now.this_month));
  put(v, "total", render::group_digits(now.total));
  List rows;
  for (auto it = days.rbegin(); it != days.rend(); ++it) {
    Data x;
    put(x, "day", render::format_date((it->day) * 86400));
    put(x, "views", render::group_digits(it->views));
    rows.push_back(x);
  }
  put(v, "none", rows.empty());
  v.set("days", rows);
  return page(200, "Thống kê truy cập", "admin_stats", std::move(v), s, &who, "stats");
}

}  // namespace portico::newsroom
