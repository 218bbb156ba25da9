#!/bin/sh
# Build a static-pie program against musl: GCC CPU OUT SRC [FLAGS...]
# (GCC: the C compiler for CPU; musl in /usr/lib/CPU-linux-musl; FLAGS go
# to the compile and the link).
# musl-gcc's specs always name a dynamic linker and Scrt1.o, so link by hand
# with musl's rcrt1.o, which relocates the program itself.
set -e
gcc=$1 cpu=$2 out=$3 src=$4
shift 4
M=/usr/lib/$cpu-linux-musl
"$gcc" -nostdinc -isystem "/usr/include/$cpu-linux-musl" -isystem "$("$gcc" -print-file-name=include)" \
    -fPIE -c "$src" -o "$out.o" "$@"
"$gcc" -static-pie -nostdlib -nostartfiles "$M/rcrt1.o" "$M/crti.o" "$("$gcc" -print-file-name=crtbeginS.o)" \
    "$out.o" "$M/libc.a" "$("$gcc" -print-file-name=libgcc.a)" "$("$gcc" -print-file-name=crtendS.o)" \
    "$M/crtn.o" "$@" -o "$out"
rm -f "$out.o"
