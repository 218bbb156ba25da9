#!/bin/sh
# Build our musl libc.so: OUT GLUE_SRC DYNAMIC_LIST
# The system's musl libc.a (position-independent in Debian) linked whole
# with glue.c, which replaces musl's weak dynamic-linker hooks.
set -e
out=$1 glue=$2 list=$3
libc_a=/usr/lib/x86_64-linux-musl/libc.a
want=1.2.3
have=$(ar p "$libc_a" version.lo | strings | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+$' || true)
if [ "$have" != "$want" ]; then
    echo "build-libc.sh: $libc_a is musl ${have:-of unknown version}; the glue was written for musl $want" >&2
    exit 1
fi
musl-gcc -O2 -fPIC -Wall -Wextra -Werror -I "$(dirname "$glue")" -c "$glue" -o "$out.glue.o"
# Members the glue replaces with its own strong definitions (the others it
# overrides are weak in libc.a and need no removal).
cp "$libc_a" "$out.libc.a"
ar d "$out.libc.a" dlclose.lo __tls_get_addr.lo
libc_a=$out.libc.a
gcc -shared -nostdlib -o "$out" -Wl,-soname,libc.so -Wl,--dynamic-list="$list" \
    -Wl,-z,now -Wl,-z,relro -Wl,--hash-style=both -Wl,-z,pack-relative-relocs \
    -Wl,--whole-archive "$libc_a" -Wl,--no-whole-archive "$out.glue.o" \
    "$(gcc -print-libgcc-file-name)"
rm -f "$out.glue.o" "$out.libc.a"
