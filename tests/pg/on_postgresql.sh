#!/usr/bin/env bash
# The portico binary on PostgreSQL, for the HTTP suites (PORTICO_BIN=this script, under
# with_server.sh): every command that names a data directory (--data DIR) gets
# --database with the server's URL and a schema of that directory's own, made on first use,
# so each test's installation is as empty and as separate as a new SQLite file. The real
# binary is PORTICO_REAL_BIN; exec keeps its process id (tests kill it with -9).
set -euo pipefail
: "${PORTICO_REAL_BIN:?the real portico binary}" "${PORTICO_PG_URL:?run under tests/pg/with_server.sh}"
args=("$@")
data=""
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--data" ] && [ $((i + 1)) -lt ${#args[@]} ]; then data="${args[$((i + 1))]}"; fi
  if [ "${args[$i]}" = "--database" ]; then data=""; break; fi  # the test names its own database
done
if [ -n "$data" ]; then
  schema="t$(printf '%s' "$(realpath -m "$data")" | md5sum | cut -c1-16)"
  psql "$PORTICO_PG_URL" -qAt -v ON_ERROR_STOP=1 -c "CREATE SCHEMA IF NOT EXISTS $schema" >/dev/null 2>&1 ||
    psql "$PORTICO_PG_URL" -qAt -c "SELECT 1 FROM pg_namespace WHERE nspname = '$schema'" | grep -q 1
  args+=(--database "${PORTICO_PG_URL}&options=-csearch_path%3D${schema}")
fi
exec "$PORTICO_REAL_BIN" "${args[@]}"
