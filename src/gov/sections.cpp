#include "gov/sections.h"

#include <map>
#include <string>
#include <vector>

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

Result<Id> create_site(Store& store, const Site& site) {
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
