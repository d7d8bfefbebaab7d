// JSON answers of the open API: one content type, one serialiser, for every module.
#pragma once
#include <algorithm>
#include <boost/json.hpp>
#include <string>

#include "content/api.h"
#include "http/message.h"

namespace portico::content {

// cache_control empty: revalidate with the ETag ("no-cache"); "no-store" for personal answers.
inline http::Response json_response(int status, const boost::json::value& v, std::string cache_control = {}) {
  return http::Response::with(status, http::make_entity("application/json; charset=utf-8", boost::json::serialize(v),
                                                         http::Compression::fast, 0, std::move(cache_control)));
}

// One page of a list: {"data": items, "meta": {page, per_page, total, total_pages}} with its
// RFC 8288 Link header, or 404 page_out_of_range past the last page. `prefix` is the
// absolute address up to and including "page=".
inline http::Response page_response(boost::json::array items, std::int64_t page, int per_page, std::int64_t total,
                                    const std::string& prefix) {
  std::int64_t pages = std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
  if (page > pages) return ArticleApi::error(404, "page_out_of_range", "Số trang vượt quá số trang hiện có.");
  boost::json::object meta{{"page", page}, {"per_page", per_page}, {"total", total}, {"total_pages", pages}};
  http::Response res = json_response(200, boost::json::object{{"data", std::move(items)}, {"meta", std::move(meta)}});
  res.headers.emplace_back("Link", page_links(prefix, page, pages));
  return res;
}

}  // namespace portico::content
