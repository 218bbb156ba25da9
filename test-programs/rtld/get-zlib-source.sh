#!/bin/sh
# Fetch zlib's Debian source package, unpacked and patched, into DIR
# (default /usr/local/src/zlib) unless it is there already.  Run as root at
# install time (.ci/deps): the build itself downloads nothing.  rtld's tests
# build it with musl as a real-world shared library (build-zlib.sh).
set -e
dest=${1:-/usr/local/src/zlib}
[ -f "$dest/zlib.h" ] && [ -f "$dest/zlib.map" ] && exit 0

# Source entries: if there are none, add a deb-src twin of each deb entry.
if ! grep -rqsE '^(deb-src[[:space:]]|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        sed 's/^Types:.*/Types: deb-src/' "$f" > "${f%.sources}-src.sources"
    done
    if [ -f /etc/apt/sources.list ]; then
        sed -n 's/^deb[[:space:]]/deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/zlib-src.list
    fi
    apt-get update -qq
fi
# apt-get source unpacks with dpkg-source
command -v dpkg-source >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! (cd "$tmp" && apt-get source -qq zlib >/dev/null 2>&1); then
    apt-get update -qq          # no source lists yet
    (cd "$tmp" && apt-get source -qq zlib >/dev/null)
fi
src=$(find "$tmp" -mindepth 2 -maxdepth 2 -name zlib.h -printf '%h\n' | head -n 1)
[ -n "$src" ] || { echo "get-zlib-source.sh: no zlib.h in the source package" >&2; exit 1; }
mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$src" "$dest"
echo "zlib source in $dest"
