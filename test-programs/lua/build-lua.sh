#!/bin/sh
# Build Lua 5.4 with musl for rtld's tests, from the source test-programs/get-debian-source.sh
# fetched ($LUA_SRC, default /usr/local/src/lua5.4):
#   build-lua.sh lib OUT                  liblua.so: Lua's src/*.c but lua.c and
#                                         luac.c, with Debian's version script
#   build-lua.sh prog OUT LIBLUA [FLAGS...]
#                                         the stand-alone interpreter (lua.c)
#                                         linked against LIBLUA
#   build-lua.sh mod OUT SRC [FLAGS...]   a C module (FLAGS may name LIBLUA)
# Lua is third-party code: built with its usual flags (LUA_USE_LINUX: POSIX
# and dlopen), without -Werror.
set -e
src=${LUA_SRC:-/usr/local/src/lua5.4}
if [ ! -f "$src/src/lua.h" ] || [ ! -f "$src/src/lua.c" ] || [ ! -f "$src/src/loadlib.c" ]; then
    echo "build-lua.sh: no Lua source in $src: run test-programs/get-debian-source.sh lua5.4 $src src/lua.h as root (.ci/deps does)" >&2
    exit 1
fi
[ $# -ge 2 ] || { echo "usage: build-lua.sh lib OUT | prog OUT LIBLUA [FLAGS...] | mod OUT SRC [FLAGS...]" >&2; exit 2; }
mode=$1 out=$2
shift 2
# Debian's luaconf.h includes a header debian/rules writes (the multiarch
# triplet of the default C module directory): ours, beside the output.
inc="$out.include"
rm -rf "$inc"
mkdir -p "$inc"
echo '#define DEB_HOST_MULTIARCH "x86_64-linux-musl"' > "$inc/lua5.4-deb-multiarch.h"
trap 'rm -rf "$inc"' EXIT
luacflags="-std=gnu99 -O2 -DLUA_COMPAT_5_3 -DLUA_USE_LINUX -I $inc -I $src/src"
case $mode in
lib)
    objs="$out.objs"
    rm -rf "$objs"
    mkdir -p "$objs"
    trap 'rm -rf "$inc" "$objs"' EXIT
    for f in "$src"/src/*.c; do
        case ${f##*/} in lua.c|luac.c) continue ;; esac
        b=${f##*/}
        musl-gcc $luacflags -fPIC -c "$f" -o "$objs/${b%.c}.o"
    done
    vs=
    [ -f "$src/debian/version-script" ] && vs="-Wl,--version-script,$src/debian/version-script"
    musl-gcc -shared -o "$out" -Wl,-soname,liblua.so $vs "$objs"/*.o
    ;;
prog)
    [ $# -ge 1 ] || { echo "build-lua.sh: prog needs LIBLUA" >&2; exit 2; }
    liblua=$1
    shift
    musl-gcc $luacflags "$@" "$src/src/lua.c" "$liblua" -o "$out"
    ;;
mod)
    [ $# -ge 1 ] || { echo "build-lua.sh: mod needs SRC" >&2; exit 2; }
    mod=$1
    shift
    musl-gcc -O2 -fPIC -shared -I "$inc" -I "$src/src" "$mod" "$@" -o "$out"
    ;;
*)
    echo "usage: build-lua.sh lib OUT | prog OUT LIBLUA [FLAGS...] | mod OUT SRC [FLAGS...]" >&2
    exit 2
    ;;
esac
