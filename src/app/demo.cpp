// Demo content for a first start. The text is Vietnamese, as a district portal would publish.
#include "app/demo.h"

#include <cstdio>
#include <vector>

#include "app/demo_reference.h"
#include "gov/sections.h"
#include "media/file_store.h"
#include "render/vn_time.h"
#include "text/html.h"

namespace portico::app {

namespace {

struct DemoCategory {
  const char* name;  // a default section's, or a new category under "Tin tức – Sự kiện"
  const char* description;  // empty: keep the default section's
  const char* color;        // of its illustration
};

constexpr const char* kNews = "Tin tức – Sự kiện";

constexpr DemoCategory kCategories[] = {
    {kNews, "Tin hoạt động của huyện và các xã, thị trấn.", "#1f5f8b"},
    {"Xây dựng Đảng", "Công tác xây dựng Đảng, chính quyền và hệ thống chính trị.", "#a50e0e"},
    {"Kinh tế", "Nông nghiệp, công nghiệp, thương mại, du lịch và đầu tư.", "#2e7d32"},
    {"Văn hoá – Xã hội", "Giáo dục, y tế, văn hoá, thể thao và an sinh xã hội.", "#8e4b10"},
    {"Quốc phòng – An ninh", "Quân sự địa phương, an ninh trật tự và an toàn giao thông.", "#37474f"},
    {"Thông báo", "Thông báo, thư mời và lịch công tác của cơ quan.", "#5d3a9b"},
    {"Chỉ đạo – Điều hành", "", "#7a1f5c"},
    {"Chiến lược – Quy hoạch – Kế hoạch", "", "#00695c"},
    {"Phát ngôn báo chí", "", "#455a64"},
    {"Tiếp cận thông tin", "", "#1565c0"},
    {"Tài chính – Ngân sách", "", "#6d4c41"},
    {"Đấu thầu – Mua sắm công", "", "#4e342e"},
};

struct DemoArticle {
  int category;  // index into kCategories
  const char* title;
  const char* lead;
  const char* detail;  // one more paragraph of substance
};

constexpr DemoArticle kArticles[] = {
    {0, "Huyện Yên Sơn tổng kết công tác năm và triển khai nhiệm vụ năm mới",
     "Hội nghị đánh giá kết quả thực hiện các chỉ tiêu kinh tế – xã hội, quốc phòng – an ninh và đề ra giải pháp trọng tâm cho năm tới.",
     "Năm qua, tổng giá trị sản xuất trên địa bàn tăng khá, thu ngân sách vượt dự toán; các xã hoàn thành tốt nhiệm vụ chuyển đổi số và cải cách hành chính."},
    {0, "Khánh thành cầu treo bản Khuôn Hẻ, người dân đi lại thuận tiện",
     "Cây cầu dài 86 mét được xây dựng từ nguồn vốn xã hội hoá, nối hai bờ suối cho hơn 120 hộ dân.",
     "Trước đây, vào mùa mưa lũ, học sinh phải nghỉ học nhiều ngày vì nước suối dâng cao; nay việc đi lại, giao thương đã an toàn hơn."},
    {0, "Đoàn công tác của tỉnh kiểm tra tiến độ xây dựng nông thôn mới",
     "Đoàn đã kiểm tra thực tế tại ba xã đăng ký đạt chuẩn nông thôn mới nâng cao trong năm nay.",
     "Đoàn đề nghị các xã tập trung hoàn thiện tiêu chí môi trường, thu gom rác thải sinh hoạt và nâng cao thu nhập cho người dân."},
    {0, "Ra mắt mô hình “Khu dân cư không có tội phạm” tại thôn Đồng Bài",
     "Mô hình huy động cả cộng đồng tham gia giữ gìn an ninh trật tự, phòng ngừa tệ nạn xã hội.",
     "Mỗi tổ tự quản có tổ trưởng, thường xuyên nắm tình hình và phối hợp với công an xã xử lý kịp thời các vụ việc."},
    {0, "Yên Sơn đón nhận danh hiệu huyện đạt chuẩn nông thôn mới",
     "Lễ đón nhận được tổ chức trang trọng với sự tham dự của lãnh đạo tỉnh và đông đảo nhân dân.",
     "Đây là kết quả của hơn mười năm bền bỉ thực hiện chương trình mục tiêu quốc gia, với sự đồng thuận của người dân."},
    {1, "Hội nghị học tập, quán triệt nghị quyết của Trung ương",
     "Hơn 500 cán bộ chủ chốt tham dự hội nghị theo hình thức trực tiếp kết hợp trực tuyến đến các điểm cầu xã.",
     "Các báo cáo viên đã truyền đạt những nội dung cơ bản, cốt lõi và những điểm mới của nghị quyết."},
    {1, "Nâng cao chất lượng sinh hoạt chi bộ ở nông thôn",
     "Nhiều chi bộ đã đổi mới nội dung sinh hoạt, gắn với những vấn đề thiết thực của thôn, bản.",
     "Sinh hoạt chuyên đề được tổ chức định kỳ hằng quý, tập trung vào phát triển kinh tế hộ gia đình và giữ gìn vệ sinh môi trường."},
    {1, "Trao Huy hiệu Đảng cho các đảng viên lão thành",
     "Nhân dịp kỷ niệm ngày thành lập Đảng, huyện trao Huy hiệu 30, 40, 50 và 60 năm tuổi Đảng cho 85 đảng viên.",
     "Các đảng viên lão thành luôn giữ vững phẩm chất, là tấm gương sáng cho thế hệ trẻ noi theo."},
    {1, "Kiểm tra, giám sát việc thực hiện quy chế dân chủ ở cơ sở",
     "Ủy ban Kiểm tra Huyện ủy tiến hành kiểm tra tại 12 tổ chức cơ sở đảng.",
     "Qua kiểm tra, các đơn vị đã thực hiện công khai, minh bạch các khoản đóng góp của nhân dân và giải quyết kịp thời kiến nghị."},
    {1, "Bồi dưỡng lý luận chính trị cho đảng viên mới",
     "Lớp bồi dưỡng dành cho 96 đảng viên mới kết nạp trong năm, học tập tại Trung tâm Chính trị huyện.",
     "Các học viên được trang bị kiến thức cơ bản về Điều lệ Đảng, nhiệm vụ của người đảng viên và truyền thống của địa phương."},
    {2, "Vùng chè Yên Sơn được mùa, được giá",
     "Năng suất chè búp tươi bình quân đạt 120 tạ mỗi héc-ta, giá bán cao hơn năm trước.",
     "Nhiều hợp tác xã đã liên kết với doanh nghiệp chế biến, áp dụng quy trình sản xuất an toàn và truy xuất nguồn gốc."},
    {2, "Phát triển sản phẩm OCOP từ cây cam sành",
     "Ba sản phẩm từ cam sành của huyện được công nhận đạt chuẩn OCOP ba sao.",
     "Việc chuẩn hoá bao bì, nhãn mác giúp sản phẩm vào được các siêu thị và sàn thương mại điện tử."},
    {2, "Hỗ trợ nông dân chuyển đổi cây trồng trên đất lúa kém hiệu quả",
     "Huyện hỗ trợ giống và kỹ thuật để chuyển hơn 60 héc-ta lúa một vụ sang trồng ngô và rau màu.",
     "Cán bộ khuyến nông trực tiếp hướng dẫn tại đồng ruộng, giúp người dân nắm vững quy trình chăm sóc."},
    {2, "Khởi công cụm công nghiệp phía Nam huyện",
     "Dự án có tổng diện tích 50 héc-ta, dự kiến thu hút các doanh nghiệp chế biến nông, lâm sản.",
     "Khi đi vào hoạt động, cụm công nghiệp sẽ tạo việc làm cho khoảng hai nghìn lao động địa phương."},
    {2, "Du lịch cộng đồng khởi sắc ở các bản người Dao",
     "Nhiều hộ gia đình đã cải tạo nhà sàn thành điểm lưu trú, đón khách trải nghiệm văn hoá bản địa.",
     "Các lớp tập huấn kỹ năng phục vụ khách và quảng bá trên mạng xã hội giúp lượng khách tăng đều qua từng năm."},
    {3, "Khai giảng năm học mới tại các trường trên địa bàn",
     "Hơn 25 nghìn học sinh các cấp bước vào năm học mới trong không khí vui tươi, phấn khởi.",
     "Ngành giáo dục tiếp tục đầu tư cơ sở vật chất, bảo đảm đủ phòng học và giáo viên cho các điểm trường vùng khó."},
    {3, "Lễ hội Lồng tông thu hút đông đảo du khách",
     "Lễ hội truyền thống của đồng bào Tày được tổ chức đầu xuân với nhiều trò chơi dân gian.",
     "Các nghi lễ cầu mùa, hát then, đàn tính được tái hiện, góp phần gìn giữ bản sắc văn hoá dân tộc."},
    {3, "Khám sàng lọc miễn phí cho người cao tuổi",
     "Trung tâm Y tế huyện phối hợp với các bệnh viện tuyến trên khám và cấp thuốc cho hơn 800 người.",
     "Những trường hợp phát hiện bệnh được tư vấn điều trị và theo dõi sức khoẻ tại trạm y tế xã."},
    {3, "Trao nhà đại đoàn kết cho hộ nghèo",
     "Mười hai ngôi nhà đại đoàn kết được bàn giao, giúp các hộ nghèo yên tâm lao động sản xuất.",
     "Kinh phí xây dựng do Quỹ Vì người nghèo hỗ trợ, cùng ngày công của bà con lối xóm và đoàn viên thanh niên."},
    {3, "Giải bóng chuyền hơi người cao tuổi mở rộng",
     "Giải quy tụ 18 đội đến từ các xã, thị trấn, thi đấu sôi nổi trong ba ngày.",
     "Phong trào thể dục thể thao giúp người cao tuổi nâng cao sức khoẻ, tăng cường giao lưu giữa các địa phương."},
    {4, "Ra quân huấn luyện dân quân tự vệ",
     "Lực lượng dân quân tự vệ các xã bước vào đợt huấn luyện theo kế hoạch của Ban Chỉ huy Quân sự huyện.",
     "Nội dung huấn luyện bám sát thực tế, chú trọng phòng chống thiên tai, tìm kiếm cứu nạn."},
    {4, "Tuyên truyền phòng chống lừa đảo qua mạng",
     "Công an huyện tổ chức nhiều buổi tuyên truyền tại thôn, bản về các thủ đoạn lừa đảo qua điện thoại và mạng xã hội.",
     "Người dân được khuyến cáo không cung cấp mã OTP, không chuyển tiền cho người lạ và báo ngay cho công an khi nghi ngờ."},
    {4, "Diễn tập phòng thủ dân sự ứng phó mưa lũ",
     "Cuộc diễn tập giả định mưa lớn gây sạt lở, chia cắt giao thông tại hai xã vùng cao.",
     "Các lực lượng đã phối hợp nhịp nhàng trong sơ tán người dân, cứu hộ và bảo đảm hậu cần."},
    {4, "Bảo đảm an toàn giao thông dịp cuối năm",
     "Lực lượng chức năng tăng cường tuần tra, kiểm soát, xử lý nghiêm vi phạm nồng độ cồn.",
     "Số vụ tai nạn giao thông giảm so với cùng kỳ, không để xảy ra ùn tắc kéo dài trên các tuyến chính."},
    {4, "Giao nhận quân năm nay đạt chỉ tiêu",
     "Các thanh niên lên đường nhập ngũ trong không khí phấn khởi, được gia đình và địa phương động viên.",
     "Công tác tuyển chọn được thực hiện công khai, dân chủ, đúng luật, bảo đảm chất lượng."},
    {5, "Thông báo lịch tiếp công dân tháng này",
     "Lãnh đạo Ủy ban nhân dân huyện tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở tiếp công dân.",
     "Công dân đến trình bày ý kiến cần mang theo giấy tờ tùy thân và tài liệu liên quan đến nội dung phản ánh."},
    {5, "Thông báo tuyển dụng viên chức giáo dục",
     "Huyện tuyển dụng giáo viên mầm non, tiểu học và trung học cơ sở cho các trường công lập.",
     "Hồ sơ nhận tại Phòng Nội vụ trong giờ hành chính; thông tin chi tiết niêm yết tại trụ sở các xã."},
    {5, "Thông báo tạm dừng cấp điện để bảo dưỡng lưới",
     "Điện lực huyện thông báo tạm dừng cấp điện tại một số thôn để bảo dưỡng, sửa chữa đường dây.",
     "Khách hàng chủ động sắp xếp sinh hoạt, sản xuất; thời gian có thể kết thúc sớm hơn dự kiến."},
    {5, "Lấy ý kiến nhân dân về quy hoạch sử dụng đất",
     "Dự thảo điều chỉnh quy hoạch sử dụng đất được niêm yết công khai để nhân dân góp ý.",
     "Ý kiến góp ý gửi bằng văn bản về Phòng Tài nguyên và Môi trường hoặc ghi vào sổ góp ý tại Ủy ban nhân dân xã."},
    {5, "Hướng dẫn nộp hồ sơ thủ tục hành chính trực tuyến",
     "Người dân có thể nộp hồ sơ, theo dõi tiến độ và nhận kết quả qua Cổng Dịch vụ công.",
     "Bộ phận một cửa các xã bố trí cán bộ hướng dẫn trực tiếp cho những người chưa quen sử dụng điện thoại thông minh."},
    {6, "Chủ tịch UBND huyện chỉ đạo tập trung khắc phục hậu quả mưa lũ",
     "Các xã rà soát ngay các điểm sạt lở, bố trí lực lượng hỗ trợ người dân di dời đến nơi an toàn.",
     "Các phòng, ban chuyên môn tổng hợp thiệt hại, đề xuất hỗ trợ kịp thời để người dân sớm ổn định cuộc sống."},
    {6, "Kết luận của Chủ tịch UBND huyện tại phiên họp thường kỳ tháng",
     "Yêu cầu các cơ quan đẩy nhanh giải ngân vốn đầu tư công và giải quyết hồ sơ thủ tục hành chính đúng hạn.",
     "Thủ trưởng các đơn vị chịu trách nhiệm trước Chủ tịch UBND huyện về tiến độ các nhiệm vụ được giao."},
    {7, "Kế hoạch phát triển kinh tế – xã hội 5 năm của huyện",
     "Kế hoạch đặt mục tiêu tăng trưởng bình quân trên 8% mỗi năm, thu nhập bình quân đầu người tăng gấp rưỡi.",
     "Ba khâu đột phá là hạ tầng giao thông, chuyển đổi số và phát triển nguồn nhân lực chất lượng cao."},
    {8, "Thông cáo báo chí về kết quả thực hiện nhiệm vụ quý III",
     "Người phát ngôn của UBND huyện cung cấp thông tin về tình hình kinh tế – xã hội chín tháng đầu năm.",
     "Các cơ quan báo chí liên hệ Văn phòng HĐND và UBND huyện để được cung cấp thêm thông tin theo quy định."},
    {9, "Danh mục thông tin công khai của UBND huyện",
     "Danh mục liệt kê các thông tin được công khai rộng rãi và thông tin được cung cấp theo yêu cầu.",
     "Công dân yêu cầu cung cấp thông tin bằng phiếu yêu cầu gửi trực tiếp, qua bưu điện hoặc thư điện tử."},
    {10, "Công khai dự toán ngân sách huyện năm nay",
     "Dự toán thu ngân sách nhà nước trên địa bàn và dự toán chi ngân sách địa phương đã được HĐND huyện thông qua.",
     "Chi đầu tư phát triển ưu tiên các công trình giao thông nông thôn, trường học và trạm y tế xã."},
    {11, "Thông báo mời thầu gói thầu xây dựng nhà văn hoá thôn",
     "Gói thầu được tổ chức đấu thầu rộng rãi qua mạng trên Hệ thống mạng đấu thầu quốc gia.",
     "Nhà thầu quan tâm tải hồ sơ mời thầu miễn phí trên hệ thống và nộp hồ sơ dự thầu trước thời điểm đóng thầu."},
};

// A simple landscape illustration in the category's colour; alt text comes from the article.
std::string illustration(const char* color, const std::string& label) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"450\" viewBox=\"0 0 800 450\">"
         "<rect width=\"800\" height=\"450\" fill=\"#e9eef2\"/>"
         "<circle cx=\"640\" cy=\"110\" r=\"52\" fill=\"#f4c542\"/>"
         "<path d=\"M0 330 L170 190 L300 290 L450 150 L640 320 L800 230 L800 450 L0 450 Z\" fill=\"" +
         std::string(color) +
         "\" opacity=\"0.85\"/>"
         "<path d=\"M0 390 Q200 330 400 380 T800 370 L800 450 L0 450 Z\" fill=\"#6a994e\"/>"
         "<text x=\"40\" y=\"70\" font-family=\"sans-serif\" font-size=\"34\" fill=\"#1b1b1b\">" +
         label + "</text></svg>";
}

Status write_file(const std::string& dir, const std::string& name, const std::string& content) {
  return media::FileStore(dir).put(name, content);
}

Result<Id> add_media(Store& store, Id site, const std::string& dir, const std::string& name, const char* color,
                     const std::string& label, const std::string& alt, std::int64_t now) {
  std::string svg = illustration(color, label);
  if (auto st = write_file(dir, name, svg); !st) return st;
  return store.create_media({0, site, name, "image/svg+xml", 800, 450, alt, static_cast<std::int64_t>(svg.size()), "", now});
}

std::string body_for(const DemoArticle& a) {
  return std::string("<p>") + a.lead + "</p><p>" + a.detail +
         "</p><p>Thời gian tới, các cơ quan, đơn vị tiếp tục theo dõi, đôn đốc, kịp thời tháo gỡ khó khăn, "
         "vướng mắc để hoàn thành tốt nhiệm vụ được giao.</p>";
}

// The province the reference portal belongs to and two communes the reference article names,
// each a sub-portal of the province reached by its own host name (*.localhost is the
// loopback in browsers and curl), with a few news of its own.
struct DemoSubPortal {
  const char* name;
  const char* kind;
  const char* host;
  const char* brand;  // "": the theme's
  const char* agency;
  struct News {
    const char* title;
    const char* lead;
  } news[2];
};

constexpr DemoSubPortal kProvince = {
    "Tỉnh Tuyên Quang", "Tỉnh", kDemoProvinceHost, "",
    "Ủy ban nhân dân tỉnh Tuyên Quang (nội dung minh hoạ)",
    {{"Tuyên Quang triển khai mô hình chính quyền địa phương hai cấp",
      "Các xã, phường trên địa bàn tỉnh đi vào hoạt động ổn định, bảo đảm phục vụ người dân và doanh nghiệp thông suốt."},
     {"Hội nghị tổng kết công tác chuyển đổi số toàn tỉnh",
      "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến tiếp tục tăng so với cùng kỳ."}}};

constexpr DemoSubPortal kCommunes[] = {
    {"Xã Trung Sơn", "Xã", "trungson.localhost", "#0b5394", "Ủy ban nhân dân xã Trung Sơn (nội dung minh hoạ)",
     {{"Xã Trung Sơn ra quân làm đường giao thông nông thôn",
       "Người dân các thôn góp công, hiến đất mở rộng đường liên thôn trước mùa mưa."},
      {"Trung Sơn tổ chức ngày hội đại đoàn kết toàn dân tộc",
       "Các thôn tổ chức nhiều hoạt động văn hoá, thể thao, tuyên dương hộ gia đình tiêu biểu."}}},
    // Under a path of the province's host: for installations without wildcard DNS.
    {"Xã Hùng Lợi", "Xã", "tuyenquang.localhost/xa-hung-loi", "#2e6b30", "Ủy ban nhân dân xã Hùng Lợi (nội dung minh hoạ)",
     {{"Hùng Lợi phát triển vùng chè đặc sản",
       "Hợp tác xã chè mở rộng diện tích trồng theo tiêu chuẩn VietGAP, nâng giá trị sản phẩm."},
      {"Xã Hùng Lợi khai giảng lớp xoá mù chữ cho đồng bào dân tộc thiểu số",
       "Lớp học buổi tối giúp người dân đọc, viết tiếng Việt và tiếp cận thông tin."}}},
};

Result<Id> install_sub_portal(Store& store, const DemoSubPortal& d, Id parent, std::int64_t now) {
  Site site;
  site.name = d.name;
  site.kind = d.kind;
  site.host = d.host;
  site.brand_color = d.brand;
  site.agency = d.agency;
  site.parent_id = parent;
  auto id = gov::create_site(store, site);
  if (!id) return id;
  auto sections = store.categories(*id);
  if (!sections) return sections.status();
  Id news = 0;
  for (const auto& c : *sections)
    if (c.name == std::string_view(kNews)) news = c.id;
  std::vector<Article> articles;
  int i = 0;
  for (const auto& n : d.news) {
    Article a;
    a.site_id = *id;
    a.category_id = news;
    a.title = n.title;
    a.lead = n.lead;
    // The lead is shown above the body: the body goes on from it.
    a.body_html = text::sanitize_html(std::string("<p>") + d.name +
                                      " sẽ tiếp tục cập nhật kết quả trên cổng thông tin điện tử.</p>").value();
    a.source = "Ban Biên tập";
    a.status = ArticleStatus::published;
    a.is_demo = true;
    a.published_at = now - 5400 - i++ * 26 * 3600;
    articles.push_back(a);
  }
  if (auto st = store.create_articles(std::move(articles)); !st) return st;
  return id;
}

}  // namespace

