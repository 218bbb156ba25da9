#!/bin/sh
# Build musl 1.2.3 for CPU from Debian's source package and install it the
# way Debian's musl-dev:<arch> lays it out, unless it is there already:
#   cross-musl.sh CPU           (riscv64: bookworm has no riscv64 packages)
# Installs /usr/lib/CPU-linux-musl (libc.a of PIC objects, crt files,
# musl-gcc.specs), /usr/include/CPU-linux-musl, /lib/ld-musl-CPU.so.1 and the
# wrapper /usr/local/bin/CPU-linux-musl-gcc.  Needs CPU-linux-gnu-gcc.
set -e
cpu=$1
lib=/usr/lib/$cpu-linux-musl
[ -f "$lib/libc.a" ] && [ -f "$lib/musl-gcc.specs" ] && [ -x "/usr/local/bin/$cpu-linux-musl-gcc" ] && exit 0
src=/usr/local/src/musl
sh "$(dirname "$0")/../test-programs/get-debian-source.sh" musl "$src" src/env/__init_tls.c
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cd "$build"
# --enable-wrapper=gcc: musl-gcc.specs (the wrapper script is written below)
"$src/configure" --host="$cpu-linux-gnu" CC="$cpu-linux-gnu-gcc" --prefix=/usr \
    --libdir="$lib" --includedir="/usr/include/$cpu-linux-musl" --syslibdir=/lib \
    --enable-wrapper=gcc > log 2>&1 &&
    make -j"$(nproc)" >> log 2>&1 &&
    # not "make install": it would replace the host's /usr/bin/musl-gcc
    make install-libs install-headers >> log 2>&1 || { cat log >&2; exit 1; }
printf '#!/bin/sh\nexec "${REALGCC:-%s-linux-gnu-gcc}" "$@" -specs "%s/musl-gcc.specs"\n' \
    "$cpu" "$lib" > "/usr/local/bin/$cpu-linux-musl-gcc"
chmod 755 "/usr/local/bin/$cpu-linux-musl-gcc"
echo "musl for $cpu installed in $lib"
