// The sidebar: service rules (ratings, votes, visitors) and the widgets' rendering.
#include "widgets/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>


#include "media/images.h"
#include "core/secrets.h"
#include "render/vn_time.h"
#include "text/html.h"
#include "text/unicode.h"

namespace portico::widgets {

using http::Request;
using http::Response;
using render::Data;
using render::List;
using render::put;

namespace {

bool safe_id(std::string_view s) {
  return !s.empty() && s.size() <= 64 &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == std::string_view::npos;
}

}  // namespace

VisitorId visitor_of(const Request& r) {
  std::string c = r.cookie("khach");
  if (c.size() >= 22 && safe_id(c)) return {c, false};
  return {random_token(), true};
}

std::uint64_t visitor_hash(const Request& r) {
  // FNV-1a over the visitor cookie when there is one, else address and browser; no allocation.
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;  // a separator, so "ab"+"c" differs from "a"+"bc"
  };
  std::string_view cookies = r.header("cookie");
  if (auto at = cookies.find("khach="); at != std::string_view::npos && (at == 0 || cookies[at - 1] == ' ' || cookies[at - 1] == ';')) {
    std::string_view v = cookies.substr(at + 6);
    v = v.substr(0, v.find(';'));
    if (!v.empty() && v.size() <= 64) {
      mix(v);
      return h;
    }
  }
  mix(r.remote);
  mix(r.header("user-agent").substr(0, 256));
  return h;
}

namespace {
std::string coordinate(double v) {
  char out[32];
  std::snprintf(out, sizeof out, "%.6f", v);
  return out;
}
}  // namespace

std::string map_link(const Place& p) {
  std::string lat = coordinate(p.lat), lon = coordinate(p.lon);
  return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=16/" + lat + "/" + lon;
}

std::string embed_url(std::string_view url, const std::vector<std::string>& allowed) {
  if (url.size() > 500 || url.find_first_of(" \"'<>\\\r\n\t") != std::string_view::npos) return {};
  if (url.rfind("https://", 0) != 0) return {};
  std::string_view rest = url.substr(8);
  std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  std::string_view path = rest.substr(host.size());
  std::string h(host);
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (std::find(allowed.begin(), allowed.end(), h) == allowed.end()) return {};
  auto query_value = [&](std::string_view name) -> std::string_view {
    auto q = path.find('?');
    if (q == std::string_view::npos) return {};
    std::string_view qs = path.substr(q + 1);
    while (!qs.empty()) {
      auto amp = qs.find('&');
      std::string_view kv = qs.substr(0, amp);
      if (kv.substr(0, name.size() + 1) == std::string(name) + "=") return kv.substr(name.size() + 1);
      qs = amp == std::string_view::npos ? std::string_view() : qs.substr(amp + 1);
    }
    return {};
  };
  auto segment_after = [&](std::string_view prefix) -> std::string_view {
    if (path.substr(0, prefix.size()) != prefix) return {};
    std::string_view s = path.substr(prefix.size());
    return s.substr(0, s.find_first_of("/?#"));
  };
  std::string_view id;
  if (h == "youtu.be") id = segment_after("/");
  else if (h.find("youtube") != std::string::npos) {
    id = path.rfind("/watch", 0) == 0 ? query_value("v") : segment_after("/embed/");
  } else if (h.find("vimeo.com") != std::string::npos) {
    id = h == "player.vimeo.com" ? segment_after("/video/") : segment_after("/");
    if (id.find_first_not_of("0123456789") != std::string_view::npos) id = {};
    if (safe_id(id)) return "https://player.vimeo.com/video/" + std::string(id);
    return {};
  } else {
    return std::string(url);  // another allowed host: its address is its embed
  }
  if (!safe_id(id)) return {};
  return "https://www.youtube-nocookie.com/embed/" + std::string(id);
}

std::string content_security_policy(const WidgetOptions& o) {
  std::string img = "'self' data:";
  if (auto a = http::authority_of(o.map_tiles)) {
    std::string host(*a);
    if (auto s = host.find("{s}."); s != std::string::npos) host.replace(s, 4, "*.");
    img += " " + o.map_tiles.substr(0, o.map_tiles.find("://") + 3) + host;
  }
  std::string frames;
  for (const auto& h : o.video_hosts) frames += " https://" + h;
  if (std::find(o.video_hosts.begin(), o.video_hosts.end(), "youtube.com") != o.video_hosts.end() ||
      std::find(o.video_hosts.begin(), o.video_hosts.end(), "youtu.be") != o.video_hosts.end())
    frames += " https://www.youtube-nocookie.com";
  if (frames.empty()) frames = " 'none'";
  // Forms may lead elsewhere: "Website liên kết" answers with a redirect to the chosen site.
  return "default-src 'self'; img-src " + img + "; style-src 'self'; script-src 'self'; font-src 'self'; "
         "media-src 'self'; frame-src" + frames + "; object-src 'none'; base-uri 'self'; "
         "form-action 'self' https: http:; frame-ancestors 'self'";
}

