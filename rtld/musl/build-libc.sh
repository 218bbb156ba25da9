#!/bin/sh
# Build our musl libc.so: OUT DYNAMIC_LIST GLUE_SRC...
# The system's musl libc.a (position-independent in Debian) linked whole
# with the glue (glue.c, exit_handlers.c), which replaces musl's weak
# dynamic-linker hooks and the members removed below.
set -e
out=$1 list=$2
shift 2
libc_a=/usr/lib/x86_64-linux-musl/libc.a
want=1.2.3
have=$(ar p "$libc_a" version.lo | strings | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+$' || true)
if [ "$have" != "$want" ]; then
    echo "build-libc.sh: $libc_a is musl ${have:-of unknown version}; the glue was written for musl $want" >&2
    exit 1
fi
objs=
for src; do
    musl-gcc -O2 -fPIC -Wall -Wextra -Werror -I "$(dirname "$src")" -c "$src" \
        -o "$out.$(basename "$src" .c).o"
    objs="$objs $out.$(basename "$src" .c).o"
done
# Members the glue replaces with its own strong definitions (the others it
# overrides are weak in libc.a and need no removal).
cp "$libc_a" "$out.libc.a"
ar d "$out.libc.a" dlclose.lo __tls_get_addr.lo atexit.lo
libc_a=$out.libc.a
gcc -shared -nostdlib -o "$out" -Wl,-soname,libc.so -Wl,--dynamic-list="$list" \
    -Wl,-z,now -Wl,-z,relro -Wl,--hash-style=both -Wl,-z,pack-relative-relocs \
    -Wl,--whole-archive "$libc_a" -Wl,--no-whole-archive $objs \
    "$(gcc -print-libgcc-file-name)"
rm -f $objs "$out.libc.a"
