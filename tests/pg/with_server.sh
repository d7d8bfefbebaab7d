#!/usr/bin/env bash
# Runs a command against a private PostgreSQL server made for it: initdb into a temporary
# directory, listening on a Unix socket there only (no TCP port to collide with), as an
# unprivileged user (pg_ctl refuses root, and CI runs as root). The command gets the
# server's libpq URI in PORTICO_PG_URL, and in PORTICO_PG_STOP / PORTICO_PG_START the
# commands that stop and start it again (to test what happens when it goes away); the
# server is stopped and its directory removed whatever the command does.
#   with_server.sh COMMAND [ARGS…]
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed (Debian: postgresql-15); scripts/install-deps.sh test installs it" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/portico-pg-XXXXXX)
as=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody:nogroup "$dir"
  as=(runuser -u nobody --)
fi
port=5432  # the socket's name only (.s.PGSQL.5432 in $dir): nothing listens on TCP
stop() {
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as[@]}" "$bindir/initdb" -D "$dir/data" -U portico --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
ctl="${as[*]} $bindir/pg_ctl -D $dir/data -l $dir/server.log -w -t 30"
opts="-c listen_addresses='' -k $dir -p $port -c max_connections=60"
$ctl -o "$opts" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"$bindir/createdb" -h "$dir" -p $port -U portico portico_test
export PORTICO_PG_URL="postgresql:///portico_test?host=$dir&port=$port&user=portico"
export PORTICO_PG_STOP="$ctl -m fast stop"
export PORTICO_PG_START="$ctl -o \"$opts\" start"
status=0
"$@" || status=$?
[ $status -eq 0 ] || { echo "--- server log:" >&2; tail -20 "$dir/server.log" >&2; }
exit $status