Status install_demo(Store& store, const std::string& media_dir, std::int64_t now) {
  Site site;
  site.host = "yenson.tuyenquang.gov.vn";
  site.name = "Huyện Yên Sơn";
  site.portal_title = "Cổng thông tin điện tử";
  site.agency = "Ủy ban nhân dân huyện Yên Sơn (nội dung minh hoạ)";
  site.responsible = "Chánh Văn phòng HĐND và UBND huyện";
  site.licence = "";
  site.address = "Huyện Yên Sơn, tỉnh Tuyên Quang";
  site.phone = "0207 3 000 000";
  site.email = "banbientap@yenson.example.vn";
  site.is_default = true;
  auto site_id = gov::create_site(store, site);
  if (!site_id) return site_id.status();

  // The demo's news sit in the default sections, and in topics under "Tin tức – Sự kiện".
  auto defaults = store.categories(*site_id);
  if (!defaults) return defaults.status();
  auto existing = [&](const char* name) -> const Category* {
    for (const auto& c : *defaults)
      if (c.name == name) return &c;
    return nullptr;
  };
  const Category* news = existing(kNews);
  if (!news) return Status::error(Code::invalid, "thiếu chuyên mục mặc định Tin tức – Sự kiện");
  std::vector<Id> cats;
  std::vector<Id> covers;
  int pos = 0, file = 0;
  for (const auto& c : kCategories) {
    if (const Category* d = existing(c.name)) {
      cats.push_back(d->id);
      if (*c.description) {
        Category changed = *d;
        changed.description = c.description;
        if (auto st = store.update_category(changed); !st) return st;
      }
    } else {
      auto id = store.create_category({0, *site_id, news->id, c.name, "", ++pos, c.description});
      if (!id) return id.status();
      cats.push_back(*id);
    }
    auto media = add_media(store, *site_id, media_dir, "minh-hoa-" + std::to_string(++file) + ".svg", c.color,
                           c.name, std::string("Ảnh minh hoạ chuyên mục ") + c.name, now);
    if (!media) return media.status();
    covers.push_back(*media);
  }

  auto photo = add_media(store, *site_id, media_dir, "chi-bo-ghenh-na.svg", "#a50e0e", "Chi bộ thôn Ghềnh Nà",
                         "Cuộc họp của chi bộ thôn Ghềnh Nà, xã Công Đa", now);
  if (!photo) return photo.status();

  std::vector<Article> articles;
  Article ref;
  ref.site_id = *site_id;
  ref.category_id = cats[1];
  ref.title = demo::kReferenceTitle;
  ref.lead = demo::kReferenceLead;
  ref.body_html = text::sanitize_html(demo::kReferenceBody).value();
  ref.cover_media_id = *photo;
  ref.cover_caption = demo::kReferenceCaption;
  ref.source = "Theo TQĐT";
  ref.status = ArticleStatus::published;
  ref.is_featured = true;
  ref.is_demo = true;
  ref.published_at = 1697073300;  // Thứ Năm, 12/10/2023 08:15 in Hà Nội
  articles.push_back(ref);

  // The others are spread over the days before the first start, newest first.
  std::int64_t t = now - 3600;
  int i = 0;
  for (const auto& d : kArticles) {
    Article a;
    a.site_id = *site_id;
    a.category_id = cats[d.category];
    a.title = d.title;
    a.lead = d.lead;
    a.body_html = text::sanitize_html(body_for(d)).value();
    a.cover_media_id = covers[d.category];
    a.source = "Ban Biên tập";
    a.author = "Phóng viên Cổng TTĐT";
    a.status = ArticleStatus::published;
    a.is_featured = i < 2;
    a.is_demo = true;
    a.published_at = t - i * 9 * 3600;
    articles.push_back(a);
    ++i;
  }
  if (auto st = store.create_articles(std::move(articles)); !st) return st;
  if (auto st = install_demo_documents(store, *site_id, media_dir, now); !st) return st;
  if (auto st = install_demo_questions(store, *site_id, now); !st) return st;
  if (auto st = install_demo_datasets(store, *site_id, now); !st) return st;
  if (auto st = install_demo_participation(store, *site_id, now); !st) return st;
  if (auto st = install_demo_organisation(store, *site_id); !st) return st;
  if (auto st = install_demo_sidebar(store, *site_id, now); !st) return st;
  // The province above the reference portal, and two of its communes beside it.
  auto province = install_sub_portal(store, kProvince, 0, now);
  if (!province) return province.status();
  auto yen_son = store.site(*site_id);
  if (!yen_son) return yen_son.status();
  yen_son->parent_id = *province;
  yen_son->kind = "Huyện";
  if (auto st = gov::update_site(store, *yen_son); !st) return st;
  std::vector<Id> communes;
  for (const auto& c : kCommunes) {
    auto id = install_sub_portal(store, c, *province, now);
    if (!id) return id.status();
    communes.push_back(*id);
  }
  // The province's newest article is shared to its communes: their "Tin từ Tỉnh Tuyên Quang".
  auto newest = store.published({.site_id = *province, .now = now, .limit = 1, .with_total = false});
  if (!newest) return newest.status();
  if (newest->items.empty()) return Status::error(Code::io, "the province's demo article is missing");
  return store.set_shares(*province, newest->items.front().id, communes, 0, now);
}

