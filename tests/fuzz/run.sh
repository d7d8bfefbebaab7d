#!/usr/bin/env bash
# Builds the sanitiser's libFuzzer target with clang and runs it for a bounded time
# (FUZZ_SECONDS, default 30) from the XSS seed corpus. Part of make test (ctest: fuzz_sanitizer).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$src/build/fuzz}
mkdir -p "$out"
bin=$out/sanitize_fuzzer
deps=("$src/tests/fuzz/sanitize_fuzzer.cpp" "$src/src/text/html.cpp" "$src/src/text/unicode.cpp" "$src/src/text/html.h" "$src/src/text/html_safety.h")
stale=0
[ -x "$bin" ] || stale=1
for f in "${deps[@]}"; do [ "$f" -nt "$bin" ] && stale=1; done
if [ $stale = 1 ]; then
  # shellcheck disable=SC2046
  clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I "$src/src" "$src/tests/fuzz/sanitize_fuzzer.cpp" "$src/src/text/html.cpp" "$src/src/text/unicode.cpp" \
    $(pkg-config --cflags --libs gumbo icu-uc icu-i18n) -o "$bin"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# New inputs go to the scratch directory; the committed seeds are only read.
"$bin" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/" \
  "$work" "$src/tests/fuzz/corpus" 2>&1 | tail -n 12
echo "fuzz_sanitizer: no crash, no unsafe or unstable output"