Widgets::Widgets(Store& store, const Clock& clock, content::ContentService& content, content::PublicPages& pages,
                 const render::Templates& templates, const http::Assets& assets, WidgetOptions options)
    : store_(store),
      clock_(clock),
      content_(content),
      pages_(pages),
      templates_(templates),
      assets_(assets),
      options_(std::move(options)),
      visits_(store, clock),
      votes_limit_(clock, options_.votes_per_address, 600),
      files_(options_.media_dir) {
  add_own_kinds();
}

std::vector<Poll> Widgets::open_polls(Id site_id, Id category_id) {
  std::int64_t now = clock_.now();
  std::vector<Poll> out;
  for (auto& p : need(store_.polls(site_id)))
    if (p.opens_at <= now && now < p.closes_at && (p.category_id == 0 || p.category_id == category_id))
      out.push_back(std::move(p));
  return out;
}

namespace {

// "33,3" with a decimal comma.
std::string one_decimal(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  std::string s = buf;
  if (auto dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ",0") == 0) s.resize(s.size() - 2);
  return s;
}

// WMO weather interpretation codes, in Vietnamese.
const char* weather_text(int code) {
  if (code == 0) return "Trời quang";
  if (code <= 2) return "Ít mây";
  if (code == 3) return "Nhiều mây";
  if (code == 45 || code == 48) return "Sương mù";
  if (code >= 51 && code <= 57) return "Mưa phùn";
  if (code >= 61 && code <= 67) return "Mưa";
  if (code >= 71 && code <= 77) return "Tuyết";
  if (code >= 80 && code <= 82) return "Mưa rào";
  if (code >= 85 && code <= 86) return "Mưa tuyết";
  if (code >= 95) return "Dông";
  return "Không rõ";
}

}  // namespace

Data Widgets::poll_data(const Poll& p, bool with_form) const {
  Data d;
  put(d, "id", std::to_string(p.id));
  put(d, "question", p.question);
  put(d, "input_type", p.multiple ? "checkbox" : "radio");
  put(d, "multiple", p.multiple);
  put(d, "closes", render::format_datetime(p.closes_at));
  put(d, "closes_iso", render::format_iso(p.closes_at));
  std::int64_t total = 0;
  for (const auto& o : p.options) total += o.votes;
  List options;
  for (const auto& o : p.options) {
    Data x;
    put(x, "id", std::to_string(o.id));
    put(x, "poll", std::to_string(p.id));
    put(x, "label", o.label);
    double pct = total ? 100.0 * static_cast<double>(o.votes) / static_cast<double>(total) : 0.0;
    put(x, "votes", render::group_digits(o.votes));
    x.set("percent", std::to_string(static_cast<int>(std::lround(pct))));
    x.set("percent_text", one_decimal(pct) + "%");
    options.push_back(std::move(x));
  }
  d.set("options", std::move(options));
  d.set("voters", render::group_digits(p.voters));
  put(d, "with_form", with_form);
  return d;
}

