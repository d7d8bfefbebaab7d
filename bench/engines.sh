#!/usr/bin/env bash
# make bench, the two engines: the same installation of ARTICLES articles (bench/out/data,
# seeded by run.sh) on SQLite and, copied with copy-db, on PostgreSQL 15, one after the
# other in one run. Run by run.sh under tests/pg/with_server.sh (a private server; its URI
# in PORTICO_PG_URL). For each: start-up and RSS, the cached article page, search p50/p95
# over the 20 fixed queries one and four at once, ratings written per second (a new
# visitor each, 16 connections), the database's size; then the crawl of distinct
# articles, the engines in turn.
# Goals (issue 16): PostgreSQL search p95 <= 20 ms at four at once; its crawl within 0.7x
# of SQLite's.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-bench/out}
BIN=build/portico
DATA=$OUT/data
DURATION=${DURATION:-10s}
PAIR_DURATION=${PAIR_DURATION:-5s}
CRAWL_DURATION=${CRAWL_DURATION:-6s}
CRAWL_PASSES=${CRAWL_PASSES:-3}
CONNS=${CONNS:-64}
PATH_ARTICLE=/bai-viet/go-kho-phat-trien-dang-vien
UA="User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 bench"  # as run.sh: counted as a visit
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

SQLITE_URL="sqlite:$DATA/portico.db"
PG_URL="$PORTICO_PG_URL"
# The server's memory sized for a database of a gigabyte, as a DBA would: PostgreSQL's
# default shared_buffers (128 MB) is meant for small machines. SQLite reads the same file
# through the OS's cache.
psql "$PG_URL" -qc "ALTER SYSTEM SET shared_buffers = '1GB'"
eval "$PORTICO_PG_STOP" > /dev/null && eval "$PORTICO_PG_START" > /dev/null
echo "PostgreSQL 15: shared_buffers $(psql "$PG_URL" -qAt -c 'SHOW shared_buffers'), otherwise its defaults"
echo "copy-db from SQLite to PostgreSQL:"
t0=$(date +%s%N)
"$BIN" copy-db --from "$SQLITE_URL" --to "$PG_URL" 2>&1 >/dev/null | sed 's/^/   /'
echo "   in all $(( ($(date +%s%N) - t0) / 1000000 )) ms"
MAX_ID=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT MAX(id) FROM articles').fetchone()[0])" "$DATA/portico.db")
# Budgets lifted, as in run.sh; X-Forwarded-For from loopback is believed, so that each
# rating comes from an address of its own.
printf 'api_requests_per_minute = 10000000\nexpensive_requests_per_minute = 10000000\nweather_interval_s = 0\nvotes_per_address = 1000000\ntrust_proxy = ["127.0.0.1"]\n' > "$OUT/engines.toml"

declare -A SEARCH4
serve() {  # serve ENGINE: starts a server on it; sets pid, port
  local url=$SQLITE_URL; [ "$1" = postgresql ] && url=$PG_URL
  port=$(free_port)
  "$BIN" serve --data "$DATA" --database "$url" --listen 127.0.0.1:$port --config "$OUT/engines.toml" > "$OUT/engine-$1.out" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done
}
for engine in sqlite postgresql; do
  t0=$(date +%s%N)
  serve "$engine"
  echo
  echo "-- $engine: start-up $(( ($(date +%s%N) - t0) / 1000000 )) ms to the first /healthz answer, RSS $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status)"
  curl -s -o /dev/null -H "$UA" "http://127.0.0.1:$port$PATH_ARTICLE"
  out=$(wrk -t2 -c"$CONNS" -d"$PAIR_DURATION" --latency -H "$UA" -H "Accept-Encoding: gzip, br" "http://127.0.0.1:$port$PATH_ARTICLE")
  printf "   %-36s %10s req/s, p50 %s, p99 %s\n" "cached article page (gzip, br)" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1=="50%" {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')"
  echo "   search, one at a time:  $(wrk -t1 -c1 -d"$DURATION" -s bench/search.lua "http://127.0.0.1:$port" | grep '^search:')"
  line=$(wrk -t1 -c4 -d"$DURATION" -s bench/search.lua "http://127.0.0.1:$port" | grep '^search:')
  SEARCH4[$engine]=$(echo "$line" | sed -E 's/.*p95 ([0-9.]+) ms.*/\1/')
  echo "   search, four at once:   $line"
  echo "   $(RATE_ARTICLES=$MAX_ID RATE_ORIGIN="http://127.0.0.1:$port" wrk -t2 -c16 -d"$DURATION" -s bench/ratings.lua "http://127.0.0.1:$port" | grep '^ratings:')"
  echo "   RSS after: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status), peak $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status)"
  kill -TERM $pid; wait $pid || true
done
echo
echo "database size: SQLite $(du -m "$DATA/portico.db" | cut -f1) MB (file); PostgreSQL $(psql "$PG_URL" -qAt -c "SELECT pg_database_size(current_database()) / 1048576") MB (database)"

# The crawl of distinct articles (every request a miss of the page cache), the engines in
# turn, CRAWL_PASSES pairs, each pass on a server just started (an empty page cache). The
# machine's speed drifts by a tenth and more between runs (other tenants): as in run.sh,
# the ratio is the median of the pairs' ratios.
echo
echo "-- crawl of distinct articles (identity), the engines in turn: $CRAWL_PASSES pairs of $CRAWL_DURATION"
ratios=()
for ((i = 1; i <= CRAWL_PASSES; i++)); do
  declare -A rps=()
  for engine in sqlite postgresql; do
    serve "$engine"
    line=$(CRAWL_FILE="$OUT/crawl.txt" wrk -t2 -c32 -d"$CRAWL_DURATION" -H "$UA" -s bench/crawl.lua "http://127.0.0.1:$port" | grep '^crawl:')
    rps[$engine]=$(echo "$line" | awk '{print $2}')
    printf "   %-11s %10s req/s, p50 %sms, p99 %sms (%s)\n" "$engine $i" "${rps[$engine]}" \
      "$(echo "$line" | awk '{print $5}')" "$(echo "$line" | awk '{print $8}')" "${line##*ms, }"
    kill -TERM $pid; wait $pid || true
  done
  ratios+=("$(python3 -c "print(f'{${rps[postgresql]}/${rps[sqlite]}:.3f}')")")
done
echo "   pairs' ratios: ${ratios[*]}"
CRAWL_RATIO=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}')
echo
echo "PostgreSQL/SQLite: crawl $CRAWL_RATIO (median of the pairs; goal >= 0.7); search p95 four at once ${SEARCH4[postgresql]} ms against ${SEARCH4[sqlite]} ms (goal <= 20 ms)"

