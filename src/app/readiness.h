// Whether this node can serve (/readyz, for load balancers; /healthz says only that the
// process answers): the database reachable and at the schema version this build knows,
// and free space on the data directory above min_free_disk_mb.
#pragma once
#include <cstdint>
#include <string>

#include "store/store.h"

namespace portico::app {

struct Readiness {
  bool ready = false;
  std::string reason;              // Vietnamese, when not ready
  bool database = false;           // answered
  int schema = 0, known_schema = 0;
  std::int64_t free_mb = 0;        // on the data directory
};

Readiness check_readiness(Store& store, const std::string& data_dir, std::int64_t min_free_mb);

}  // namespace portico::app
