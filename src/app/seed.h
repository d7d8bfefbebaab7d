// The synthetic data set for benchmarks (`portico seed`), on top of the demo.
#pragma once
#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace portico::app {

// Adds `count` deterministic synthetic articles to a site (0: the default one; installing the demo
// first if the database is empty), in batches of one transaction each.
Status seed_articles(Store& store, const std::string& media_dir, int count, std::int64_t now, Id site_id = 0);
// `sites` communes under the demo's province (xa-001.localhost, …), each with `count`
// synthetic articles: a province platform for the benchmarks.
Status seed_sites(Store& store, const std::string& media_dir, int sites, int count, std::int64_t now);

}  // namespace portico::app
