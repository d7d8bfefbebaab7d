#!/usr/bin/env bash
# Builds one libFuzzer target with clang (ASan, UBSan) and runs it for a bounded time
# (FUZZ_SECONDS, default 30) from its committed seed corpus, tests/fuzz/corpus/TARGET.
# Part of make test: one ctest entry per target (fuzz_sanitize, fuzz_http, …).
#   run.sh OUT_DIR TARGET
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$src/build/fuzz}
target=${2:-sanitize}
case $target in
  sanitize)  sources=(src/text/html.cpp src/text/unicode.cpp); pkgs=(gumbo icu-uc icu-i18n) ;;
  http)      sources=(src/http/message.cpp src/http/wire.cpp src/http/compress.cpp src/http/http_date.cpp src/core/calendar.cpp src/text/unicode.cpp); pkgs=(icu-uc icu-i18n zlib libbrotlienc) ;;
  multipart) sources=(src/http/multipart.cpp); pkgs=() ;;
  csv)       sources=(src/text/csv.cpp src/text/unicode.cpp); pkgs=(icu-uc icu-i18n) ;;
  search)    sources=(src/content/search.cpp src/text/html.cpp src/text/unicode.cpp); pkgs=(gumbo icu-uc icu-i18n) ;;
  *) echo "unknown fuzz target: $target" >&2; exit 2 ;;
esac
mkdir -p "$out"
bin=$out/${target}_fuzzer
files=("$src/tests/fuzz/${target}_fuzzer.cpp")
for s in "${sources[@]}"; do files+=("$src/$s"); done
stale=0
[ -x "$bin" ] || stale=1
for f in "${files[@]}" "$src"/src/text/*.h "$src"/src/http/*.h "$src"/src/content/search.h "$src"/src/store/model.h "$src"/src/core/*.h "$src"/src/render/*.h; do
  [ "$f" -nt "$bin" ] && stale=1
done
if [ $stale = 1 ]; then
  flags=()
  [ ${#pkgs[@]} -gt 0 ] && read -r -a flags <<<"$(pkg-config --cflags --libs "${pkgs[@]}")"
  clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I "$src/src" "${files[@]}" "${flags[@]}" -o "$bin"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# New inputs go to the scratch directory; the committed seeds are only read. A slow input
# (past 5 s) is a failure too: a parser that is quadratic on some input is a bug.
"$bin" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$out/$target-" "$work" "$src/tests/fuzz/corpus/$target" 2>&1 | tail -n 12
echo "fuzz_$target: no crash, no broken invariant, no slow input"
