// Royalty computation and its CSV.
#include "newsroom/royalties.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "render/vn_time.h"
#include "text/csv.h"

namespace portico::newsroom {

std::vector<Genre> default_genres() {
  return {{"tin", "Tin", 1.0, 1},           {"tin-anh", "Tin ảnh", 1.2, 2},
          {"bai-viet", "Bài viết", 2.0, 3}, {"phong-van", "Phỏng vấn", 2.5, 4},
          {"phong-su", "Phóng sự", 3.0, 5}, {"binh-luan", "Bình luận", 2.5, 6}};
}

std::optional<std::pair<std::int64_t, std::int64_t>> month_range(std::string_view m) {
  if (m.size() != 7 || m[4] != '-') return std::nullopt;
  std::string s(m);
  auto start = render::parse_local_datetime(s + "-01T00:00");
  if (start < 0) return std::nullopt;
  int y = std::stoi(s.substr(0, 4)), mo = std::stoi(s.substr(5, 2));
  char next[32];
  std::snprintf(next, sizeof next, "%04d-%02d-01T00:00", mo == 12 ? y + 1 : y, mo == 12 ? 1 : mo + 1);
  auto end = render::parse_local_datetime(next);
  if (end < 0) return std::nullopt;
  return std::pair{start, end};
}

std::vector<std::string> split_authors(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',' || s[i] == ';') {
      flush();
    } else if (constexpr std::string_view kAnd = " và "; s.substr(i, kAnd.size()) == kAnd) {
      flush();
      i += kAnd.size() - 1;
    } else {
      cur += s[i];
    }
  }
  flush();
  return out;
}

RoyaltyReport compute_royalties(std::string month, const std::vector<RoyaltyItem>& items,
                                const std::vector<Genre>& genres, std::int64_t base) {
  RoyaltyReport r;
  r.month = std::move(month);
  r.base = base;
  std::map<std::string, RoyaltyLine> authors, by_genre;
  auto money = [&](double points) { return static_cast<std::int64_t>(std::llround(points * static_cast<double>(base))); };
  for (const auto& it : items) {
    const Genre* g = nullptr;
    for (const auto& x : genres)
      if (x.code == it.genre) g = &x;
    RoyaltyRow row{it.article_id, it.title, g ? g->name : "(chưa phân loại)", split_authors(it.author), it.published_at,
                   g ? g->coefficient : 0.0, 0};
    if (row.authors.empty()) row.authors.push_back("(không ghi tác giả)");
    row.amount = money(row.points);
    for (const auto& a : row.authors) {
      auto& line = authors[a];
      line.name = a;
      line.articles += 1;
      line.points += row.points / static_cast<double>(row.authors.size());
    }
    auto& gl = by_genre[row.genre_name];
    gl.name = row.genre_name;
    gl.articles += 1;
    gl.points += row.points;
    r.total.articles += 1;
    r.total.points += row.points;
    r.rows.push_back(std::move(row));
  }
  auto finish = [&](std::map<std::string, RoyaltyLine>& m, std::vector<RoyaltyLine>& out) {
    for (auto& [k, v] : m) {
      v.amount = money(v.points);
      out.push_back(v);
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.amount > b.amount; });
  };
  finish(authors, r.by_author);
  finish(by_genre, r.by_genre);
  r.total.name = "Tổng cộng";
  r.total.amount = money(r.total.points);
  return r;
}

namespace {
std::string points(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", p);
  return buf;
}
}  // namespace

using text::csv_field;

std::string royalty_csv(const RoyaltyReport& r) {
  std::string out = "\xEF\xBB\xBF";
  out += "Nhuận bút tháng " + r.month + ", mức cơ sở " + std::to_string(r.base) + " đồng/điểm\r\n";
  out += "Mã bài,Ngày xuất bản,Tiêu đề,Thể loại,Tác giả,Hệ số,Thành tiền (đồng)\r\n";
  for (const auto& row : r.rows) {
    std::string authors;
    for (const auto& a : row.authors) authors += (authors.empty() ? "" : "; ") + a;
    out += std::to_string(row.article_id) + "," + render::format_date(row.published_at) + "," + csv_field(row.title) +
           "," + csv_field(row.genre_name) + "," + csv_field(authors) + "," + points(row.points) + "," +
           std::to_string(row.amount) + "\r\n";
  }
  out += "\r\nTác giả,Số bài,Điểm,Thành tiền (đồng)\r\n";
  for (const auto& l : r.by_author)
    out += csv_field(l.name) + "," + std::to_string(l.articles) + "," + points(l.points) + "," + std::to_string(l.amount) + "\r\n";
  out += "\r\nThể loại,Số bài,Điểm,Thành tiền (đồng)\r\n";
  for (const auto& l : r.by_genre)
    out += csv_field(l.name) + "," + std::to_string(l.articles) + "," + points(l.points) + "," + std::to_string(l.amount) + "\r\n";
  out += csv_field(r.total.name) + "," + std::to_string(r.total.articles) + "," + points(r.total.points) + "," +
         std::to_string(r.total.amount) + "\r\n";
  return out;
}

}  // namespace portico::newsroom
