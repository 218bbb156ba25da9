#!/bin/sh
# Secure mode (AT_SECURE=1, as for set-user-ID programs), forced with
# `loader --secure`: rtld must ignore LD_LIBRARY_PATH, LD_PRELOAD (all of
# it, as musl does), RTLD_DEBUG, $ORIGIN and empty search-path entries
# (glibc's current directory).  Each case first shows the setting works
# without --secure, so the test can fail.
#   check_secure.sh LOADER RTLD_PROGRAMS_DIR DL_PROGRAMS_DIR [WRAPPER]
set -u
loader=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") dir=$(cd "$2" && pwd) dl=$(cd "$3" && pwd) wrap=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
expect() {  # expect DESCRIPTION STATUS PATTERN  (on "$out" and "$status")
    if [ "$status" -eq "$2" ] && printf '%s\n' "$out" | grep -qE "$3"; then
        pass=$((pass + 1)); echo "PASS $1"
    else
        fail=$((fail + 1)); echo "FAIL $1 (status $status)"; printf '%s\n' "$out"
    fi
}
# expect_absent DESCRIPTION ABSENT PRESENT: status 0, no line matching
# ABSENT, and a line matching PRESENT
expect_absent() {
    if printf '%s\n' "$out" | grep -qE "$2"; then
        fail=$((fail + 1)); echo "FAIL $1"; printf '%s\n' "$out"
    else
        expect "$1" 0 "$3"
    fi
}
# run [--secure] PROG: through the loader (under the wrapper, if any);
# environment for the program goes in $env ("VAR=value ..."), passed with
# env(1) natively or qemu's -E under qemu-user
run() {
    if [ -n "$wrap" ]; then
        set -- $(for e in $env; do printf -- '-E %s ' "$e"; done) "$loader" "$@"
        out=$($wrap "$@" 2>&1)
    else
        out=$(env $env "$loader" "$@" 2>&1)
    fi
    status=$?
}

# LD_LIBRARY_PATH: the library lives only in $tmp/libs
mkdir -p "$tmp/bin" "$tmp/libs"
cp "$dir/libpath-interp" "$tmp/bin/" && cp "$dir/libpath.so" "$tmp/libs/"
env="LD_LIBRARY_PATH=$tmp/libs"
run "$tmp/bin/libpath-interp"
expect "LD_LIBRARY_PATH honoured normally" 0 .
run --secure "$tmp/bin/libpath-interp"
expect "LD_LIBRARY_PATH ignored in secure mode" 127 "library libpath.so needed by .* not found"

# LD_PRELOAD with a slash: a malloc counter that reports at exit
env="LD_PRELOAD=$dl/libcount_malloc.so"
run "$dl/malloc_user-interp"
expect "LD_PRELOAD honoured normally" 0 "^count_malloc: "
run --secure "$dl/malloc_user-interp"
expect_absent "LD_PRELOAD with a slash ignored in secure mode" '^count_malloc: ' '^malloc_user: done'
# without a slash: found through the program's absolute DT_RUNPATH
env="LD_PRELOAD=libcount_malloc.so"
run "$dl/malloc_user-interp"
expect "LD_PRELOAD without a slash honoured normally" 0 "^count_malloc: "
run --secure "$dl/malloc_user-interp"
expect_absent "LD_PRELOAD without a slash ignored in secure mode" '^count_malloc: ' '^malloc_user: done'

# An empty DT_RUNPATH entry: the current directory, $tmp/libs here
cp "$dir/libpath-cwd-interp" "$tmp/bin/"
env=
cd "$tmp/libs" || exit 1
run "$tmp/bin/libpath-cwd-interp"
expect "empty DT_RUNPATH entry: the current directory normally" 0 .
run --secure "$tmp/bin/libpath-cwd-interp"
expect "empty DT_RUNPATH entry ignored in secure mode" 127 "library libpath.so needed by .* not found"
cd / || exit 1

# RTLD_DEBUG
env="RTLD_DEBUG=1"
run "$dir/hello-interp"
expect "RTLD_DEBUG honoured normally" 0 "^rtld: libc.so => "
run --secure "$dir/hello-interp"
expect_absent "RTLD_DEBUG ignored in secure mode" '^rtld:' .

# $ORIGIN: app/origin-rpath-interp finds app/lib/liborigin.so through it
mkdir -p "$tmp/app/lib"
cp "$dir/origin-rpath-interp" "$tmp/app/" && cp "$dir/liborigin.so" "$tmp/app/lib/"
env=
run "$tmp/app/origin-rpath-interp"
expect '$ORIGIN honoured normally' 0 .
run --secure "$tmp/app/origin-rpath-interp"
expect '$ORIGIN ignored in secure mode' 127 "library liborigin.so needed by .* not found"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
