#!/bin/sh
# rtld --list: the objects a program would load, one line each, like ldd(1),
# and the RTLD_DEBUG traces:
#   check_list.sh RTLD RTLD_PROGRAMS_DIR TEST_PROGRAMS_DIR
set -u
rtld=$1 dir=$2 progs=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {   # check DESCRIPTION EXPECTED_STATUS PATTERN... (each must match a line)
    desc=$1 want_status=$2
    shift 2
    ok=1
    [ "$status" -eq "$want_status" ] || ok=0
    for pat in "$@"; do
        printf '%s\n' "$out" | grep -qE "$pat" || ok=0
    done
    if [ $ok -eq 1 ]; then
        pass=$((pass + 1)); echo "PASS $desc"
    else
        fail=$((fail + 1)); echo "FAIL $desc (status $status)"; printf '%s\n' "$out"
    fi
}
list() { out=$("$rtld" --list "$@" 2>&1); status=$?; }

# $ORIGIN: the program in app/, its library in app/lib/ (DT_RPATH $ORIGIN/lib)
mkdir -p "$tmp/app/lib"
cp "$dir/origin-rpath" "$tmp/app/"
cp "$dir/liborigin.so" "$tmp/app/lib/"
list "$tmp/app/origin-rpath"
check '$ORIGIN dependency resolved' 0 \
    "^	liborigin.so => $tmp/app/lib/liborigin.so \(0x[0-9a-f]+\)$" \
    "^	libc.so => .*/rtld \(0x[0-9a-f]+\)$" "^	.*/rtld \(0x[0-9a-f]+\)$"

# a library needed twice (a diamond) is loaded and listed once
list "$dir/diamond"
n=$(printf '%s\n' "$out" | grep -c '^	libchain_c.so => ')
check "shared dependency listed once ($n)" 0 "^	libdiamond_e.so => " "^	libchain_a.so => "
[ "$n" -eq 1 ] || { fail=$((fail + 1)); echo "FAIL libchain_c.so listed $n times"; }

# a missing library: listed as not found, status 127, the rest still listed
cp "$dir/needs-gone" "$tmp/"
list "$tmp/needs-gone"
check 'missing dependency' 127 "^	libgone.so => not found$" "^	libc.so => .*/rtld "

# programs that need no dynamic linker, and glibc programs (listed by glibc)
list "$progs/hello-musl-static"
check 'static program' 0 "^	statically linked$"
list "$progs/hello-glibc-dynamic"
check 'glibc program listed by its own ld.so' 0 "^	libc.so.6 => .*libc.so.6 \(0x[0-9a-f]+\)$"

# RTLD_DEBUG: each category adds its lines on stderr; the program still runs
trace() { out=$(RTLD_DEBUG=$1 "$rtld" "$dir/chain" 2>&1 >/dev/null); status=$?; }
trace libs
check 'RTLD_DEBUG=libs: paths tried, libraries found' 0 "^rtld: trying .*/libchain_a.so$" \
    "^rtld: libchain_b.so => .*/libchain_b.so \(needed by .*/libchain_a.so\)$"
trace reloc
check 'RTLD_DEBUG=reloc: each object relocated' 0 "^rtld: relocating .*/libchain_c.so$" \
    "^rtld: relocating .*/chain$"
trace symbols
check 'RTLD_DEBUG=symbols: each lookup' 0 "^rtld: symbol chain_a_value: found in .*/libchain_a.so$"
trace bindings
check 'RTLD_DEBUG=bindings: each binding' 0 \
    "^rtld: binding .*/chain to .*/libchain_a.so: symbol chain_a_value$"
trace statistics
check 'RTLD_DEBUG=statistics: counts' 0 "^rtld: statistics: 5 objects, [0-9]+ symbol lookups, [0-9]+ relocations in [0-9]+ us$" \
    "^rtld: statistics:   R_X86_64_JUMP_SLOT: [0-9]+$"
trace reloc,bindings
check 'RTLD_DEBUG=reloc,bindings: both' 0 "^rtld: relocating " "^rtld: binding "

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
