// JSON answers of the open API: one content type, one serialiser, for every module.
#pragma once
#include <boost/json.hpp>
#include <string>

#include "http/message.h"

namespace portico::content {

// cache_control empty: revalidate with the ETag ("no-cache"); "no-store" for personal answers.
inline http::Response json_response(int status, const boost::json::value& v, std::string cache_control = {}) {
  return http::Response::with(status, http::make_entity("application/json; charset=utf-8", boost::json::serialize(v),
                                                         http::Compression::fast, 0, std::move(cache_control)));
}

}  // namespace portico::content
