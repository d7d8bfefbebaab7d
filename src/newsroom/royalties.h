// Royalties (nhuận bút): points per published article by genre coefficient, shared among
// its authors, times the site's base amount; reported per month, per author and per genre.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace portico::newsroom {

struct RoyaltyLine {
  std::string name;
  int articles = 0;
  double points = 0;
  std::int64_t amount = 0;  // đồng
};

struct RoyaltyRow {
  Id article_id = 0;
  std::string title, genre_name;
  std::vector<std::string> authors;
  std::int64_t published_at = 0;
  double points = 0;
  std::int64_t amount = 0;
};

struct RoyaltyReport {
  std::string month;  // "2026-11"
  std::int64_t base = 0;
  std::vector<RoyaltyRow> rows;
  std::vector<RoyaltyLine> by_author, by_genre;  // largest amount first
  RoyaltyLine total;
};

std::vector<Genre> default_genres();
// "2026-11" → [start, end) in Unix seconds, months cut in Hà Nội time.
std::optional<std::pair<std::int64_t, std::int64_t>> month_range(std::string_view month);
// "Nguyễn Văn A, Trần Thị B và Lê C" → three names.
std::vector<std::string> split_authors(std::string_view authors);
RoyaltyReport compute_royalties(std::string month, const std::vector<RoyaltyItem>& items,
                                const std::vector<Genre>& genres, std::int64_t base);
// CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Vietnamese correctly).
std::string royalty_csv(const RoyaltyReport& r);

}  // namespace portico::newsroom
