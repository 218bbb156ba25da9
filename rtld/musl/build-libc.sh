#!/bin/sh
# Link rtld and our musl libc.so into one shared object:
#   build-libc.sh OUT GLUE_SRC DYNAMIC_LIST EXPORTS RTLD_ARCHIVE...
# rtld's archives (its code, libelfload, libsys, the arch code) become one
# relocatable object whose only global symbols are those EXPORTS lists, so
# that its freestanding helpers (memcpy, strlen, ...) neither clash with
# musl's nor replace them; it must need nothing from outside itself.  Then
# the system's musl libc.a (position-independent in Debian) is linked whole
# with it and with glue.c, which replaces musl's weak dynamic-linker hooks.
set -e
out=$1 glue=$2 list=$3 exports=$4
shift 4
libc_a=/usr/lib/x86_64-linux-musl/libc.a
want=1.2.3
have=$(ar p "$libc_a" version.lo | strings | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+$' || true)
if [ "$have" != "$want" ]; then
    echo "build-libc.sh: $libc_a is musl ${have:-of unknown version}; the glue was written for musl $want" >&2
    exit 1
fi
trap 'rm -f "$out.glue.o" "$out.libc.a" "$out.rtld.o"' EXIT
ld -r -z noexecstack -o "$out.rtld.o" --whole-archive "$@" --no-whole-archive
objcopy --keep-global-symbols="$exports" "$out.rtld.o"
# what the linker itself defines is all rtld's part may leave undefined
undefined=$(nm -u "$out.rtld.o" | awk '$2 !~ /^(_DYNAMIC|_GLOBAL_OFFSET_TABLE_|__ehdr_start)$/ { print $2 }')
if [ -n "$undefined" ]; then
    echo "build-libc.sh: rtld's part uses symbols from outside itself:" $undefined >&2
    exit 1
fi
musl-gcc -O2 -fPIC -Wall -Wextra -Werror -I "$(dirname "$glue")" -c "$glue" -o "$out.glue.o"
# Members the glue replaces with its own strong definitions (the others it
# overrides are weak in libc.a and need no removal).
cp "$libc_a" "$out.libc.a"
ar d "$out.libc.a" dlclose.lo __tls_get_addr.lo
# -e: rtld's entry, as PT_INTERP and as a command.  --dynamic-list: what
# programs may interpose (the rest binds inside, as in musl's own build);
# those are the only symbolic relocations, which rtld applies once the
# program and its libraries are loaded (its relative ones it applies first).
gcc -shared -nostdlib -o "$out" -Wl,-e,_start -Wl,-soname,libc.so \
    -Wl,--dynamic-list="$list" -Wl,-z,now -Wl,-z,relro -Wl,--hash-style=both \
    -Wl,-z,pack-relative-relocs -Wl,-z,noexecstack -Wl,-z,separate-code \
    -Wl,--gc-sections -Wl,--no-undefined \
    "$out.rtld.o" -Wl,--whole-archive "$out.libc.a" -Wl,--no-whole-archive "$out.glue.o" \
    "$(gcc -print-libgcc-file-name)"