Status install_demo_organisation(Store& store, Id site_id) {
  struct Text {
    const char *key, *lang, *body;
  };
  const Text list[] = {
      {"site_name", "en", "Yen Son District"},
      {"intro", "vi",
       "<p>Huyện Yên Sơn nằm ở trung tâm tỉnh Tuyên Quang, bao quanh thành phố Tuyên Quang, có sông Lô và sông Gâm chảy "
       "qua. Huyện có nhiều dân tộc cùng sinh sống: Kinh, Tày, Dao, Cao Lan, Mông… (nội dung minh hoạ).</p>"
       "<p>Cổng thông tin điện tử huyện cung cấp thông tin chỉ đạo, điều hành, văn bản, thủ tục và tiếp nhận ý kiến của "
       "người dân, doanh nghiệp.</p>"},
      {"intro", "en",
       "<p>Yen Son District lies at the centre of Tuyen Quang Province, around Tuyen Quang City, on the Lo and Gam "
       "rivers. Many ethnic groups live here: Kinh, Tay, Dao, Cao Lan, Hmong and others (sample content).</p>"
       "<p>The district's portal publishes the authorities' news, directions, legal documents and procedures, and takes "
       "questions and feedback from citizens and businesses.</p>"},
      {"functions", "vi",
       "<h2>Chức năng, nhiệm vụ</h2><p>Ủy ban nhân dân huyện là cơ quan hành chính nhà nước ở địa phương, tổ chức thi "
       "hành Hiến pháp, pháp luật và nghị quyết của Hội đồng nhân dân huyện; quản lý nhà nước về kinh tế, văn hoá, xã "
       "hội, quốc phòng, an ninh trên địa bàn.</p>"},
      {"functions", "en",
       "<h2>Functions and duties</h2><p>The District People's Committee is the local state administrative body. It "
       "implements the Constitution, the laws and the resolutions of the District People's Council, and manages the "
       "economy, culture, society, defence and security of the district.</p>"},
      {"contact", "vi", "<p>Giờ làm việc: sáng 7:30–11:30, chiều 13:30–17:00, từ thứ Hai đến thứ Sáu.</p>"},
      {"contact", "en", "<p>Office hours: 7:30–11:30 and 13:30–17:00, Monday to Friday (Indochina Time, UTC+7).</p>"},
  };
  for (const auto& t : list)
    if (auto st = store.set_site_text(site_id, t.key, t.lang, t.body); !st) return st;
  OrgUnit top{0, site_id, 0, "Ủy ban nhân dân huyện Yên Sơn", "Yen Son District People's Committee",
              "Cơ quan hành chính nhà nước của huyện.", "The district's state administrative body.",
              "Tổ dân phố Đồng Cả, xã Thắng Quân, tỉnh Tuyên Quang", "0207 3 000 000", "ubnd@yenson.example.vn",
              "Nguyễn Văn An; Chủ tịch UBND huyện; Chairman; 0207 3 000 001; chutich@yenson.example.vn\n"
              "Trần Thị Bình; Phó Chủ tịch UBND huyện; Vice Chairwoman; 0207 3 000 002; pct1@yenson.example.vn",
              0};
  auto top_id = store.save_org_unit(top);
  if (!top_id) return top_id.status();
  const OrgUnit units[] = {
      {0, site_id, *top_id, "Văn phòng HĐND và UBND huyện", "Office of the People's Council and People's Committee",
       "Tham mưu, tổng hợp; kiểm soát thủ tục hành chính; quản lý Cổng thông tin điện tử.",
       "Advice and coordination; administrative procedures; the district's portal.", "", "0207 3 000 010",
       "vanphong@yenson.example.vn", "Lê Văn Cường; Chánh Văn phòng; Chief of Office; 0207 3 000 011; ", 1},
      {0, site_id, *top_id, "Phòng Nội vụ", "Department of Home Affairs",
       "Tổ chức bộ máy, công chức, viên chức; thi đua, khen thưởng; tôn giáo.",
       "Organisation and civil service; emulation and awards; religion.", "", "0207 3 000 020",
       "noivu@yenson.example.vn", "Phạm Thị Dung; Trưởng phòng; Head of Department; 0207 3 000 021; ", 2},
      {0, site_id, *top_id, "Phòng Tư pháp", "Department of Justice",
       "Xây dựng, kiểm tra văn bản; phổ biến pháp luật; hộ tịch, chứng thực.",
       "Legal documents; legal education; civil registration and certification.", "", "0207 3 000 030",
       "tuphap@yenson.example.vn", "Hoàng Văn Em; Trưởng phòng; Head of Department; 0207 3 000 031; ", 3},
  };
  for (const auto& u : units)
    if (auto r = store.save_org_unit(u); !r) return r.status();
  return Status::ok();
}

