#!/usr/bin/env bash
# The HTTP suites on PostgreSQL, then what only PostgreSQL has to show (postgresql.test.mjs).
# Run by ctest (http_postgresql) under with_server.sh, with PORTICO_BIN the real binary:
# the suites get tests/pg/on_postgresql.sh in its place.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export PORTICO_REAL_BIN="$PORTICO_BIN" PORTICO_BIN="$here/on_postgresql.sh" PORTICO_TEST_DATABASE=postgresql
exec node --test --test-concurrency=1 "$here/../http/" "$here/"
