# Sourced by the shell tests (tests/install/run.sh, tests/api/run.sh): a temporary
# directory in $work, removed on exit with the server start_portico started, if any.
#   start_portico BIN DATA_DIR   serves DATA_DIR on a free loopback port; sets $base.
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_portico() {
  "$1" serve --data "$2" --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
  server=$!
  for _ in $(seq 100); do grep -q 'http://127.0.0.1:' "$work/out" && break; sleep 0.1; done
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1)
  [ -n "$base" ] || { cat "$work/err" >&2; return 1; }
}