# Two nodes on the same PostgreSQL database and data directory, behind nginx with
# deploy/nginx-portico.conf (issue 17). All on this machine's cores, so the point is the
# overhead of the proxy and of the second process, and the delay from a publish on one node
# to the page on the other, not a speed-up: on two machines each node has cores of its own.
echo
echo "-- two nodes on PostgreSQL behind nginx (one machine: the overhead, not the speed-up)"
NGX=$OUT/nginx-nodes
rm -rf "$NGX"; mkdir -p "$NGX/logs"
declare -a NPORTS NPIDS
for name in a b; do
  port=$(free_port)
  { cat "$OUT/engines.toml"; echo "log_dir = \"$NGX/log-$name\""; } > "$NGX/node-$name.toml"
  "$BIN" serve --data "$DATA" --database "$PG_URL" --listen 127.0.0.1:$port --config "$NGX/node-$name.toml" \
    > "$NGX/node-$name.out" 2>&1 &
  NPIDS+=($!); NPORTS+=($port)
done
for port in "${NPORTS[@]}"; do until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done; done
NGPORT=$(free_port)
{
  echo "worker_processes auto; pid $PWD/$NGX/nginx.pid; error_log $PWD/$NGX/logs/error.log;"
  echo "events { worker_connections 4096; }"
  echo "http { access_log off; proxy_temp_path /tmp; client_body_temp_path /tmp;"
  sed -e "s/127.0.0.1:8081/127.0.0.1:${NPORTS[0]}/" -e "s/127.0.0.1:8082/127.0.0.1:${NPORTS[1]}/" \
      -e "s/listen 80;/listen 127.0.0.1:$NGPORT;/" deploy/nginx-portico.conf
  echo "}"
} > "$NGX/nginx.conf"
/usr/sbin/nginx -c "$PWD/$NGX/nginx.conf" -p "$PWD/$NGX" -e "$PWD/$NGX/logs/error.log"
until curl -sf "http://127.0.0.1:$NGPORT/healthz" >/dev/null; do sleep 0.01; done
curl -s -o /dev/null -H "$UA" "http://127.0.0.1:$NGPORT$PATH_ARTICLE"
out=$(wrk -t2 -c"$CONNS" -d"$PAIR_DURATION" --latency -H "$UA" -H "Accept-Encoding: gzip, br" "http://127.0.0.1:$NGPORT$PATH_ARTICLE")
printf "   %-36s %10s req/s, p50 %s, p99 %s\n" "cached article page (gzip, br)" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
  "$(echo "$out" | awk '$1=="50%" {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')"
line=$(CRAWL_FILE="$OUT/crawl.txt" wrk -t2 -c32 -d"$DURATION" -H "$UA" -s bench/crawl.lua "http://127.0.0.1:$NGPORT" | grep '^crawl:')
printf "   %-36s %10s req/s, p50 %sms, p99 %sms\n" "crawl of distinct articles (identity)" "$(echo "$line" | awk '{print $2}')" \
  "$(echo "$line" | awk '{print $5}')" "$(echo "$line" | awk '{print $8}')"
token() {  # an account of the role and an API token for it, in the shared database
  printf 'mat-khau-do-tre-%s\n' "$1" | "$BIN" user add "do-tre-$1" --role "$2" --password-stdin --data "$DATA" --database "$PG_URL" >/dev/null
  "$BIN" token create "do-tre-$1" --data "$DATA" --database "$PG_URL" | tail -1
}
EDITOR=$(token bien-tap editor); APPROVER=$(token duyet approver)
printf "   "; python3 bench/publish_delay.py "http://127.0.0.1:${NPORTS[0]}" "http://127.0.0.1:${NPORTS[1]}" "$EDITOR" "$APPROVER" 20
kill "$(cat "$NGX/nginx.pid")"
kill -TERM "${NPIDS[@]}"; wait "${NPIDS[@]}" || true
