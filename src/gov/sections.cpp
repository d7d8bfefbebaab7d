#include "gov/sections.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "content/content_service.h"
#include "gov/public_forms.h"
#include "http/message.h"
#include "render/colour.h"
#include "text/unicode.h"

namespace portico::gov {

namespace {

constexpr DefaultSection kSections[] = {
    {"Giới thiệu", nullptr, "/gioi-thieu", "Chức năng, nhiệm vụ, cơ cấu tổ chức và thông tin liên hệ."},
    {"Cơ cấu tổ chức", "Giới thiệu", "/gioi-thieu/co-cau-to-chuc", "Các cơ quan, đơn vị và lãnh đạo."},
    {"Liên hệ", "Giới thiệu", "/lien-he", "Địa chỉ, điện thoại, thư điện tử và bản đồ."},
    {"Tin tức – Sự kiện", nullptr, "", "Tin hoạt động của cơ quan và địa phương."},
    {"Chỉ đạo – Điều hành", nullptr, "",
     "Ý kiến chỉ đạo, kết luận và thông báo của lãnh đạo trong điều hành công việc."},
    {"Lịch công tác", "Chỉ đạo – Điều hành", "/lich-cong-tac", "Lịch làm việc hằng tuần của lãnh đạo."},
    {"Văn bản", nullptr, "/van-ban", "Văn bản quy phạm pháp luật, chỉ đạo, điều hành và văn bản khác."},
    {"Chiến lược – Quy hoạch – Kế hoạch", nullptr, "",
     "Chiến lược, định hướng, quy hoạch và kế hoạch phát triển kinh tế – xã hội."},
    {"Thủ tục hành chính", nullptr, "https://dichvucong.gov.vn",
     "Tra cứu và nộp hồ sơ thủ tục hành chính trực tuyến trên Cổng Dịch vụ công quốc gia."},
    {"Phát ngôn báo chí", nullptr, "", "Người phát ngôn và nội dung phát ngôn, cung cấp thông tin cho báo chí."},
    {"Tiếp cận thông tin", nullptr, "",
     "Thông tin được công khai và cách yêu cầu cung cấp thông tin theo Luật Tiếp cận thông tin."},
    {"Thông tin tổng hợp", "Tiếp cận thông tin", "/thong-tin-tong-hop", "Số liệu thống kê, bảng và biểu đồ."},
    {"Tài chính – Ngân sách", nullptr, "", "Công khai dự toán, tình hình thực hiện và quyết toán ngân sách."},
    {"Đấu thầu – Mua sắm công", nullptr, "",
     "Kế hoạch lựa chọn nhà thầu, thông báo mời thầu và kết quả lựa chọn nhà thầu."},
    {"Lấy ý kiến dự thảo", nullptr, "/lay-y-kien", "Dự thảo văn bản đang lấy ý kiến nhân dân."},
    {"Hỏi đáp", nullptr, "/hoi-dap", "Gửi câu hỏi, góp ý và xem các câu trả lời đã công bố."},
};

}  // namespace

std::span<const DefaultSection> default_sections() { return kSections; }

std::optional<std::string> monitor_origin(std::string_view url) {
  if (url.size() > 500 || !url.starts_with("https://")) return std::nullopt;
  // What an address may hold, less what could end an attribute or a policy's source list.
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f || std::string_view("\"'<>\\`{}|^;, ").find(static_cast<char>(c)) != std::string_view::npos)
      return std::nullopt;
  auto authority = http::authority_of(url);
  if (!authority || authority->empty() || authority->find_first_of("@*") != std::string_view::npos) return std::nullopt;
  return "https://" + std::string(*authority);
}

