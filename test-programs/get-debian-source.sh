#!/bin/sh
# Fetch a Debian source package, unpacked and patched, into DEST unless it
# is there already:  get-debian-source.sh PACKAGE DEST MARKER
# MARKER is a file the source tree has (relative to its top), by which it
# is found in the package and recognised in DEST.  Run as root at install
# time (.ci/deps): the build itself downloads nothing.  rtld's tests build
# these well-known C projects with musl (test-programs/rtld: zlib,
# test-programs/lua: Lua).
set -e
pkg=$1 dest=$2 marker=$3
[ -f "$dest/$marker" ] && exit 0

# Source entries: if there are none, add a deb-src twin of each deb entry.
if ! grep -rqsE '^(deb-src[[:space:]]|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        sed 's/^Types:.*/Types: deb-src/' "$f" > "${f%.sources}-src.sources"
    done
    if [ -f /etc/apt/sources.list ]; then
        sed -n 's/^deb[[:space:]]/deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/elfload-src.list
    fi
    apt-get update -qq
fi
# apt-get source unpacks with dpkg-source
command -v dpkg-source >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The newest version first; a mirror's index may name a version its pool
# does not hold (a security update seen as 404), so each other version the
# source lists know is tried after it.
fetch() {
    (cd "$tmp" && apt-get source -qq "$1" >/dev/null 2>&1) && return 0
    for v in $(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -ru); do
        rm -rf "${tmp:?}"/*
        (cd "$tmp" && apt-get source -qq "$pkg=$v" >/dev/null 2>&1) && return 0
    done
    return 1
}
if ! fetch "$pkg"; then
    apt-get update -qq          # no source lists yet
    fetch "$pkg" || { echo "get-debian-source.sh: cannot fetch the $pkg source package" >&2; exit 1; }
fi
found=$(find "$tmp" -path "*/$marker" | awk '{ print length, $0 }' | sort -n | head -n 1 | cut -d' ' -f2-)
[ -n "$found" ] || { echo "get-debian-source.sh: no $marker in the $pkg source package" >&2; exit 1; }
src=${found%/"$marker"}
mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$src" "$dest"
echo "$pkg source in $dest"
