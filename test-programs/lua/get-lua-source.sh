#!/bin/sh
# Fetch Lua 5.4's Debian source package, unpacked and patched, into DIR
# (default /usr/local/src/lua5.4) unless it is there already.  Run as root
# at install time (.ci/deps): the build itself downloads nothing.  rtld's
# tests build it with musl as a real-world interpreter in a shared library
# that loads C modules through dlopen (build-lua.sh).
set -e
dest=${1:-/usr/local/src/lua5.4}
[ -f "$dest/src/lua.h" ] && [ -f "$dest/src/lua.c" ] && [ -f "$dest/src/loadlib.c" ] && exit 0

# Source entries: if there are none, add a deb-src twin of each deb entry.
if ! grep -rqsE '^(deb-src[[:space:]]|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        sed 's/^Types:.*/Types: deb-src/' "$f" > "${f%.sources}-src.sources"
    done
    if [ -f /etc/apt/sources.list ]; then
        sed -n 's/^deb[[:space:]]/deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/lua-src.list
    fi
    apt-get update -qq
fi
# apt-get source unpacks with dpkg-source
command -v dpkg-source >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! (cd "$tmp" && apt-get source -qq lua5.4 >/dev/null 2>&1); then
    apt-get update -qq          # no source lists yet
    (cd "$tmp" && apt-get source -qq lua5.4 >/dev/null)
fi
src=$(find "$tmp" -mindepth 3 -maxdepth 3 -path '*/src/lua.h' -printf '%h\n' | head -n 1)
[ -n "$src" ] || { echo "get-lua-source.sh: no src/lua.h in the source package" >&2; exit 1; }
src=$(dirname "$src")
mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$src" "$dest"
echo "Lua source in $dest"
