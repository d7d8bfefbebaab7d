// The newsroom's media library: the grid of uploads with snippets to paste, and the upload.
#include "newsroom/admin_pages.h"

#include <algorithm>

#include "http/multipart.h"
#include "text/html.h"
#include "newsroom/admin_forms.h"
#include "text/unicode.h"

namespace portico::newsroom {

Response AdminPages::media_page(int status, const content::SiteContent& s, const SignedIn& who, const std::string& err,
                               bool uploaded) {
  Data v;
  put(v, "csrf", who.session.csrf);
  put(v, "error", err);
  put(v, "uploaded", uploaded);
  put(v, "can_upload", who.may(Action::write_article));
  put(v, "limit_mb", std::to_string(upload_limit_ / (1024 * 1024)));
  auto items = need(newsroom_.recent_media(s.site.id));
  List list;
  for (const auto& m : items) {
    Data x;
    std::string url = "/media/" + m.file_name;
    std::string thumb = url;
    if (!m.renditions.empty()) {  // the narrowest rendition is enough for the grid
      auto base = m.file_name.substr(0, m.file_name.rfind('-'));
      thumb = "/media/" + base + "-" + m.renditions.substr(0, m.renditions.find(',')) + ".webp";
    }
    put(x, "id", std::to_string(m.id));
    put(x, "thumb", thumb);
    put(x, "alt", m.alt);
    put(x, "width", std::to_string(m.width));
    put(x, "height", std::to_string(m.height));
    bool image = m.mime.rfind("image/", 0) == 0;
    put(x, "image", image);
    if (image) {
      put(x, "snippet", "<figure><img src=\"" + url + "\" alt=\"" + text::escape_html(m.alt) + "\" width=\"" +
                            std::to_string(m.width) + "\" height=\"" + std::to_string(m.height) +
                            "\"><figcaption></figcaption></figure>");
    } else {
      std::string ext = m.file_name.substr(m.file_name.rfind('.') + 1);
      for (auto& c : ext) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      put(x, "kind", ext);
      put(x, "url", url);
      put(x, "size", std::to_string((m.bytes + 1023) / 1024) + " KB");
      put(x, "snippet", "<p><a href=\"" + url + "\">" + text::escape_html(m.alt) + "</a> (" + ext + ", " +
                            std::to_string((m.bytes + 1023) / 1024) + " KB)</p>");
    }
    list.push_back(x);
  }
  v.set("items", Data(list));
  put(v, "empty", items.empty());
  return page(status, "Thư viện ảnh", "admin_media", std::move(v), s, &who, "media");
}

Response AdminPages::media(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return media_page(200, s, who, "", r.param("da-tai").has_value());
}

Response AdminPages::upload(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  auto boundary = http::multipart_boundary(r.header("content-type"));
  if (!boundary) return media_page(400, s, who, "Biểu mẫu tải lên không đúng định dạng (multipart/form-data).", false);
  auto parts = http::parse_multipart(r.body, *boundary);
  if (!parts) return media_page(400, s, who, "Dữ liệu tải lên bị hỏng. Vui lòng thử lại.", false);
  const http::Part* file = nullptr;
  std::string alt;
  for (const auto& p : *parts) {
    if (p.name == "mo-ta") alt = p.data;
    else if (p.name == "tep") file = &p;
  }
  if (!file || file->data.empty()) return media_page(422, s, who, "Hãy chọn một tệp ảnh.", false);
  if (!text::is_valid_utf8(alt)) return media_page(400, s, who, "Mô tả ảnh không phải văn bản hợp lệ.", false);
  auto m = newsroom_.upload(who, file->data, alt, r.remote);
  if (!m) {
    auto code = m.status().code();
    if (code == Code::forbidden) return error(403, s, &who);
    std::string msg = sentence(m.status().message());
    return media_page(code == Code::unsupported ? 415 : 422, s, who, msg, false);
  }
  return Response::redirect("/quan-tri/tep?da-tai=" + std::to_string(m->id));
}

}  // namespace portico::newsroom