void Widgets::add_own_kinds() {
  // The default order is the reference portal's, with the two lists first; gov adds
  // "Thông tin tổng hợp" after "Chuyên mục".
  add_kind({"tin-moi", "Tin mới nhất", "is_latest", [this](const content::PageContext& c, Id category_id, Data& d, List& items) {
    for (const auto& a : content_.latest(*c.site, 5)) {
      Data x;
      put(x, "title", a.title);
      put(x, "url", content::PublicPages::article_path(a.slug));
      put(x, "date", render::format_datetime(a.published_at));
      put(x, "date_iso", render::format_iso(a.published_at));
      items.push_back(std::move(x));
    }
  }});
  add_kind({"chuyen-muc", "Chuyên mục", "is_categories", [this](const content::PageContext& c, Id category_id, Data& d, List& items) {
    for (const auto& [cat, depth] : c.site->news()) {  // the news categories, the ones under another indented
      Data x;
      put(x, "label", cat->name);
      put(x, "url", content::PublicPages::category_path(cat->slug));
      put(x, "current", c.request.path == content::PublicPages::category_path(cat->slug));
      put(x, "depth", std::to_string(std::min(depth, 2)));
      items.push_back(std::move(x));
    }
  }});
  add_kind({"ban-do", "Bản đồ", "is_map", [this](const content::PageContext& c, Id category_id, Data& d, List& items) {
    for (const auto& p : need(store_.places(c.site->site.id))) {
      Data x;
      put(x, "name", p.name);
      put(x, "address", p.address);
      put(x, "lat", coordinate(p.lat));
      put(x, "lon", coordinate(p.lon));
      put(x, "osm_url", map_link(p));
      items.push_back(std::move(x));
    }
    if (!items.empty()) {
      put(d, "tiles", options_.map_tiles);
      put(d, "attribution", options_.map_attribution);
      put(d, "icon", assets_.url("vendor/leaflet/images/marker-icon.png"));
      put(d, "icon2x", assets_.url("vendor/leaflet/images/marker-icon-2x.png"));
      put(d, "shadow", assets_.url("vendor/leaflet/images/marker-shadow.png"));
      // Leaflet loads when the reader asks for the map (map.js), not with the page.
      put(d, "leaflet_css", assets_.url("vendor/leaflet/leaflet.css"));
      put(d, "leaflet_js", assets_.url("vendor/leaflet/leaflet.js"));
    }
  }});
  add_kind({"truyen-hinh", "Chương trình truyền hình", "is_video", [this](const content::PageContext& c, Id category_id, Data& d, List& items) {
    auto videos = need(store_.videos(c.site->site.id, 6));
    if (!videos.empty()) {
      const Video& v = videos.front();
      Data player;
      put(player, "title", v.title);
      if (!v.file_name.empty()) {
        put(player, "src", "/media/" + http::url_encode(v.file_name));
        put(player, "mime", v.mime);
        if (!v.captions_file.empty()) put(player, "captions", "/media/" + http::url_encode(v.captions_file));
      } else {
        put(player, "embed", v.embed_url);
      }
      d.set("player", std::move(player));
      for (std::size_t i = 1; i < videos.size(); ++i) {
        Data x;
        put(x, "title", videos[i].title);
        put(x, "url", "/video/" + std::to_string(videos[i].id));
        items.push_back(std::move(x));
      }
    }
    put(d, "has_video", !videos.empty());
  }});
  add_kind({"lien-ket", "Website liên kết", "is_links", [this](const content::PageContext& c, Id category_id, Data& d, List& items) {
    for (const auto& l : need(store_.links(c.site->site.id))) {
      Data x;
      put(x, "id", std::to_string(l.id));
      put(x, "name", l.name);
      put(x, "url", l.url);
      items.push_back(std::move(x));
    }
  }});
  add_kind({"binh-chon", "Bình chọn", "is_polls", [this](const content::PageContext& c, Id category_id, Data& d, List& items) {
    for (const auto& p : open_polls(c.site->site.id, category_id)) items.push_back(poll_data(p, true));
  }});
  add_kind({"thoi-tiet", "Thời tiết", "is_weather", [this](const content::PageContext& c, Id category_id, Data& d, List& items) {
    auto readings = need(store_.weather(c.site->site.id));
    for (const auto& p : need(store_.places(c.site->site.id))) {
      if (!p.weather) continue;
      auto r = std::find_if(readings.begin(), readings.end(), [&](const WeatherReading& x) { return x.place_id == p.id; });
      if (r == readings.end()) continue;
      Data x;
      put(x, "place", p.name);
      put(x, "temperature", one_decimal(r->temperature));
      put(x, "description", weather_text(r->code));
      put(x, "humidity", std::to_string(static_cast<int>(std::lround(r->humidity))));
      put(x, "wind", one_decimal(r->wind));
      put(x, "time", render::format_datetime(r->observed_at));
      put(x, "time_iso", render::format_iso(r->observed_at));
      items.push_back(std::move(x));
    }
  }});
  add_kind({"thong-ke", "Thống kê truy cập", "is_stats", [this](const content::PageContext& c, Id category_id, Data& d, List& items) {
    VisitStats v = visits_.stats(c.site->site.id);
    put(d, "online", render::group_digits(v.online));
    put(d, "today", render::group_digits(v.today));
    put(d, "yesterday", render::group_digits(v.yesterday));
    put(d, "this_month", render::group_digits(v.this_month));
    put(d, "total", render::group_digits(v.total));
  
  }});
  // The province's sub-portals, where it has any.
  WidgetKind sub_portals{"cong-thanh-phan", "Cổng thành phần", "is_sub_portals",
                         [this](const content::PageContext& c, Id, Data&, List& items) {
                           auto all = content_.sites();
                           for (const content::SiteContent* s : content::sub_portals(all, c.site->site.id)) {
                             Data x;
                             put(x, "name", s->site.name);
                             put(x, "url", s->origin + "/");
                             items.push_back(std::move(x));
                           }
                         }};
  sub_portals.only_with_items = true;
  add_kind(std::move(sub_portals), "lien-ket");
}