Status install_demo_participation(Store& store, Id site_id, std::int64_t now) {
  Draft open;
  open.site_id = site_id;
  open.title = "Dự thảo Quy chế quản lý, vận hành Cổng thông tin điện tử huyện Yên Sơn";
  open.agency = "Văn phòng HĐND và UBND huyện";
  open.summary = "Lấy ý kiến người dân, cơ quan, tổ chức về dự thảo quy chế (văn bản minh hoạ).";
  open.body_html = text::sanitize_html(
      "<h2>Chương I. Quy định chung</h2><p>Điều 1. Phạm vi điều chỉnh: Quy chế này quy định việc quản lý, cung cấp, "
      "cập nhật thông tin trên Cổng thông tin điện tử huyện.</p><p>Điều 2. Đối tượng áp dụng: các cơ quan, đơn vị thuộc "
      "Ủy ban nhân dân huyện và tổ chức, cá nhân có liên quan.</p>")
                       .value();
  open.opens_at = now - 2 * 86400;
  open.closes_at = now + 30 * 86400;
  Draft closed = open;
  closed.title = "Dự thảo Kế hoạch chuyển đổi số huyện Yên Sơn năm 2026";
  closed.summary = "Đã hết hạn góp ý (văn bản minh hoạ).";
  closed.opens_at = now - 60 * 86400;
  closed.closes_at = now - 20 * 86400;
  for (const auto* d : {&open, &closed})
    if (auto r = store.save_draft(*d, now); !r) return r.status();
  // This week's schedule, Monday to Friday, in Hà Nội time.
  std::int64_t today = render::vn_day(now);
  std::int64_t monday = today - ((today + 3) % 7 + 7) % 7;
  auto at = [&](int day, int hour) { return (monday + day) * 86400 + hour * 3600 - render::kVietnamOffset; };
  const ScheduleItem items[] = {
      {0, site_id, at(0, 8), "Chủ tịch UBND huyện", "Giao ban lãnh đạo UBND huyện đầu tuần", "Phòng họp số 1, UBND huyện",
       "Các Phó Chủ tịch, Chánh Văn phòng"},
      {0, site_id, at(1, 14), "Phó Chủ tịch UBND huyện", "Kiểm tra tiến độ xây dựng nông thôn mới tại xã Trung Sơn",
       "Xã Trung Sơn", "Phòng Nông nghiệp, Văn phòng Điều phối nông thôn mới"},
      {0, site_id, at(2, 8), "Chủ tịch UBND huyện", "Tiếp công dân định kỳ", "Trụ sở Tiếp công dân huyện",
       "Thanh tra huyện, Ban Tiếp công dân"},
      {0, site_id, at(4, 15), "Phó Chủ tịch UBND huyện", "Họp Ban Chỉ đạo chuyển đổi số huyện", "Phòng họp số 2",
       "Thành viên Ban Chỉ đạo"},
  };
  for (const auto& i : items)
    if (auto r = store.save_schedule_item(i, now); !r) return r.status();
  return Status::ok();
}

