#!/bin/sh
# gdb on a program whose PT_INTERP is rtld: `info sharedlibrary` must list
# every library (found through _r_debug, which the program's DT_DEBUG points
# to) and a breakpoint in a library function must be hit (gdb resolves it
# when rtld calls _dl_debug_state after loading).
#   check_gdb.sh PROGRAMS_DIR
set -u
dir=$1
prog=$dir/chain-interp
out=$(cd "$dir" && timeout 120 gdb -q -batch -nx \
    -ex 'set pagination off' -ex 'set confirm off' -ex 'set breakpoint pending on' \
    -ex 'break chain_c_value' -ex run -ex 'info sharedlibrary' -ex 'bt' \
    "$prog" 2>&1)
pass=0 fail=0
check() {   # check DESCRIPTION PATTERN
    if printf '%s\n' "$out" | grep -qE "$2"; then
        pass=$((pass + 1)); echo "PASS $1"
    else
        fail=$((fail + 1)); echo "FAIL $1"
    fi
}
for lib in libchain_a.so libchain_b.so libchain_c.so libc.so; do
    check "info sharedlibrary lists $lib" "^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*/$lib\$"
done
check "info sharedlibrary lists rtld" "^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*/rtld\$"
check "breakpoint in a library is hit" "^Breakpoint 1, .*chain_c_value \(\) from .*/libchain_c.so"
check "backtrace crosses libraries" "chain_b_value \(\) from .*/libchain_b.so"
[ "$fail" -eq 0 ] || printf '%s\n' "--- gdb said:" "$out"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
