#!/bin/sh
# Resource exhaustion and unusable files: one clean line and a distinct
# status, never a crash, and nothing run half-loaded.
#   check_resources.sh LOADER RTLD TEST_PROGRAMS_DIR RTLD_PROGRAMS_DIR
set -u
loader=$1 rtld=$2 progs=$3 rdir=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
expect() {  # expect DESCRIPTION STATUS PATTERN: one stderr line matching it
    lines=$(printf '%s\n' "$out" | wc -l)
    if [ "$status" -eq "$2" ] && [ "$lines" -eq 1 ] && printf '%s\n' "$out" | grep -qE "$3"; then
        pass=$((pass + 1)); echo "PASS $1"
    else
        fail=$((fail + 1)); echo "FAIL $1 (status $status)"; printf '%s\n' "$out"
    fi
}

# A 30 MiB address-space limit: 64 MiB of .bss cannot be mapped (the kernel
# itself kills such a program with SIGSEGV after the point of no return)
out=$( (ulimit -v 30000; "$loader" "$progs/bss_huge-musl-static") 2>&1); status=$?
expect "loader under ulimit -v" 125 \
    "^loader: .*bss_huge-musl-static: cannot map PT_LOAD [0-9]+ at 0x[0-9a-f]+: Cannot allocate memory$"
out=$( (ulimit -v 30000; "$rtld" "$progs/bss_huge-musl-dynamic") 2>&1); status=$?
expect "rtld under ulimit -v" 125 \
    "^rtld: .*bss_huge-musl-dynamic: cannot map PT_LOAD [0-9]+ at 0x[0-9a-f]+: Cannot allocate memory$"

# The kernel's place for a PIE with an interpreter (ELF_ET_DYN_BASE) lies
# past the end of the address space where that is smaller than the CPU's
# largest (arm64 kernels with 39-bit addresses, riscv64 with Sv39): the
# first mmap, MAP_FIXED_NOREPLACE there, fails ENOMEM (here injected); the
# program is placed by mmap instead and runs as directly
want=$("$progs/status-musl-dynamic" 7 2>&1)
out=$(strace -f -o /dev/null -e trace=mmap -e inject=mmap:error=ENOMEM:when=1 \
          "$loader" "$progs/status-musl-dynamic" 7 2>&1); status=$?
if [ "$status" -eq 7 ] && [ "$out" = "$want" ]; then
    pass=$((pass + 1)); echo "PASS PIE placed anywhere when its kernel address is refused"
else
    fail=$((fail + 1)); echo "FAIL PIE placed anywhere when its kernel address is refused (status $status)"
    printf '%s\n' "$out"
fi

# A full map count: libraries of 1000 mappings each, enough of them to need
# more than vm.max_map_count allows (80 for the default 65530), each needing
# the next; preloading the first must stop at the first mapping the kernel
# refuses, before the program runs (a dependency that cannot be loaded is
# fatal; a preload itself would be left out with a warning).  (The setting
# is system-wide, so the test fills this process's count.)
max_maps=$(cat /proc/sys/vm/max_map_count)
if [ "$max_maps" -le 4194304 ]; then
    nlibs=$((max_maps / 1000 + 15))
    python3 "$(dirname "$0")/many_segments.py" "$tmp" "$nlibs" 1000
    pattern="^rtld: $tmp/libmany[0-9]+\.so: cannot map PT_LOAD [0-9]+ at 0x[0-9a-f]+: Cannot allocate memory$"
    out=$("$rtld" --library-path "$tmp" --preload "$tmp/libmany0.so" "$rdir/hello" 2>&1); status=$?
    expect "rtld with a full map count" 125 "$pattern"
    out=$(LD_LIBRARY_PATH=$tmp LD_PRELOAD=$tmp/libmany0.so "$loader" "$rdir/hello-interp" 2>&1)
    status=$?
    expect "loader, then rtld, with a full map count" 125 "$pattern"
    rm -f "$tmp"/libmany*.so
else
    fail=$((fail + 1)); echo "FAIL vm.max_map_count is $max_maps: too many mappings to fill"
fi

# An unreadable library, for an unprivileged user (root reads anything)
mkdir "$tmp/app" && chmod 755 "$tmp" "$tmp/app"
cp "$rdir/libpath-interp" "$rdir/libpath.so" "$tmp/app/"
chmod 000 "$tmp/app/libpath.so"
as_user() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    else
        "$@"
    fi
}
out=$(LD_LIBRARY_PATH="$tmp/app" as_user "$rtld" "$tmp/app/libpath-interp" 2>&1); status=$?
expect "unreadable library" 126 "^rtld: $tmp/app/libpath.so: Permission denied$"
# ... and an unreadable program, for the loader
chmod 711 "$tmp/app/libpath-interp"
out=$(as_user "$loader" "$tmp/app/libpath-interp" 2>&1); status=$?
expect "execute-only program (the loader must read it)" 126 \
    "^loader: $tmp/app/libpath-interp: Permission denied$"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
