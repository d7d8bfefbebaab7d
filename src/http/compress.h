// gzip (zlib) and brotli compression of whole bodies.
#pragma once
#include <string>
#include <string_view>

namespace portico::http {

std::string gzip_compress(std::string_view data, int level);
std::string brotli_compress(std::string_view data, int quality);
// For tests: inflates a gzip stream; empty on error.
std::string gzip_decompress(std::string_view data);

}  // namespace portico::http
