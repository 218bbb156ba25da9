#!/bin/sh
# Build zlib with musl for rtld's tests, from the source test-programs/get-debian-source.sh
# fetched ($ZLIB_SRC, default /usr/local/src/zlib), with MUSL_GCC (the
# musl-gcc of the CPU built for):
#   build-zlib.sh MUSL_GCC lib OUT      libz.so.1 with zlib's version script
#   build-zlib.sh MUSL_GCC prog OUT LIBZ SRC [FLAGS...]
#                                       a program using it; SRC "example"
#                                       means zlib's own test/example.c
# zlib is third-party code: built with its usual flags, without -Werror.
set -e
src=${ZLIB_SRC:-/usr/local/src/zlib}
if [ ! -f "$src/zlib.h" ] || [ ! -f "$src/zlib.map" ]; then
    echo "build-zlib.sh: no zlib source in $src: run test-programs/get-debian-source.sh zlib $src zlib.h as root (.ci/deps does)" >&2
    exit 1
fi
musl_gcc=$1 mode=$2 out=$3
shift 3
case $mode in
lib)
    objs="$out.objs"
    rm -rf "$objs"
    mkdir -p "$objs"
    for f in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback \
             inffast inflate inftrees trees uncompr zutil; do
        "$musl_gcc" -O2 -fPIC -DHAVE_HIDDEN -D_LARGEFILE64_SOURCE=1 -I "$src" \
            -c "$src/$f.c" -o "$objs/$f.o"
    done
    "$musl_gcc" -shared -o "$out" -Wl,-soname,libz.so.1 -Wl,--version-script,"$src/zlib.map" \
        "$objs"/*.o
    rm -rf "$objs"
    ;;
prog)
    libz=$1 prog=$2
    shift 2
    if [ "$prog" = example ]; then
        prog=$src/test/example.c
        set -- -w "$@"          # zlib's own test: its code, its warnings
    fi
    "$musl_gcc" -O2 -I "$src" "$@" "$prog" "$libz" -o "$out"
    ;;
*)
    echo "usage: build-zlib.sh MUSL_GCC lib OUT | MUSL_GCC prog OUT LIBZ SRC [FLAGS...]" >&2
    exit 2
    ;;
esac
