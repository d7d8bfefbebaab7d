#!/usr/bin/env bash
# make install into a temporary DESTDIR (as the Debian package does, PREFIX=/usr): every
# file lands where the unit and the binary look for it, both systemd units pass
# `systemd-analyze verify` without a warning, and the installed binary, away from the
# source tree, serves pages with the installed theme and assets.
#   run.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source "$(dirname "$0")/../lib/serve.sh"
root=$work/root
DESTDIR=$root cmake --install "$build" --prefix /usr >/dev/null

for f in usr/bin/portico usr/share/portico/themes/default/templates/layout.mustache \
         usr/share/portico/themes/default/static/css/site.css usr/share/portico/assets/vendor/quill.js \
         usr/lib/systemd/system/portico.service usr/lib/systemd/system/portico@.service \
         usr/lib/sysusers.d/portico.conf etc/portico/portico.toml usr/share/doc/portico/OPERATIONS.md; do
  [ -e "$root/$f" ] || { echo "not installed: /$f" >&2; exit 1; }
done
grep -q '^ExecStart=/usr/bin/portico serve --config /etc/portico/portico.toml$' "$root/usr/lib/systemd/system/portico.service"
grep -q '^ExecStart=/usr/bin/portico serve' "$root/usr/lib/systemd/system/portico@.service"
[ "$(stat -c %a "$root/etc/portico/portico.toml")" = 640 ]

# A configuration the operator changed is kept by the next install.
echo '# changed' >> "$root/etc/portico/portico.toml"
DESTDIR=$root cmake --install "$build" --prefix /usr >/dev/null
tail -1 "$root/etc/portico/portico.toml" | grep -q '^# changed$'

# The units, against the installed tree (systemd's own targets copied in, as a system has them).
cp -n /lib/systemd/system/*.target "$root/usr/lib/systemd/system/"
for unit in portico.service portico@a.service; do
  out=$(systemd-analyze verify --man=no --root="$root" "$unit" 2>&1) || { echo "$out" >&2; exit 1; }
  [ -z "$out" ] || { echo "systemd-analyze verify $unit: $out" >&2; exit 1; }
done
echo "systemd-analyze verify: portico.service and portico@.service pass"
systemd-analyze security --offline=true --root="$root" portico.service 2>/dev/null | tail -1 || true

# The installed binary finds its theme and assets from its own place (no theme_dir).
start_portico "$root/usr/bin/portico" "$work/data"
port=${base##*:}
home=$(curl -sf "http://127.0.0.1:$port/")
css=$(grep -o '/static/css/site\.[0-9a-f]*\.css' <<<"$home" | head -1)
[ -n "$css" ] && curl -sf -o /dev/null "http://127.0.0.1:$port$css"
curl -sf -o /dev/null "http://127.0.0.1:$port/static/vendor/quill.js"  # a built asset, from share/portico/assets
echo "the installed portico serves /, $css and the built assets on port $port"
