// Royalties (nhuận bút): the monthly report, as a page and CSV, and the coefficients form.
#include "newsroom/admin_pages.h"

#include <algorithm>

#include "content/views.h"
#include "newsroom/admin_forms.h"
#include "render/vn_time.h"
#include "text/unicode.h"

namespace portico::newsroom {

namespace {
std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}
Data royalty_lines(const std::vector<RoyaltyLine>& lines) {
  List l;
  for (const auto& x : lines) {
    Data d;
    put(d, "name", x.name);
    put(d, "articles", std::to_string(x.articles));
    put(d, "points", two_decimals(x.points));
    put(d, "amount", render::group_digits(x.amount));
    l.push_back(d);
  }
  return Data(l);
}
}  // namespace

Response AdminPages::royalties(const http::Request& r, const content::SiteContent& s, const SignedIn& who, bool csv) {
  std::string month = std::string(r.param("thang").value_or(""));
  if (month.empty()) month = render::format_local_datetime(newsroom_.now()).substr(0, 7);
  auto report = newsroom_.royalties(who, month);
  if (!report) return error(400, s, &who, "Tháng phải có dạng YYYY-MM.");
  if (csv) {
    auto res = Response::with(200, http::make_entity("text/csv; charset=utf-8", royalty_csv(*report),
                                                     http::Compression::fast, 0, "no-store"));
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"nhuan-but-" + month + ".csv\"");
    return res;
  }
  Data v;
  put(v, "month", month);
  put(v, "month_label", month.substr(5, 2) + "/" + month.substr(0, 4));
  put(v, "base", render::group_digits(report->base));
  put(v, "base_raw", std::to_string(report->base));
  put(v, "empty", report->rows.empty());
  v.set("by_author", royalty_lines(report->by_author));
  v.set("by_genre", royalty_lines(report->by_genre));
  v.set("total", royalty_lines({report->total}));
  put(v, "can_manage", who.may(Action::manage_royalties));
  put(v, "csrf", who.session.csrf);
  put(v, "saved", r.param("da-luu").has_value());
  v.set("genres", genre_list(need(newsroom_.genres(s.site.id)), ""));
  return page(200, "Nhuận bút", "admin_royalties", std::move(v), s, &who, "royalties");
}

Response AdminPages::royalty_rates(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  http::Fields form;
  if (!http::parse_form(r.body, form)) return error(400, s, &who);
  auto number = [](std::string t, double max) -> std::optional<double> {
    std::replace(t.begin(), t.end(), ',', '.');
    if (t.empty() || t.size() > 12 || t.find_first_not_of("0123456789.") != std::string::npos ||
        std::count(t.begin(), t.end(), '.') > 1 || t == ".")
      return std::nullopt;
    double v = std::stod(t);
    if (v > max) return std::nullopt;
    return v;
  };
  auto base = number(form_value(form, "muc-co-so"), 100'000'000);
  std::vector<Genre> list = need(newsroom_.genres(s.site.id));
  bool ok = base.has_value();
  for (auto& g : list) {
    auto c = number(form_value(form, "he-so-" + g.code), 100);
    if (!c) ok = false;
    else g.coefficient = *c;
  }
  if (!ok) return error(422, s, &who, "Mức cơ sở và hệ số phải là số không âm (hệ số tối đa 100).");
  if (auto st = newsroom_.set_royalty_rates(who, list, static_cast<std::int64_t>(*base), r.remote); !st)
    return error(422, s, &who, st.message());
  return Response::redirect("/quan-tri/nhuan-but?da-luu=1");
}

}  // namespace portico::newsroom
