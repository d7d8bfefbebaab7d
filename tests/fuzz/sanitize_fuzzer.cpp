// libFuzzer target: whatever bytes come in, the sanitiser returns markup that cannot run
// script, is stable when sanitised again, and never crashes or leaks (ASan, UBSan).
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include "text/html.h"
#include "text/html_safety.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto sanitized = portico::text::sanitize_html(in);
  if (!sanitized) {  // past the depth or element limit: refused, and the text is empty too
    if (!portico::text::html_to_text(in).empty()) std::abort();
    return 0;
  }
  const std::string& out = *sanitized;
  if (auto bad = portico::text::unsafe_markup(out); !bad.empty()) {
    std::fprintf(stderr, "unsafe output (%s): %s\n", bad.c_str(), out.c_str());
    std::abort();
  }
  auto again = portico::text::sanitize_html(out);
  if (!again || *again != out) {
    std::fprintf(stderr, "unstable output: %s\nsanitised again: %s\n", out.c_str(), again ? again->c_str() : "(refused)");
    std::abort();
  }
  portico::text::html_to_text(in);
  return 0;
}