Status install_demo_datasets(Store& store, Id site_id, std::int64_t now) {
  const std::string source = "Báo Tuyên Quang: Gỡ khó phát triển đảng viên (12/10/2023)";
  const std::string source_url = "/bai-viet/go-kho-phat-trien-dang-vien";
  Dataset targets;
  targets.site_id = site_id;
  targets.title = "Kết nạp đảng viên so với kế hoạch";
  targets.description =
      "Số đảng viên được kết nạp so với kế hoạch (hoặc số quần chúng ưu tú được bồi dưỡng) ở một số đảng bộ của tỉnh "
      "Tuyên Quang, theo số liệu nêu trong bài báo nguồn.";
  targets.source = source;
  targets.source_url = source_url;
  targets.unit = "đảng viên";
  targets.chart = "bar";
  targets.table_csv =
      "Đảng bộ,Kế hoạch hoặc nguồn,Đã kết nạp\r\n"
      "Hàm Yên (kế hoạch năm 2023; 9 tháng),248,133\r\n"
      "Na Hang (quần chúng được bồi dưỡng; từ đầu nhiệm kỳ),300,152\r\n"
      "Khối Các cơ quan và doanh nghiệp tỉnh (năm 2023),95,35\r\n";
  targets.headline = "Hàm Yên: 133 trong kế hoạch 248 đảng viên năm 2023 (9 tháng)";
  targets.featured = true;
  targets.position = 2;
  Dataset province;
  province.site_id = site_id;
  province.title = "Đảng viên được kết nạp toàn tỉnh, nhiệm kỳ 2020–2025";
  province.description = "Từ đầu nhiệm kỳ Đại hội Đảng bộ tỉnh lần thứ XVII (2020–2025) đến năm 2023, theo Ban Tổ chức Tỉnh ủy.";
  province.source = source;
  province.source_url = source_url;
  province.unit = "đảng viên";
  province.chart = "bar";
  province.table_csv = "Chỉ số,Số đảng viên\r\nTổng từ đầu nhiệm kỳ (hơn),4000\r\nBình quân mỗi năm,1111\r\n";
  province.headline = "Hơn 4.000 đảng viên mới toàn tỉnh từ đầu nhiệm kỳ 2020–2025";
  province.featured = true;
  province.position = 1;
  for (auto* d : {&province, &targets})
    if (auto r = store.save_dataset(*d, now); !r) return r.status();
  return Status::ok();
}

