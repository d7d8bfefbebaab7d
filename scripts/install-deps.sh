#!/usr/bin/env bash
# Installs what Portico needs to build, run and test: Debian packages, then npm packages.
# Idempotent: only what is missing is installed. Usage: install-deps.sh [build|test|bench|deb]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

build_pkgs=(g++ cmake ninja-build pkg-config ccache make
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libicu-dev libgumbo-dev libsodium-dev libbrotli-dev zlib1g-dev
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev libkainjow-mustache-dev
  libgtest-dev libgmock-dev libbenchmark-dev libvips-dev libcurl4-openssl-dev libjemalloc-dev)
test_pkgs=(chromium default-jre-headless curl python3 clang libclang-rt-14-dev libxml2-utils python3-feedparser
  postgresql-15 nginx-light python3-prometheus-client)
bench_pkgs=(wrk)
deb_pkgs=(dpkg-dev fakeroot lintian)

pkgs=("${build_pkgs[@]}")
case "$what" in
  test) pkgs+=("${test_pkgs[@]}") ;;
  bench) pkgs+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  deb) pkgs+=("${deb_pkgs[@]}") ;;
esac

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (NodeSource bundles npm): the commands count.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages (front-end assets and test tools), pinned by package-lock.json.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error
  else npm install --no-audit --no-fund --loglevel=error; fi
fi
