#!/usr/bin/env bash
# make bench: Portico on a 100k-article data set against nginx serving the very same
# article page bytes as a static file, wrk on loopback, side by side in one run.
# Prints requests/s, p50/p99 latency, the ratio Portico/nginx, the crawl of distinct
# pages (cache misses) against the cached page, isolation of cached pages from a flood of
# misses, peak RSS and start-up time, then the Google Benchmark figures. Bounded: 4 x PAIRS
# wrk runs of PAIR_DURATION (the cached page, in turn with nginx) and 10 of DURATION (six of
# them three side by side), then the same on a province of SITES communes (start-up, memory,
# a commune's cached page and crawl, the province-wide search). Between them, the same
# installation on both engines (bench/engines.sh: SQLite, then PostgreSQL after copy-db).
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-100000}
DURATION=${DURATION:-10s}
PAIRS=${PAIRS:-3}
PAIR_DURATION=${PAIR_DURATION:-5s}
CONNS=${CONNS:-64}
CRAWL=${CRAWL:-20000}
SITES=${SITES:-200}                 # the province platform: communes …
SITE_ARTICLES=${SITE_ARTICLES:-1000}  # … and articles each
OUT=bench/out
BIN=build/portico
PATH_ARTICLE=/bai-viet/go-kho-phat-trien-dang-vien

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

rm -rf "$OUT"; mkdir -p "$OUT/nginx/root/bai-viet" "$OUT/nginx/logs"
DATA=$OUT/data

echo "== Data set: demo + $ARTICLES synthetic articles"
t0=$(date +%s%N)
"$BIN" seed --data "$DATA" --articles "$ARTICLES"
echo "seed: $(( ($(date +%s%N) - t0) / 1000000 )) ms, database $(du -h "$DATA/portico.db" | cut -f1)"

PPORT=$(free_port)
t0=$(date +%s%N)
# wrk is one address sending thousands of API reads and searches a second: lift the
# per-address budgets (the isolation run below also starts a server with the defaults).
printf 'api_requests_per_minute = 10000000\nexpensive_requests_per_minute = 10000000\nweather_interval_s = 0\n' > "$OUT/portico.toml"
"$BIN" serve --data "$DATA" --listen 127.0.0.1:$PPORT --config "$OUT/portico.toml" > "$OUT/portico.out" 2> "$OUT/portico.err" &
PID=$!
trap 'kill $PID ${PID1:-} ${PID3:-} 2>/dev/null || true; for f in "$OUT"/nginx/nginx*.pid; do [ -f "$f" ] && kill $(cat "$f") 2>/dev/null; done; true' EXIT
until curl -sf "http://127.0.0.1:$PPORT/healthz" >/dev/null; do sleep 0.01; done
STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "start-up on $(grep -o '[0-9]* bài viết' "$OUT/portico.out"): $STARTUP_MS ms to first /healthz answer ($(cat "$OUT/portico.out"))"

# The very same bytes for nginx: the identity page and its gzip encoding.
curl -s -H 'Accept-Encoding: identity' "http://127.0.0.1:$PPORT$PATH_ARTICLE" > "$OUT/nginx/root/bai-viet/article.html"
curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PPORT$PATH_ARTICLE" > "$OUT/nginx/root/bai-viet/article.html.gz"
SIZE=$(stat -c %s "$OUT/nginx/root/bai-viet/article.html")
echo "article page: $SIZE bytes, gzip $(stat -c %s "$OUT/nginx/root/bai-viet/article.html.gz") bytes, brotli $(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$PPORT$PATH_ARTICLE" | wc -c) bytes"

NPORT=$(free_port)
USER_LINE=""; [ "$(id -u)" -eq 0 ] && USER_LINE="user root;"
cat > "$OUT/nginx/nginx.conf" <<CONF
$USER_LINE
worker_processes 2;
pid $PWD/$OUT/nginx/nginx.pid;
error_log $PWD/$OUT/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log $PWD/$OUT/nginx/logs/access.log;
  client_body_temp_path /tmp; proxy_temp_path /tmp; fastcgi_temp_path /tmp; uwsgi_temp_path /tmp; scgi_temp_path /tmp;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  gzip_static on;
  server {
    listen 127.0.0.1:$NPORT;
    root $PWD/$OUT/nginx/root;
    location / { default_type "text/html; charset=utf-8"; }
  }
}
CONF
/usr/sbin/nginx -c "$PWD/$OUT/nginx/nginx.conf" -p "$PWD/$OUT/nginx" -e "$PWD/$OUT/nginx/logs/error.log"
until curl -sf "http://127.0.0.1:$NPORT/bai-viet/article.html" >/dev/null; do sleep 0.01; done