Status install_demo_questions(Store& store, Id site_id, std::int64_t now) {
  struct Demo {
    const char *code, *topic, *title, *body, *department, *answer;
  };
  const Demo list[] = {
      {"HD-DEMO-0001", "Hành chính – Tư pháp", "Thủ tục cấp bản sao trích lục khai sinh",
       "Tôi làm ăn xa, muốn xin bản sao trích lục khai sinh cho con thì có phải về xã không, hay nộp trực tuyến được?",
       "Phòng Tư pháp huyện",
       "Ông/bà có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), mục \"Cấp bản sao trích "
       "lục hộ tịch\", và nhận kết quả qua bưu điện. Lệ phí theo quy định của Hội đồng nhân dân tỉnh."},
      {"HD-DEMO-0002", "Đất đai – Xây dựng", "Hỏi về xin phép xây dựng nhà ở nông thôn",
       "Gia đình tôi ở xã Trung Sơn muốn xây nhà ở hai tầng trên đất ở của gia đình. Xin hỏi có phải xin giấy phép xây dựng không?",
       "Phòng Kinh tế và Hạ tầng huyện",
       "Nhà ở riêng lẻ ở nông thôn không thuộc khu vực đã có quy hoạch chi tiết được duyệt thì được miễn giấy phép xây dựng "
       "(điểm k khoản 2 Điều 89 Luật Xây dựng). Gia đình cần tuân thủ quy hoạch xây dựng nông thôn của xã. (Trả lời minh hoạ)"},
  };
  std::int64_t t = now - 5 * 86400;
  for (const auto& d : list) {
    Question q;
    q.site_id = site_id;
    q.code = d.code, q.topic = d.topic, q.title = d.title, q.body = d.body;
    q.sender_name = "Người dân (minh hoạ)";
    q.sender_contact = "0900 000 000";
    q.created_at = t;
    auto id = store.create_question(q);
    if (!id) return id.status();
    q.id = *id;
    q.status = QuestionStatus::published;
    q.department = d.department;
    q.answer = d.answer;
    q.updated_at = q.published_at = t + 2 * 86400;
    if (auto st = store.update_question(q); !st) return st;
    t += 86400;
  }
  return Status::ok();
}

