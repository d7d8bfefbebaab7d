// The synthetic data set for benchmarks: deterministic articles, and a province of communes.
#include "app/seed.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/demo.h"
#include "gov/sections.h"

namespace portico::app {

namespace {
// A small linear congruential generator: the same data set on every machine.
struct Lcg {
  std::uint64_t s;
  std::uint32_t next() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(s >> 33);
  }
  template <class T, std::size_t N>
  const T& pick(const T (&a)[N]) { return a[next() % N]; }
};

constexpr const char* kSubjects[] = {"Xã Trung Sơn", "Xã Công Đa", "Thị trấn Yên Sơn", "Xã Hùng Lợi",
                                     "Xã Thắng Quân", "Xã Lang Quán", "Xã Chân Sơn", "Xã Kim Quan",
                                     "Xã Tân Long", "Xã Mỹ Bằng", "Xã Phú Thịnh", "Xã Xuân Vân"};
constexpr const char* kActions[] = {"đẩy mạnh", "triển khai", "tổng kết", "nâng cao hiệu quả",
                                    "tăng cường", "hoàn thành", "kiểm tra", "phát động"};
constexpr const char* kTopics[] = {"công tác phát triển đảng viên", "chương trình nông thôn mới",
                                   "chuyển đổi số", "cải cách hành chính", "phong trào thi đua",
                                   "phòng chống thiên tai", "sản xuất vụ đông", "trồng rừng gỗ lớn",
                                   "bảo vệ môi trường", "an toàn giao thông", "xây dựng đời sống văn hoá",
                                   "giảm nghèo bền vững"};
constexpr const char* kSentences[] = {
    "Các cấp ủy, chính quyền đã tập trung lãnh đạo, chỉ đạo quyết liệt, huy động sự vào cuộc của cả hệ thống chính trị.",
    "Nhiều mô hình hay, cách làm sáng tạo đã được nhân rộng, mang lại hiệu quả thiết thực cho người dân.",
    "Bên cạnh kết quả đạt được, vẫn còn một số khó khăn, hạn chế cần sớm khắc phục trong thời gian tới.",
    "Người dân tích cực hưởng ứng, đóng góp ngày công, vật liệu và hiến đất để thực hiện các công trình chung.",
    "Địa phương sẽ tiếp tục rà soát, đánh giá và đề xuất các giải pháp phù hợp với điều kiện thực tế.",
    "Cán bộ, đảng viên phát huy vai trò tiên phong, gương mẫu, gần dân, sát dân trong mọi nhiệm vụ.",
    "Kết quả này góp phần quan trọng vào việc hoàn thành các chỉ tiêu phát triển kinh tế – xã hội của huyện.",
    "Các ngành chức năng phối hợp chặt chẽ, thường xuyên kiểm tra, đôn đốc và hướng dẫn cơ sở."};
}  // namespace

Status seed_articles(Store& store, const std::string& media_dir, int count, std::int64_t now, Id site_id) {
  auto all = store.sites();
  if (!all) return all.status();
  if (all->empty())
    if (auto st = install_demo(store, media_dir, now); !st) return st;
  auto site = site_id ? store.site(site_id) : store.site_for_host("");
  if (!site) return site.status();
  auto all_cats = store.categories(site->id);
  if (!all_cats) return all_cats.status();
  std::vector<Category> cats;  // the news categories: linked menu entries hold no articles
  for (auto& c : *all_cats)
    if (c.link.empty()) cats.push_back(std::move(c));
  if (cats.empty()) return Status::error(Code::invalid, "trang chưa có chuyên mục tin bài");
  auto count_before = store.article_count(site->id);
  if (!count_before) return count_before.status();
  std::int64_t base = *count_before;
  Lcg rng{static_cast<std::uint64_t>(base) + 42};
  constexpr int kBatch = 5000;
  for (int done = 0; done < count;) {
    std::vector<Article> batch;
    int n = std::min(kBatch, count - done);
    batch.reserve(n);
    for (int i = 0; i < n; ++i) {
      std::int64_t serial = base + done + i + 1;
      Article a;
      a.site_id = site->id;
      a.category_id = cats[rng.next() % cats.size()].id;
      a.title = std::string(rng.pick(kSubjects)) + " " + rng.pick(kActions) + " " + rng.pick(kTopics) +
                " (bản tin số " + std::to_string(serial) + ")";
      a.lead = std::string(rng.pick(kSentences)) + " " + rng.pick(kSentences);
      for (int p = 0; p < 5; ++p)
        a.body_html += std::string("<p>") + rng.pick(kSentences) + " " + rng.pick(kSentences) + " " +
                       rng.pick(kSentences) + "</p>";
      a.source = "Dữ liệu tổng hợp";
      a.status = ArticleStatus::published;
      a.is_demo = true;
      // Older than the demo, so the demo stays on the front page.
      a.published_at = now - 86400 * 40 - serial * 600;
      batch.push_back(std::move(a));
    }
    if (auto st = store.create_articles(std::move(batch)); !st) return st;
    done += n;
  }
  return Status::ok();
}

Status seed_sites(Store& store, const std::string& media_dir, int sites, int count, std::int64_t now) {
  auto all = store.sites();
  if (!all) return all.status();
  if (all->empty())
    if (auto st = install_demo(store, media_dir, now); !st) return st;
  all = store.sites();
  if (!all) return all.status();
  Id province = 0;
  for (const auto& s : *all)
    if (s.host == kDemoProvinceHost) province = s.id;
  if (!province) return Status::error(Code::not_found, "không có cổng tỉnh của dữ liệu minh hoạ");
  for (int i = 1; i <= sites; ++i) {
    char number[12];
    std::snprintf(number, sizeof number, "%03d", i);
    Site x;
    x.name = std::string("Xã Thử Nghiệm ") + number;
    x.kind = "Xã";
    x.host = std::string("xa-") + number + ".localhost";
    x.parent_id = province;
    auto id = gov::create_site(store, x);
    if (!id) return id.status();
    if (auto st = seed_articles(store, media_dir, count, now, *id); !st) return st;
  }
  return Status::ok();
}

}  // namespace portico::app
