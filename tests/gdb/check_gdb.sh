#!/bin/sh
# gdb on a program whose PT_INTERP is rtld: `info sharedlibrary` must list
# every library (found through _r_debug, which the program's DT_DEBUG points
# to) and a breakpoint in a library function must be hit (gdb resolves it
# when rtld calls _dl_debug_state after loading).  rtld's object is also
# libc.so: gdb must find libc's functions in it.
# Then the same for a plugin loaded by dlopen.
#   check_gdb.sh PROGRAMS_DIR DL_PROGRAMS_DIR
set -u
dir=$1 dl_dir=$2
gdb_run() {     # gdb_run DIR PROGRAM FUNCTION [GDB ARGS...]
    d=$1 prog=$2 fn=$3
    shift 3
    (cd "$d" && timeout 120 gdb -q -batch -nx \
        -ex 'set pagination off' -ex 'set confirm off' -ex 'set breakpoint pending on' \
        -ex "break $fn" -ex run -ex 'info sharedlibrary' -ex 'bt' "$@" "./$prog" 2>&1)
}
out=$(gdb_run "$dir" chain-interp chain_c_value -ex 'info symbol printf' -ex 'info symbol malloc')
pass=0 fail=0
check() {   # check DESCRIPTION PATTERN
    if printf '%s\n' "$out" | grep -qE "$2"; then
        pass=$((pass + 1)); echo "PASS $1"
    else
        fail=$((fail + 1)); echo "FAIL $1"
    fi
}
for lib in libchain_a.so libchain_b.so libchain_c.so; do
    check "info sharedlibrary lists $lib" "^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*/$lib\$"
done
check "info sharedlibrary lists rtld" "^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*/rtld\$"
for fn in printf malloc; do
    check "libc's $fn is found in rtld's object" "^$fn in section \.text of .*/rtld\$"
done
check "breakpoint in a library is hit" "^Breakpoint 1, .*chain_c_value \(\) from .*/libchain_c.so"
check "backtrace crosses libraries" "chain_b_value \(\) from .*/libchain_b.so"
[ "$fail" -eq 0 ] || printf '%s\n' "--- gdb said:" "$out"
failed_before=$fail
out=$(gdb_run "$dl_dir" plugin_host-interp plugin_compute)
check "breakpoint in a dlopen'ed plugin is hit" \
    "(^|hit )Breakpoint 1, .*plugin_compute \(\) from .*/libplugin_tls.so"
check "info sharedlibrary lists the plugin" "^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*/libplugin_tls.so\$"
check "info sharedlibrary lists the plugin's dependency" \
    "^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*/libplugin_dep.so\$"
[ "$fail" -eq "$failed_before" ] || printf '%s\n' "--- gdb said:" "$out"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