std::vector<Widgets::SiteVisits> Widgets::sub_portal_visits(Id site_id) {
  std::vector<SiteVisits> out;
  auto all = content_.sites();
  for (const content::SiteContent* s : content::sub_portals(all, site_id))
    out.push_back({s->site.name, s->origin + "/", visits_.stats(s->site.id)});
  return out;
}

void Widgets::add_kind(WidgetKind kind, std::string_view after) {
  auto at = std::find_if(kinds_.begin(), kinds_.end(), [&](const WidgetKind& k) { return k.kind == after; });
  kinds_.insert(at == kinds_.end() ? at : at + 1, std::move(kind));
}

const WidgetKind* Widgets::kind(std::string_view name) const {
  for (const auto& k : kinds_)
    if (k.kind == name) return &k;
  return nullptr;
}

std::vector<WidgetSetting> Widgets::order(Id site_id) {
  std::vector<WidgetSetting> order = need(store_.widget_settings(site_id));
  std::erase_if(order, [&](const WidgetSetting& w) { return !kind(w.kind); });
  for (const auto& k : kinds_)
    if (std::none_of(order.begin(), order.end(), [&](const WidgetSetting& w) { return w.kind == k.kind; }))
      order.push_back({k.kind, static_cast<int>(order.size()), true});
  return order;
}

std::string Widgets::sidebar(const content::PageContext& c, Id category_id) {
  List widgets;
  bool map_scripts = false;
  for (const auto& w : order(c.site->site.id)) {
    const WidgetKind* kind = this->kind(w.kind);
    if (!w.visible) continue;
    Data d;
    put(d, "title", kind->title);
    put(d, "kind", w.kind);
    d.set(kind->flag, true);
    List items;
    kind->fill(c, category_id, d, items);
    if (kind->only_with_items && items.empty()) continue;
    if (w.kind == "ban-do" && !items.empty()) map_scripts = true;
    put(d, "empty", items.empty());
    d.set("items", std::move(items));
    widgets.push_back(std::move(d));
  }
  Data all;
  all.set("widgets", std::move(widgets));
  if (map_scripts) {
    Data m;
    put(m, "map_js", assets_.url("js/map.js"));
    all.set("map_assets", std::move(m));
  }
  // The template's indentation and the blank lines its sections leave are bytes every page
  // view would carry: drop them (the sidebar has no <pre> or <textarea>).
  std::string html = templates_.render("sidebar", std::move(all)), out;
  out.reserve(html.size());
  std::size_t start = 0;
  while (start < html.size()) {
    std::size_t end = html.find('\n', start);
    if (end == std::string::npos) end = html.size();
    std::size_t first = html.find_first_not_of(" \t", start);
    if (first < end) out.append(html, first, end - first).push_back('\n');
    start = end + 1;
  }
  return out;
}

namespace {

Status invalid(const char* why) { return Status::error(Code::invalid, why); }

bool one_line(const std::string& s, std::size_t max) {
  return !s.empty() && s.size() <= max && text::is_valid_utf8(s) && s.find_first_of("\r\n") == std::string::npos;
}

}  // namespace

Result<Id> Widgets::save_poll(Poll p, const Actor& who) {
  if (!one_line(p.question, 300)) return invalid("câu hỏi cần có, không quá 300 ký tự, trên một dòng");
  std::erase_if(p.options, [](const PollOption& o) { return o.label.empty(); });
  if (p.options.size() < 2 || p.options.size() > 20) return invalid("cần từ 2 đến 20 phương án");
  for (const auto& o : p.options)
    if (!one_line(o.label, 200)) return invalid("mỗi phương án không quá 200 ký tự, trên một dòng");
  if (p.opens_at <= 0 || p.closes_at <= p.opens_at) return invalid("thời gian kết thúc phải sau thời gian bắt đầu");
  Id site = p.site_id;
  const char* action = p.id ? "poll_update" : "poll_add";
  std::string question = p.question;
  return announce(site, store_.save_poll(std::move(p), clock_.now()), who, action, {}, question);
}

