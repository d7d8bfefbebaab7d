// libFuzzer target: multipart/form-data bodies. The first line is the Content-Type header,
// the rest the body. Nothing crashes; every part's bytes come from the body.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto nl = in.find('\n');
  std::string_view type = in.substr(0, nl), body = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  auto boundary = portico::http::multipart_boundary(type);
  if (!boundary) boundary = "b";
  if (auto parts = portico::http::parse_multipart(body, *boundary)) {
    std::size_t total = 0;
    for (const auto& p : *parts) total += p.data.size() + p.name.size();
    if (total > body.size()) std::abort();
  }
  return 0;
}
