#!/bin/sh
# Link rtld and our musl libc.so into one shared object:
#   build-libc.sh OUT CPU ARCH_DIR MUSL_GCC GCC DYNAMIC_LIST EXPORTS LAYOUT FILE...
# for CPU: MUSL_GCC and GCC are its compilers (binutils come from GCC's
# -print-prog-name), musl is in /usr/lib/CPU-linux-musl, and ARCH_DIR
# (arch/CPU) holds glue_arch.h, musl's facts about the CPU.
# FILEs are the glue's sources (*.c: glue.c, exit_handlers.c), which
# replace musl's weak dynamic-linker hooks and the members removed below,
# rtld's archives (*.a: its code, libelfload, libsys, the arch code), the
# final link's layout of the data (*.ld: layout.ld) and the list of musl's
# code that start-ups run (*.list: hot-text.list).  Writes OUT.map, the
# link map, beside OUT.
# rtld's archives become one relocatable object, laid out by the linker
# script LAYOUT, whose only global symbols are those EXPORTS lists, so
# that its freestanding helpers (memcpy, strlen, ...) neither clash with
# musl's nor replace them; it must need nothing from outside itself.  Then the system's musl libc.a
# (position-independent in Debian) is linked whole with it and the glue.
set -e
out=$1 cpu=$2 arch_dir=$3 musl_gcc=$4 gcc=$5 list=$6 exports=$7 layout=$8
shift 8
ld=$("$gcc" -print-prog-name=ld) objcopy=$("$gcc" -print-prog-name=objcopy)
nm=$("$gcc" -print-prog-name=nm) ar=$("$gcc" -print-prog-name=ar)
objdump=$("$gcc" -print-prog-name=objdump)
libc_a=/usr/lib/$cpu-linux-musl/libc.a
want=1.2.3
have=$("$ar" p "$libc_a" version.lo | strings | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+$' || true)
if [ "$have" != "$want" ]; then
    echo "build-libc.sh: $libc_a is musl ${have:-of unknown version}; the glue was written for musl $want" >&2
    exit 1
fi
objs='' archives='' final_layout='' hot_list=''
trap 'rm -rf $objs "$out.libc.a" "$out.rtld.o" "$out.hot"' EXIT
# objcopy's options that make the code sections of object $1 (those named
# $2..., or all) .text.hot.*, which the default linker script puts first
# in .text: the code start-ups run lies together, on few pages, and each
# page of code a run reads is a page fault (of 16 pages, fault-around).
hot_renames() {
    obj=$1
    shift
    "$objdump" -h "$obj" | awk -v want=" $* " '
        $2 ~ /^\.text($|\.)/ && $2 !~ /^\.text\.hot($|\.)/ &&
        (want == "  " || index(want, " " $2 " ")) {
            printf " --rename-section %s=.text.hot%s", $2, substr($2, 6) }'
}
for f; do
    case $f in
    *.c)
        o=$out.$(basename "$f" .c).o
        objs="$objs $o"
        "$musl_gcc" -O2 -fPIC -Wall -Wextra -Werror -I "$(dirname "$f")" -I "$arch_dir" \
            -c "$f" -o "$o"
        # shellcheck disable=SC2046 # options without blanks
        "$objcopy" $(hot_renames "$o") "$o" ;;
    *.a) archives="$archives $f" ;;
    *.ld) final_layout=$f ;;
    *.list) hot_list=$f ;;
    *) echo "build-libc.sh: $f is neither a glue source, an archive, a linker script nor a list" >&2
       exit 2 ;;
    esac
done
# shellcheck disable=SC2086 # lists of paths without blanks
"$ld" -r -z noexecstack -T "$layout" -o "$out.rtld.o" --whole-archive $archives --no-whole-archive
# shellcheck disable=SC2046 # options without blanks
"$objcopy" --keep-global-symbols="$exports" $(hot_renames "$out.rtld.o") "$out.rtld.o"
# what the linker itself defines (_end: the loader's own extent, in the
# shared libelfload) is all rtld's part may leave undefined
undefined=$("$nm" -u "$out.rtld.o" | awk '$2 !~ /^(_DYNAMIC|_GLOBAL_OFFSET_TABLE_|__ehdr_start|_end)$/ { print $2 }')
if [ -n "$undefined" ]; then
    echo "build-libc.sh: rtld's part uses symbols from outside itself:" "$undefined" >&2
    exit 1
fi
# Members the glue replaces with its own strong definitions (the others it
# overrides are weak in libc.a and need no removal).
cp "$libc_a" "$out.libc.a"
"$ar" d "$out.libc.a" dlclose.lo __tls_get_addr.lo atexit.lo
# The code of musl's that start-ups run (hot_list: "MEMBER SECTION..."
# lines) goes first too, after rtld's and the glue's.  The list was taken
# on x86_64: members another CPU's libc.a lacks are passed over.
if [ -n "$hot_list" ]; then
    present=$("$ar" t "$out.libc.a")
    members=$(sed 's/#.*//' "$hot_list" | awk 'NF { print $1 }' | grep -Fx -e "$present" || true)
    rm -rf "$out.hot" && mkdir "$out.hot"
    # shellcheck disable=SC2086 # member names without blanks
    (libc_copy=$(cd "$(dirname "$out")" && pwd)/$(basename "$out").libc.a &&
        cd "$out.hot" && "$ar" x "$libc_copy" $members)
    sed 's/#.*//' "$hot_list" | while read -r member sections; do
        [ -f "$out.hot/$member" ] || continue
        # shellcheck disable=SC2046,SC2086
        "$objcopy" $(hot_renames "$out.hot/$member" $sections) "$out.hot/$member"
    done
    # shellcheck disable=SC2046 # paths without blanks
    "$ar" r "$out.libc.a" $(for m in $members; do echo "$out.hot/$m"; done)
fi
# -e: rtld's entry, as PT_INTERP and as a command.  --dynamic-list: what
# programs may interpose (the rest binds inside, as in musl's own build);
# those are the only symbolic relocations, which rtld applies once the
# program and its libraries are loaded (its relative ones it applies first).
# shellcheck disable=SC2086
"$gcc" -shared -nostdlib -o "$out" -Wl,-e,_start -Wl,-soname,libc.so \
    -Wl,--dynamic-list="$list" -Wl,-z,now -Wl,-z,relro -Wl,--hash-style=both \
    -Wl,-z,pack-relative-relocs -Wl,-z,noexecstack -Wl,-z,separate-code \
    -Wl,--gc-sections -Wl,--no-undefined ${final_layout:+-Wl,-T,"$final_layout"} \
    -Wl,-Map="$out.map" \
    "$out.rtld.o" -Wl,--whole-archive "$out.libc.a" -Wl,--no-whole-archive $objs \
    "$("$gcc" -print-libgcc-file-name)"