Result<Id> Widgets::save_link(Link l, const Actor& who) {
  if (!one_line(l.name, 200)) return invalid("tên website cần có, không quá 200 ký tự");
  if (!text::is_link_address(l.url, false))
    return invalid("địa chỉ phải bắt đầu bằng http:// hoặc https:// và không có dấu cách");
  Id site = l.site_id;
  return announce(site, store_.save_link(std::move(l)), who, "widgets_update", "lien-ket");
}

Result<Id> Widgets::save_place(Place p, const Actor& who) {
  if (!one_line(p.name, 200)) return invalid("tên địa điểm cần có, không quá 200 ký tự");
  if (p.address.size() > 300 || !text::is_valid_utf8(p.address)) return invalid("địa chỉ không quá 300 ký tự");
  if (!std::isfinite(p.lat) || !std::isfinite(p.lon) || p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180)
    return invalid("vĩ độ phải từ -90 đến 90, kinh độ từ -180 đến 180");
  Id site = p.site_id;
  return announce(site, store_.save_place(std::move(p)), who, "widgets_update", "dia-diem");
}

Status Widgets::save_order(Id site_id, std::vector<WidgetSetting> settings, const Actor& who) {
  for (const auto& w : settings) {
    if (!kind(w.kind)) return invalid("không có tiện ích này");
    if (w.position < 1 || w.position > 100) return invalid("vị trí của mỗi tiện ích phải là số từ 1 đến 100");
  }
  std::stable_sort(settings.begin(), settings.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
  for (std::size_t i = 0; i < settings.size(); ++i) settings[i].position = static_cast<int>(i);
  return announce(site_id, store_.save_widget_settings(site_id, settings), who, "widgets_update", "thu-tu");
}

Status Widgets::delete_poll(Id site_id, Id id, const Actor& who) {
  return announce(site_id, store_.delete_poll(site_id, id), who, "poll_delete", std::to_string(id));
}

Status Widgets::delete_link(Id site_id, Id id, const Actor& who) {
  return announce(site_id, store_.delete_link(site_id, id), who, "widgets_update", "lien-ket", "xoa");
}

Status Widgets::delete_place(Id site_id, Id id, const Actor& who) {
  return announce(site_id, store_.delete_place(site_id, id), who, "widgets_update", "dia-diem", "xoa");
}

Result<Id> Widgets::add_video(Id site_id, std::string title, std::string_view video, std::string_view captions,
                              std::string_view embed, const Actor& who) {
  if (!one_line(title, 300)) return invalid("tên chương trình cần có, không quá 300 ký tự");
  Video v;
  v.site_id = site_id;
  v.title = std::move(title);
  v.created_at = clock_.now();
  if (video.empty() == embed.empty()) return invalid("chọn một tệp video hoặc nhập một địa chỉ nhúng, không cả hai");
  if (!embed.empty()) {
    v.embed_url = embed_url(embed, options_.video_hosts);
    if (v.embed_url.empty()) return invalid("địa chỉ nhúng phải là https từ một trang được phép (YouTube, Vimeo)");
    if (!captions.empty()) return invalid("phụ đề chỉ dùng cho tệp video tải lên");
    std::string name = v.title;
    return announce(site_id, store_.create_video(std::move(v)), who, "video_add", {}, name);
  }
  auto type = media::sniff_video(video);
  if (!type) return Status::error(Code::unsupported, "chỉ nhận video MP4 hoặc WebM");
  if (!captions.empty() && (!media::is_webvtt(captions) || !text::is_valid_utf8(captions)))
    return Status::error(Code::unsupported, "phụ đề phải là tệp WebVTT (.vtt)");
  media::Upload written(files_);  // removed again unless the row is stored
  auto file = written.write("video", type->extension, video);
  if (!file) return Status::error(Code::io, "không ghi được tệp video");
  v.file_name = *file;
  v.mime = type->mime;
  if (!captions.empty()) {
    auto vtt = written.write("video", "vtt", captions);
    if (!vtt) return Status::error(Code::io, "không ghi được tệp phụ đề");
    v.captions_file = *vtt;
  }
  std::string name = v.title;
  auto id = store_.create_video(std::move(v));
  if (id) written.keep();
  return announce(site_id, std::move(id), who, "video_add", {}, name);
}

Status Widgets::delete_video(Id site_id, Id id, const Actor& who) {
  auto v = store_.video(site_id, id);
  if (!v) return v.status();
  if (auto st = store_.delete_video(site_id, id); !st) return st;
  files_.remove(v->file_name);
  files_.remove(v->captions_file);
  return announce(site_id, Status::ok(), who, "video_delete", std::to_string(id));
}

}  // namespace portico::widgets
