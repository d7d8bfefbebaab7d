#include "core/clock.h"

#include <fstream>

namespace portico {

// The file is read at every call: a few microseconds, and only in tests, where a change
// must count from the very next request.
std::int64_t OffsetClock::now() const {
  long long seconds = 0;
  if (std::ifstream in(path_); !(in >> seconds)) seconds = 0;
  return SystemClock().now() + seconds;
}

}  // namespace portico
