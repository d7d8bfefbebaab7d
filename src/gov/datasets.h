// Datasets of "Thông tin tổng hợp": small tables of figures entered in the newsroom (typed,
// pasted from a spreadsheet or imported from CSV), published as an accessible HTML table and
// a server-drawn SVG chart with a text alternative, and downloadable as CSV and JSON.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "content/change_notifier.h"
#include "store/store.h"

namespace portico::gov {

// A dataset's table: row labels (the first column) and numeric series (the others). An
// empty cell is a missing value.
struct Table {
  std::string label_heading;          // the first column's header
  std::vector<std::string> series;    // the other headers
  std::vector<std::string> labels;
  std::vector<std::vector<std::optional<double>>> values;  // [row][series]
};

// Reads CSV text (comma, semicolon or tab). Numbers are read as Vietnamese write them
// ("1.111" is one thousand one hundred and eleven, "2,5" is two and a half) or plainly
// ("2.5"); anything else is refused with the cell named.
Result<Table> parse_table(std::string_view csv);
// The table as CSV (what is stored and downloaded) and numbers as Vietnamese read them.
std::string table_csv(const Table& t);
std::string format_number(double v);

// An SVG bar or line chart of the table, with <title> and <desc>; `summary` receives the
// text alternative (every figure in words), also shown beside the chart.
std::string chart_svg(const Table& t, const std::string& kind, const std::string& title, const std::string& unit,
                      std::string& summary);

struct DatasetInput {
  std::string title, description, source, source_url, unit, chart, table, headline;
  bool featured = false;
  int position = 0;
};

class Datasets : public content::ChangeNotifier {
 public:
  Datasets(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<std::vector<Dataset>> list(Id site_id) { return store_.datasets(site_id); }
  Result<Dataset> by_slug(Id site_id, std::string_view slug) { return store_.dataset_by_slug(site_id, slug); }
  Result<Dataset> by_id(Id site_id, Id id) { return store_.dataset(site_id, id); }
  // Creates (id 0) or updates; invalid with the reason (a bad cell, a missing title…).
  // Writes from the newsroom: `who` goes to the audit log with each change that succeeds.
  Result<Id> save(const Actor& who, Id site_id, Id id, const DatasetInput& in);
  Status remove(const Actor& who, Id site_id, Id id);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace portico::gov