Status check_site(Site& x, const std::vector<Site>& all) {
  auto invalid = [](std::string m) { return Status::error(Code::invalid, std::move(m)); };
  for (std::string* t : {&x.name, &x.kind, &x.agency, &x.responsible, &x.address, &x.phone, &x.email})
    if (!text::is_valid_utf8(*t)) return invalid("dữ liệu không phải UTF-8 hợp lệ");
  x.name = text::to_nfc(x.name);
  x.kind = text::to_nfc(x.kind);
  if (x.name.empty() || x.name.size() > 200) return invalid("tên trang cần có, không quá 200 byte");
  if (x.kind.size() > 120) return invalid("loại trang (Tỉnh, Xã, Phường…) không quá 40 ký tự");
  if (x.portal_title.empty()) x.portal_title = "Cổng thông tin điện tử";
  for (auto& c : x.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Labels of lower-case letters, digits and inner hyphens, joined by dots; no port (the
  // server matches the Host header without one). A sub-portal without a host of its own is
  // served under a path of its parent's: "tuyenquang.gov.vn/xa-hung-loi".
  const std::string base = content::site_base(x.host);
  const std::string host = x.host.substr(0, x.host.size() - base.size());
  bool host_ok = !host.empty() && x.host.size() <= 253;
  std::size_t label = 0;
  for (std::size_t i = 0; host_ok && i <= host.size(); ++i) {
    char c = i < host.size() ? host[i] : '.';
    if (c == '.') {
      host_ok = label > 0 && label <= 63 && host[i - 1] != '-' && host[i - label] != '-';
      label = 0;
    } else {
      host_ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      ++label;
    }
  }
  if (!host_ok)
    return invalid("tên miền chỉ gồm chữ thường không dấu, số, dấu chấm và gạch nối (ví dụ xatrungson.tuyenquang.gov.vn)");
  if (!base.empty()) {
    std::string_view segment = std::string_view(base).substr(1);
    bool ok = !segment.empty() && segment.size() <= 63 && segment.front() != '-' && segment.back() != '-' &&
              segment.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
    if (content::reserved_segment(segment))
      return invalid("đường dẫn /" + std::string(segment) + " là một mục của cổng, không dùng cho cổng thành phần");
    if (!ok)
      return invalid("đường dẫn của cổng thành phần là một đoạn chữ thường không dấu, số và gạch nối, ví dụ " + host +
                     "/xa-hung-loi");
    auto parent = std::find_if(all.begin(), all.end(), [&](const Site& s) { return s.id == x.parent_id; });
    if (!x.parent_id || parent == all.end() || parent->host != host)
      return invalid("cổng thành phần theo đường dẫn nằm dưới tên miền của cổng cha: " +
                     (parent != all.end() && x.parent_id ? parent->host + "/" + std::string(segment) : "cần có cổng cha"));
  }
  // Maintenance and monitoring (model.h).
  if (!text::is_valid_utf8(x.notice)) return invalid("dữ liệu không phải UTF-8 hợp lệ");
  x.notice = text::to_nfc(x.notice);
  if (char_count(x.notice) > 1000) return invalid("thông báo bảo trì không quá 1.000 ký tự");
  if (x.notice_from < 0 || x.notice_until < 0 || (x.notice_until && x.notice_until <= x.notice_from))
    return invalid("thời điểm thôi hiện thông báo phải sau thời điểm bắt đầu hiện");
  if (!x.monitor_script.empty() && !monitor_origin(x.monitor_script))
    return invalid("mã theo dõi EMC là một địa chỉ https://… (không dấu cách, không dấu nháy), không quá 500 ký tự");
  if (x.brand_color.empty()) x.brand_color = render::kDefaultBrand;
  auto colour = render::parse_colour(x.brand_color);
  if (!colour) return invalid("màu chủ đạo viết dạng #rrggbb, ví dụ #a50e0e");
  x.brand_color = render::to_hex(*colour);
  double ratio = render::contrast_ratio(*colour, {255, 255, 255});
  if (ratio < 4.5) {
    char shown[16];
    std::snprintf(shown, sizeof shown, "%.1f", ratio);
    for (char& c : shown)
      if (c == '.') c = ',';  // as Vietnamese write decimals
    return invalid("màu " + x.brand_color + " quá sáng: chữ trắng trên nền màu này chỉ đạt độ tương phản " + shown +
                   ":1, cần ít nhất 4,5:1 (WCAG AA). Hãy chọn màu đậm hơn");
  }
  for (const auto& s : all) {
    if (s.id == x.id) continue;
    if (s.host == x.host) return Status::error(Code::conflict, "tên miền " + x.host + " đã có trang " + s.name);
  }
  // The parent exists, and walking up from it never meets the site itself.
  for (Id up = x.parent_id, steps = 0; up; ++steps) {
    if (up == x.id && x.id) return invalid("trang cha không thể là chính trang này hay một trang thuộc nó");
    auto p = std::find_if(all.begin(), all.end(), [up](const Site& s) { return s.id == up; });
    if (p == all.end()) return Status::error(Code::not_found, "không có trang cha này");
    if (steps > static_cast<Id>(all.size())) break;
    up = p->parent_id;
  }
  return Status::ok();
}

Status update_site(Store& store, Site site) {
  auto all = store.sites();
  if (!all) return all.status();
  if (auto st = check_site(site, *all); !st) return st;
  // The emblem and the masthead image: images of the site's own library.
  for (Id id : {site.logo_media_id, site.banner_media_id})
    if (id) {
      auto m = store.media(site.id, id);
      if (!m || m->mime.rfind("image/", 0) != 0)
        return Status::error(Code::invalid, "biểu trưng và ảnh đầu trang phải là ảnh trong thư viện của trang này");
    }
  auto before = store.site(site.id);
  if (auto st = store.update_site(site); !st) return st;
  // Its sub-portals under a path of its host move with it (tuyenquang.gov.vn/xa-hung-loi).
  if (before && before->host != site.host)
    for (Site child : *all)
      if (std::string base = content::site_base(child.host); child.parent_id == site.id && !base.empty()) {
        child.host = site.host + base;
        if (auto st = store.update_site(child); !st) return st;
      }
  return Status::ok();
}

Result<Id> create_site(Store& store, Site site) {
  auto all = store.sites();
  if (!all) return all.status();
  if (auto st = check_site(site, *all); !st) return st;
  site.slug = text::slugify(site.name);
  for (const auto& s : *all)
    if (s.slug == site.slug) return Status::error(Code::conflict, "đã có trang mang tên " + s.name);
  std::vector<Category> sections;
  std::map<std::string, Id> index;  // name → 1-based position in `sections`
  std::map<Id, int> positions;      // last position used under each parent
  for (const auto& s : kSections) {
    Id parent = s.parent ? index.at(s.parent) : 0;
    sections.push_back({0, 0, parent, s.name, "", ++positions[parent], s.description, false, s.link});
    index[s.name] = static_cast<Id>(sections.size());
  }
  return store.create_site(site, std::move(sections));
}

}  // namespace portico::gov
