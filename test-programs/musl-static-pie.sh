#!/bin/sh
# Build a static-pie program against musl: OUT SRC [CFLAGS...].
# musl-gcc's specs always name a dynamic linker and Scrt1.o, so link by hand
# with musl's rcrt1.o, which relocates the program itself.
set -e
out=$1 src=$2
shift 2
M=/usr/lib/x86_64-linux-musl
gcc -nostdinc -isystem /usr/include/x86_64-linux-musl -isystem "$(gcc -print-file-name=include)" \
    -fPIE -c "$src" -o "$out.o" "$@"
gcc -static-pie -nostdlib -nostartfiles "$M/rcrt1.o" "$M/crti.o" "$(gcc -print-file-name=crtbeginS.o)" \
    "$out.o" "$M/libc.a" "$(gcc -print-file-name=libgcc.a)" "$(gcc -print-file-name=crtendS.o)" \
    "$M/crtn.o" -o "$out"
rm -f "$out.o"