# A browser's User-Agent, so that Portico counts every view as a visit (wrk sends none,
# and an empty one is treated as a bot): the figures include the visit counting.
UA="User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 bench"
WRK=(wrk -t2)  # the one-core section below pins it: (taskset -c 1 wrk -t1)
run_wrk() {  # name url header → "rps p50 p99"
  local out
  if [ -n "$3" ]; then out=$("${WRK[@]}" -c"$CONNS" -d"$PAIR_DURATION" --latency -H "$UA" -H "$3" "$2")
  else out=$("${WRK[@]}" -c"$CONNS" -d"$PAIR_DURATION" --latency -H "$UA" "$2"); fi
  echo "$out" > "$OUT/wrk-$1.txt"
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$rps $p50 $p99"
}

echo
echo "== wrk -t2 -c$CONNS -d$PAIR_DURATION, article page ($PATH_ARTICLE): $PAIRS pairs, Portico and nginx in turn"
# The machine's speed drifts by tens of per cent from one run to the next (other tenants):
# the two servers run in turn, and the ratio is the median of the pairs' ratios.
declare -A R PRPS
pairs() {  # portico-port nginx-port name-prefix: fills R and PRPS
  printf "%-28s %12s %10s %10s\n" "" "requests/s" "p50" "p99"
  for enc in identity "gzip, br"; do
    hdr=""; [ "$enc" != identity ] && hdr="Accept-Encoding: $enc"
    tag=${enc//[^a-z]/}
    ratios=(); prs=()
    for i in $(seq 1 "$PAIRS"); do
      read -r prps pp50 pp99 < <(run_wrk "$3portico-$tag-$i" "http://127.0.0.1:$1$PATH_ARTICLE" "$hdr")
      read -r nrps np50 np99 < <(run_wrk "$3nginx-$tag-$i" "http://127.0.0.1:$2/bai-viet/article.html" "$hdr")
      printf "%-28s %12s %10s %10s\n" "Portico ($enc) $i" "$prps" "$pp50" "$pp99"
      printf "%-28s %12s %10s %10s\n" "nginx static ($enc) $i" "$nrps" "$np50" "$np99"
      ratios+=("$(python3 -c "print(f'{$prps/$nrps:.3f}')")"); prs+=("$prps")
    done
    R[$tag]=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}')
    PRPS[$tag]=$(printf '%s\n' "${prs[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "   pairs' ratios: ${ratios[*]}"
  done
}
pairs "$PPORT" "$NPORT" ""
echo
echo "ratio Portico/nginx (median of the pairs): identity ${R[identity]}, gzip+br ${R[gzipbr]} (issue 12: ≥ 1.0, p99 ≤ 5 ms)"
# Issue 4: the article page with every sidebar widget on stays within 10% of the foundation's
# figure (issue 2's closing note, before the sidebar: 69,568 req/s identity, 74,850 req/s br,
# this machine). Machines differ: the nginx ratio above is the portable comparison.
echo "vs the foundation's article page (69568 / 74850 req/s): identity $(python3 -c "print(f'{${PRPS[identity]}/69568:.2f}')"), br $(python3 -c "print(f'{${PRPS[gzipbr]}/74850:.2f}')")"
# Every view was counted: the page views wrk completed against what the server counted.
sleep 1.5
SENT=$(cat "$OUT"/wrk-portico-*.txt | awk '/requests in/ {n += $1} END {print n}')
COUNTED=$(curl -s "http://127.0.0.1:$PPORT/api/v1/stats/visits" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["today"])')
echo "visits counted: $COUNTED for $SENT page views completed by wrk (in-flight requests at the end of each run may add up to $((2 * PAIRS * CONNS)))"

if [ "$(nproc)" -ge 2 ]; then
  # Above, the servers and wrk share both cores, so a tail of a few milliseconds is mostly
  # the scheduler's (a faster server leaves wrk less CPU, and wrk's own waits count in
  # p99). Here each side has a core: the servers on CPU 0 (Portico threads = 1, nginx
  # worker_processes 1), wrk -t1 on CPU 1.
  echo
  echo "== One core each: the servers on CPU 0 (Portico threads = 1, nginx worker_processes 1), wrk -t1 on CPU 1"
  PPORT1=$(free_port); NPORT1=$(free_port)
  { cat "$OUT/portico.toml"; echo "threads = 1"; } > "$OUT/portico-1core.toml"
  taskset -c 0 "$BIN" serve --data "$DATA" --listen 127.0.0.1:$PPORT1 --config "$OUT/portico-1core.toml" \
    > "$OUT/portico-1core.out" 2> "$OUT/portico-1core.err" &
  PID1=$!
  sed -e "s/worker_processes 2;/worker_processes 1;/" -e "s/127.0.0.1:$NPORT;/127.0.0.1:$NPORT1;/" -e "s/nginx.pid;/nginx-1core.pid;/" \
    "$OUT/nginx/nginx.conf" > "$OUT/nginx/nginx-1core.conf"
  taskset -c 0 /usr/sbin/nginx -c "$PWD/$OUT/nginx/nginx-1core.conf" -p "$PWD/$OUT/nginx" -e "$PWD/$OUT/nginx/logs/error.log"
  until curl -sf "http://127.0.0.1:$PPORT1/healthz" >/dev/null && curl -sf "http://127.0.0.1:$NPORT1/bai-viet/article.html" >/dev/null; do sleep 0.01; done
  WRK=(taskset -c 1 wrk -t1)
  cached=("${PRPS[identity]}" "${PRPS[gzipbr]}")
  pairs "$PPORT1" "$NPORT1" "1core-"
  PRPS[identity]=${cached[0]}; PRPS[gzipbr]=${cached[1]}  # the crawl below compares with the shared-core figures
  WRK=(wrk -t2)
  echo "ratio Portico/nginx, one core each (median of the pairs): identity ${R[identity]}, gzip+br ${R[gzipbr]}"
  kill "$PID1" "$(cat "$OUT/nginx/nginx-1core.pid")" 2>/dev/null || true
  wait "$PID1" 2>/dev/null || true
fi
echo
echo "== The crawl: $CRAWL distinct article pages in random order (every request a miss), wrk -t2 -c32 -d$DURATION"
# A search engine walking the archive: 20,000 article addresses, shuffled per wrk thread.
python3 - "$DATA/portico.db" "$CRAWL" > "$OUT/crawl.txt" <<'PY'
import random, sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
slugs = [r[0] for r in c.execute("SELECT slug FROM articles WHERE status = 'published' AND published_at <= strftime('%s','now') "
                                 "AND site_id = (SELECT site_id FROM sites WHERE is_default)")]
random.seed(12)
random.shuffle(slugs)
print("\n".join("/bai-viet/" + s for s in slugs[: int(sys.argv[2])]))
PY
printf "%-28s %12s %10s %10s %14s\n" "" "requests/s" "p50" "p99" "vs cached page"
declare -A CRPS
# The heap's peak during the crawl, sampled five times a second (VmHWM also counts the
# database file's pages that the readers mapped).
( peak=0; while [ ! -f "$OUT/crawl.done" ] && kill -0 $PID 2>/dev/null; do
    v=$(awk '/RssAnon/ {print $2}' /proc/$PID/status); [ "$v" -gt "$peak" ] && peak=$v && echo "$peak" > "$OUT/heap.peak"
    sleep 0.2
  done ) &
SAMPLER=$!
for enc in identity "gzip, br"; do
  tag=${enc//[^a-z]/}
  hdr="Accept-Encoding: $enc"
  line=$(CRAWL_FILE="$OUT/crawl.txt" wrk -t2 -c32 -d"$DURATION" -H "$UA" -H "$hdr" -s bench/crawl.lua "http://127.0.0.1:$PPORT" | tee "$OUT/wrk-crawl-$tag.txt" | grep '^crawl:')
  rps=$(echo "$line" | awk '{print $2}')
  p50=$(echo "$line" | awk '{print $5}')
  p99=$(echo "$line" | awk '{print $8}')
  CRPS[$tag]=$rps
  printf "%-28s %12s %10s %10s %14s\n" "crawl ($enc)" "$rps" "${p50}ms" "${p99}ms" "$(python3 -c "print(f'1/{${PRPS[$tag]}/$rps:.1f}')")"
  echo "   statuses: ${line##*ms, }"
done
echo "goal: >= 5000 req/s with p99 <= 20 ms (a miss at most ~10x a hit)"
touch "$OUT/crawl.done"; wait $SAMPLER || true
# Readers map the database file (PRAGMA mmap_size): the pages of it they touched count in
# RSS as file pages, which the kernel reclaims like any page cache; RssAnon is the heap.
echo "Portico peak RSS after the crawl: $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' /proc/$PID/status), of it now: $(awk '/RssAnon/ {a=$2} /RssFile/ {f=$2} END {printf "%.1f MiB heap, %.1f MiB mapped database and code", a/1024, f/1024}' /proc/$PID/status) ; peak heap during the crawl $(awk '{printf "%.1f MiB", $1/1024}' "$OUT/heap.peak") (page_cache_mb = 256)"

echo
echo "== Isolation: a flood of cache-busting requests (searches, deep pages, unknown pages) at 64 connections"
echo "   while a second client reads the cached article page and /healthz (4 connections each)"
python3 - > "$OUT/flood.txt" <<'PY'
import random
random.seed(5)
words = ["dang", "xa", "huyen", "kinh", "te", "nong", "thon", "giao", "duc", "y", "te", "an", "ninh"]
for i in range(20000):
    k = i % 3
    if k == 0: print(f"/tim-kiem?q={random.choice(words)}+{random.choice(words)}+{i}")
    elif k == 1: print(f"/chuyen-muc/tin-tuc-su-kien?trang={random.randint(6, 5000)}")
    else: print(f"/khong-co-trang-{i}")
PY
isolation() {  # port label
  curl -s -o /dev/null -H "$UA" -H "Accept-Encoding: gzip, br" "http://127.0.0.1:$1$PATH_ARTICLE"  # the page is cached
  CRAWL_FILE="$OUT/flood.txt" wrk -t1 -c64 -d"$DURATION" -H "$UA" -s bench/crawl.lua "http://127.0.0.1:$1" > "$OUT/wrk-flood-$2.txt" &
  local flood=$!
  sleep 1
  wrk -t1 -c4 -d"$DURATION" --latency -H "$UA" -H "Accept-Encoding: gzip, br" "http://127.0.0.1:$1$PATH_ARTICLE" > "$OUT/wrk-victim-page-$2.txt" &
  local victim=$!
  wrk -t1 -c4 -d"$DURATION" --latency "http://127.0.0.1:$1/healthz" > "$OUT/wrk-victim-healthz-$2.txt"
  wait $victim $flood || true
  for v in page healthz; do
    f="$OUT/wrk-victim-$v-$2.txt"
    printf "  second client, %-8s %10s req/s, p50 %s, p99 %s, non-2xx %s\n" "$v:" "$(awk '/Requests\/sec/ {print $2}' "$f")" \
      "$(awk '$1=="50%" {print $2}' "$f")" "$(awk '$1=="99%" {print $2}' "$f")" "$(awk '/Non-2xx/ {print $5}' "$f" | grep . || echo 0)"
  done
  echo "  the flood: $(grep '^crawl:' "$OUT/wrk-flood-$2.txt" | sed 's/^crawl: //')"
}
echo "-- as from many addresses (per-address budgets lifted): admission alone, 503 past the queue"
isolation "$PPORT" many
echo "-- from one address, default budgets (expensive_requests_per_minute = 300): 429 past the budget"
P2PORT=$(free_port)
printf 'weather_interval_s = 0\naccess_log = false\n' > "$OUT/portico-defaults.toml"
"$BIN" serve --data "$DATA" --listen 127.0.0.1:$P2PORT --config "$OUT/portico-defaults.toml" > "$OUT/portico2.out" 2> "$OUT/portico2.err" &
PID2=$!
until curl -sf "http://127.0.0.1:$P2PORT/healthz" >/dev/null; do sleep 0.01; done
isolation "$P2PORT" one
kill -TERM $PID2; wait $PID2 || true

echo
echo "== Search on $ARTICLES articles (20 fixed queries over /api/v1/search; target p95 <= 20 ms)"
echo -n "one at a time (wrk -c1): "; wrk -t1 -c1 -d"$DURATION" -s bench/search.lua "http://127.0.0.1:$PPORT" | grep '^search:'
echo -n "four at once (wrk -c4):  "; wrk -t1 -c4 -d"$DURATION" -s bench/search.lua "http://127.0.0.1:$PPORT" | grep '^search:'
echo "Portico peak RSS: $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' /proc/$PID/status)"
grep -c . "$OUT/nginx/logs/error.log" >/dev/null 2>&1 || true
kill -TERM $PID; wait $PID || true

echo
echo "== The two engines: this installation on SQLite, then copied to PostgreSQL 15 (a private server)"
bash tests/pg/with_server.sh bash bench/engines.sh

echo
echo "== Search index"
"$BIN" reindex --data "$DATA"
cp "$DATA/portico.db" "$OUT/no-index.db"
python3 - "$OUT/no-index.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DROP TABLE article_fts")
c.commit()
c.execute("VACUUM")
PY
echo "database: $(du -m "$DATA/portico.db" | cut -f1) MB with the search index, $(du -m "$OUT/no-index.db" | cut -f1) MB without"
rm -f "$OUT/no-index.db"

echo
echo "== A province platform: $SITES communes x $SITE_ARTICLES articles under the demo's province, one process"
# Issue 15's figures: start-up, memory, a commune's cached page and crawl, and the province's
# search over all its sites (goal: RSS <= 300 MiB, search p95 <= 30 ms).
PDATA=$OUT/province
t0=$(date +%s%N)
"$BIN" seed --data "$PDATA" --sites "$SITES" --articles "$SITE_ARTICLES"
echo "seed: $(( ($(date +%s%N) - t0) / 1000000 )) ms, database $(du -h "$PDATA/portico.db" | cut -f1)"
P3PORT=$(free_port)
t0=$(date +%s%N)
"$BIN" serve --data "$PDATA" --listen 127.0.0.1:$P3PORT --config "$OUT/portico.toml" > "$OUT/portico3.out" 2> "$OUT/portico3.err" &
PID3=$!
until curl -sf "http://127.0.0.1:$P3PORT/healthz" >/dev/null; do sleep 0.01; done
echo "start-up with $(( SITES + 4 )) sites: $(( ($(date +%s%N) - t0) / 1000000 )) ms to the first /healthz answer; RSS $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$PID3/status)"
COMMUNE=xa-001.localhost
# A crawler walking every commune: CRAWL article pages drawn from all of them, each asked of its own host.
python3 - "$PDATA/portico.db" "$CRAWL" > "$OUT/commune-crawl.txt" <<'PY'
import random, sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
pages = [f"{h} /bai-viet/{s}" for h, s in c.execute(
    "SELECT s.host, a.slug FROM articles a JOIN sites s ON s.site_id = a.site_id "
    "WHERE s.host LIKE 'xa-%.localhost' AND a.status = 'published'")]
random.seed(12)
random.shuffle(pages)
print("\n".join(pages[: int(sys.argv[2])]))
PY
ONE=$(awk -v h="$COMMUNE" '$1 == h {print $2; exit}' "$OUT/commune-crawl.txt")
curl -s -o /dev/null -H "Host: $COMMUNE" "http://127.0.0.1:$P3PORT$ONE"
out=$(wrk -t2 -c"$CONNS" -d"$PAIR_DURATION" --latency -H "$UA" -H "Host: $COMMUNE" -H "Accept-Encoding: gzip, br" "http://127.0.0.1:$P3PORT$ONE")
printf "%-44s %10s req/s, p50 %s, p99 %s\n" "a commune's cached article (gzip, br)" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
  "$(echo "$out" | awk '$1=="50%" {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')"
line=$(CRAWL_FILE="$OUT/commune-crawl.txt" wrk -t2 -c32 -d"$DURATION" -H "$UA" -H "Accept-Encoding: gzip, br" -s bench/crawl.lua "http://127.0.0.1:$P3PORT" | grep '^crawl:')
printf "%-44s %10s req/s, p50 %sms, p99 %sms (%s)\n" "crawl of $(wc -l < "$OUT/commune-crawl.txt") articles of all communes (gzip, br)" \
  "$(echo "$line" | awk '{print $2}')" "$(echo "$line" | awk '{print $5}')" "$(echo "$line" | awk '{print $8}')" "${line##*ms, }"
echo -n "province-wide search, one at a time: "; wrk -t1 -c1 -d"$DURATION" -H "Host: tuyenquang.localhost" -s bench/search.lua "http://127.0.0.1:$P3PORT" | grep '^search:'
echo -n "province-wide search, four at once:  "; wrk -t1 -c4 -d"$DURATION" -H "Host: tuyenquang.localhost" -s bench/search.lua "http://127.0.0.1:$P3PORT" | grep '^search:'
echo "RSS after: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$PID3/status), of it $(awk '/RssAnon/ {printf "%.1f MiB", $2/1024}' /proc/$PID3/status) heap; peak $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' /proc/$PID3/status) (goal: RSS <= 300 MiB)"
kill -TERM $PID3; wait $PID3 || true

echo
echo "== Google Benchmark (hot pure functions)"
build/portico_bench --benchmark_min_time=0.2
