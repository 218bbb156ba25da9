#!/bin/sh
# Build our musl libc.so:
#   build-libc.sh OUT GLUE_SRC DYNAMIC_LIST CPU ARCH_DIR MUSL_GCC GCC AR
# The system's musl libc.a for CPU (position-independent in Debian,
# /usr/lib/CPU-linux-musl) linked whole with glue.c, which replaces musl's
# weak dynamic-linker hooks; ARCH_DIR (arch/CPU) holds glue_arch.h, musl's
# facts about the CPU.  MUSL_GCC, GCC and AR are that CPU's tools.
set -e
out=$1 glue=$2 list=$3 cpu=$4 arch_dir=$5 musl_gcc=$6 gcc=$7 ar=$8
libc_a=/usr/lib/$cpu-linux-musl/libc.a
want=1.2.3
have=$("$ar" p "$libc_a" version.lo | strings | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+$' || true)
if [ "$have" != "$want" ]; then
    echo "build-libc.sh: $libc_a is musl ${have:-of unknown version}; the glue was written for musl $want" >&2
    exit 1
fi
"$musl_gcc" -O2 -fPIC -Wall -Wextra -Werror -I "$(dirname "$glue")" -I "$arch_dir" \
    -c "$glue" -o "$out.glue.o"
# Members the glue replaces with its own strong definitions (the others it
# overrides are weak in libc.a and need no removal).
cp "$libc_a" "$out.libc.a"
"$ar" d "$out.libc.a" dlclose.lo __tls_get_addr.lo
libc_a=$out.libc.a
"$gcc" -shared -nostdlib -o "$out" -Wl,-soname,libc.so -Wl,--dynamic-list="$list" \
    -Wl,-z,now -Wl,-z,relro -Wl,--hash-style=both -Wl,-z,pack-relative-relocs \
    -Wl,--whole-archive "$libc_a" -Wl,--no-whole-archive "$out.glue.o" \
    "$("$gcc" -print-libgcc-file-name)"
rm -f "$out.glue.o" "$out.libc.a"
