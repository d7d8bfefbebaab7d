#!/usr/bin/env bash
# Builds a Debian package of this tree from the release build: what `make install` installs
# with PREFIX=/usr, its configuration a conffile, the service user made on install, the
# unit enabled but not started (a new installation needs its first site: docs/OPERATIONS.md).
# Its library dependencies come from dpkg-shlibdeps; lintian checks it. Usage: make-deb.sh BUILD_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
version=$(sed -n 's/^project(portico VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
arch=$(dpkg --print-architecture)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/portico
DESTDIR=$stage cmake --install "$build" --prefix /usr >/dev/null
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/portico"
doc=$stage/usr/share/doc/portico
# The manual page: what `portico --help` says, and where the guide is.
mkdir -p "$stage/usr/share/man/man1"
{
  printf '.TH PORTICO 1 "%s" "portico %s" "User Commands"\n' "$(date +%Y-%m-%d)" "$version"
  printf '.SH NAME\nportico \\- electronic information portal server and its administration commands\n'
  printf '.SH SYNOPSIS\n.B portico\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n.SH DESCRIPTION\n.nf\n'
  "$stage/usr/bin/portico" --help | sed -e "s|$stage/usr/bin/portico|portico|" -e 's/^\./\\\&./'
  printf '.fi\n.SH FILES\n/etc/portico/portico.toml, /var/lib/portico, /var/log/portico\n'
  printf '.SH SEE ALSO\n/usr/share/doc/portico/OPERATIONS.md.gz\n'
} | gzip -9n > "$stage/usr/share/man/man1/portico.1.gz"
# The configuration may hold the database's password: readable by the service's group only.
mkdir -p "$stage/usr/share/lintian/overrides"
printf 'portico: non-standard-file-perm 0640 != 0644 [etc/portico/portico.toml]\nportico: initial-upload-closes-no-bugs [usr/share/doc/portico/changelog.Debian.gz:1]\n' \
  > "$stage/usr/share/lintian/overrides/portico"
gzip -9n "$doc"/*.md "$doc"/*.conf "$doc"/*.toml 2>/dev/null || true
cat > "$doc/copyright" <<COPY
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: portico
Source: the Portico source tree
Comment: No licence has been granted for Portico itself yet (package.json: UNLICENSED);
 the parts it serves from npm keep their own.

Files: *
Copyright: 2026 The Portico authors
License: UNLICENSED
 All rights reserved by the authors until a licence is chosen.

Files: usr/share/portico/assets/vendor/leaflet/*
Copyright: 2010-2023 Volodymyr Agafonkin, 2010-2011 CloudMade
License: BSD-2-Clause
 See https://github.com/Leaflet/Leaflet/blob/main/LICENSE (npm package leaflet).

Files: usr/share/portico/assets/vendor/quill*
Copyright: 2017-2024 Slab, 2014 Jason Chen, 2013 Salesforce.com
License: BSD-3-Clause
 See the LICENSE file of the npm package quill.

Files: usr/share/portico/assets/fonts/*
Copyright: 2021 The Be Vietnam Pro Project Authors
License: OFL-1.1
 SIL Open Font License 1.1 (npm package @fontsource/be-vietnam-pro).
COPY
printf 'portico (%s-1) bookworm; urgency=medium\n\n  * Package built from the source tree.\n\n -- Portico <portico@example.org>  %s\n' \
  "$version" "$(date -R)" | gzip -9n > "$doc/changelog.Debian.gz"

mkdir -p "$stage/DEBIAN" "$work/debian"
printf 'Source: portico\n\nPackage: portico\nArchitecture: any\n' > "$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O "$stage/usr/bin/portico" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
cat > "$stage/DEBIAN/control" <<CONTROL
Package: portico
Version: $version-1
Section: web
Priority: optional
Architecture: $arch
Maintainer: Portico <portico@example.org>
Depends: $depends, systemd
Recommends: nginx
Suggests: postgresql
Homepage: https://portico.localhost/
Description: electronic information portal for Vietnamese provinces and communes
 Portico serves the public portal (Cổng thông tin điện tử) of a province and
 its commune sub-portals from one installation, with the newsroom that feeds
 them and an open JSON API, on SQLite or PostgreSQL.
CONTROL
echo /etc/portico/portico.toml > "$stage/DEBIAN/conffiles"
cat > "$stage/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  systemd-sysusers portico.conf
  chgrp portico /etc/portico/portico.toml
  if [ -d /run/systemd/system ]; then systemctl daemon-reload; systemctl enable portico.service >/dev/null || true; fi
fi
POST
cat > "$stage/DEBIAN/postrm" <<'POST'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
POST
cat > "$stage/DEBIAN/prerm" <<'POST'
#!/bin/sh
set -e
if [ -d /run/systemd/system ] && [ "$1" = remove ]; then systemctl disable --now portico.service >/dev/null || true; fi
POST
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm" "$stage/DEBIAN/prerm"
find "$stage" -type d -exec chmod 0755 {} +
deb=$build/portico_${version}-1_${arch}.deb
fakeroot dpkg-deb --build -Zxz "$stage" "$deb" >/dev/null
echo "$deb"
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$deb" || true
fi
