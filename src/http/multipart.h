// multipart/form-data bodies (file uploads), parsed strictly: a malformed body is an error,
// never a guess.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portico::http {

struct Part {
  std::string name;
  std::string filename;      // empty for plain fields
  std::string content_type;  // as the client said; never trusted for files
  std::string data;
};

// The boundary of a "multipart/form-data; boundary=…" content type, if it is one.
std::optional<std::string> multipart_boundary(std::string_view content_type);
// The parts, or nullopt when the body does not follow RFC 7578.
std::optional<std::vector<Part>> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace portico::http