Status install_demo_documents(Store& store, Id site_id, const std::string& media_dir, std::int64_t now) {
  auto day = [](const char* d) { return render::parse_day(d); };
  struct Demo {
    const char *number, *type, *issuer, *signer, *field, *summary, *issued, *effective, *expires;
  };
  const Demo docs[] = {
      {"28-CT/TW", "Chỉ thị", "Ban Bí thư Trung ương Đảng", "", "Xây dựng Đảng",
       "Về nâng cao chất lượng kết nạp đảng viên và rà soát, sàng lọc, đưa những đảng viên không còn đủ tư cách ra khỏi Đảng",
       "21/01/2019", "21/01/2019", ""},
      {"03-ĐA/TU", "Đề án", "Ban Thường vụ Tỉnh ủy Tuyên Quang", "", "Xây dựng Đảng",
       "Về nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng, củng cố hệ thống chính trị ở cơ sở và nâng "
       "cao chất lượng đội ngũ cán bộ, đảng viên đáp ứng yêu cầu nhiệm vụ trong tình hình mới",
       "12/06/2021", "12/06/2021", ""},
      {"15/QĐ-UBND", "Quyết định", "Ủy ban nhân dân huyện Yên Sơn", "Chủ tịch UBND huyện", "Nội vụ",
       "Ban hành Quy chế làm việc của Ủy ban nhân dân huyện Yên Sơn nhiệm kỳ 2021–2026 (văn bản minh hoạ)", "05/08/2021",
       "05/08/2021", ""},
      {"09/QĐ-UBND", "Quyết định", "Ủy ban nhân dân huyện Yên Sơn", "Chủ tịch UBND huyện", "Nội vụ",
       "Ban hành Quy chế làm việc của Ủy ban nhân dân huyện Yên Sơn nhiệm kỳ 2016–2021 (văn bản minh hoạ)", "10/08/2016",
       "10/08/2016", ""},
      {"120/KH-UBND", "Kế hoạch", "Ủy ban nhân dân huyện Yên Sơn", "Phó Chủ tịch UBND huyện", "Nông nghiệp",
       "Trồng rừng gỗ lớn năm 2023 trên địa bàn huyện (văn bản minh hoạ)", "15/02/2023", "15/02/2023", "31/12/2023"},
      {"45/TB-UBND", "Thông báo", "Ủy ban nhân dân huyện Yên Sơn", "Chánh Văn phòng", "Cải cách hành chính",
       "Lịch tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân huyện (văn bản minh hoạ)", "02/01/2026", "02/01/2026", ""},
  };
  std::vector<Document> list;
  for (const auto& d : docs) {
    Document x;
    x.site_id = site_id;
    x.number = d.number, x.doc_type = d.type, x.issuer = d.issuer, x.signer = d.signer, x.field = d.field;
    x.summary = d.summary;
    x.issued_on = day(d.issued), x.effective_on = day(d.effective), x.expires_on = *d.expires ? day(d.expires) : 0;
    list.push_back(std::move(x));
  }
  if (auto st = store.create_documents(std::move(list), now); !st) return st;
  // The old working rules are replaced by the new ones.
  auto older = store.documents_numbered(site_id, "09/QĐ-UBND");
  if (!older) return older.status();
  auto newer = store.documents_numbered(site_id, "15/QĐ-UBND");
  if (!newer) return newer.status();
  if (older->size() == 1 && newer->size() == 1) {
    (*older)[0].replaced_by = (*newer)[0].id;
    if (auto r = store.save_document((*older)[0], now, {}); !r) return r.status();
  }
  // A one-page PDF (ASCII: the standard fonts have no Vietnamese), attached to Đề án 03.
  auto plan = store.documents_numbered(site_id, "03-ĐA/TU");
  if (!plan) return plan.status();
  if (plan->size() == 1) {
    std::string text = "(De an 03-DA/TU - van ban minh hoa cua Portico) Tj";
    std::string stream = "BT /F1 14 Tf 72 760 Td " + text + " ET";
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      offsets.push_back(pdf.size());
      pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (auto o : offsets) {
      char line[24];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
      pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    std::string file = "van-ban-minh-hoa-03-da-tu.pdf";
    if (auto st = media::FileStore(media_dir).put(file, pdf); !st) return st;
    DocumentFile f{0, (*plan)[0].id, file, "Đề án 03-ĐA-TU (minh hoạ).pdf", "application/pdf",
                   static_cast<std::int64_t>(pdf.size()), 0};
    if (auto r = store.add_document_file(site_id, f); !r) return r.status();
  }
  return Status::ok();
}

Status install_demo_sidebar(Store& store, Id site_id, std::int64_t now) {
  // Places for the map and the weather (the reference portal shows "Thời tiết Hà Nội").
  const Place places[] = {
      {0, site_id, "Ủy ban nhân dân huyện Yên Sơn", "Tổ dân phố Đồng Cả, xã Thắng Quân, tỉnh Tuyên Quang", 21.8557, 105.2219, true, 0},
      {0, site_id, "Hà Nội", "Thủ đô Hà Nội", 21.0285, 105.8542, true, 1},
  };
  for (const auto& p : places)
    if (auto r = store.save_place(p); !r) return r.status();
  const Link links[] = {
      {0, site_id, "Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn", 0},
      {0, site_id, "Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn", 1},
      {0, site_id, "Cổng thông tin điện tử tỉnh Tuyên Quang", "https://tuyenquang.gov.vn", 2},
      {0, site_id, "Báo Tuyên Quang điện tử", "https://baotuyenquang.com.vn", 3},
  };
  for (const auto& l : links)
    if (auto r = store.save_link(l); !r) return r.status();
  Poll poll;
  poll.site_id = site_id;
  poll.question = "Bạn đánh giá thế nào về giao diện mới của Cổng thông tin điện tử?";
  poll.opens_at = now - 3600;
  poll.closes_at = now + 365 * 86400;
  poll.options = {{0, "Rất dễ sử dụng", 0, 0}, {0, "Dễ sử dụng", 1, 0}, {0, "Bình thường", 2, 0}, {0, "Khó sử dụng", 3, 0}};
  if (auto r = store.save_poll(poll, now); !r) return r.status();
  return Status::ok();
}

}  // namespace portico::app
