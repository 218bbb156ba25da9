#!/bin/sh
# Lua under rtld: the interpreter (liblua.so) loading C modules with
# __thread data through dlopen (test-programs/lua/test.lua), natively or
# under a wrapper:
#   run_lua.sh RTLD PROGRAMS_DIR [WRAPPER]
# `lua test.lua` under musl's own linker is the reference; `lua-interp`
# (rtld as PT_INTERP) and `rtld ./lua` must match it: stdout, stderr and
# exit status (3, from os.exit).  With "close" the script ends with
# os.exit(3, true): lua_close dlcloses every module first.
set -u
rtld=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") dir=$2 wrap=${3:-}
cd "$dir" || exit 1
# the script sets package.path and package.cpath itself; nothing from the
# environment may run first
unset LUA_INIT LUA_INIT_5_4 LUA_PATH LUA_PATH_5_4 LUA_CPATH LUA_CPATH_5_4
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
# run NAME PROG [ARGS...]: $out/NAME.out, .err and .status
run() {
    name=$1
    shift
    $wrap "$@" >"$out/$name.out" 2>"$out/$name.err"
    echo "$?" >"$out/$name.status"
}
same() {    # same DESCRIPTION REF GOT
    ok=1
    for part in out err status; do
        if ! cmp -s "$out/$2.$part" "$out/$3.$part"; then
            ok=0
            echo "  $part differs from the reference:"
            diff "$out/$2.$part" "$out/$3.$part" | sed 's/^/    /'
        fi
    done
    if [ "$ok" -eq 1 ]; then
        pass=$((pass + 1)); echo "PASS $1"
    else
        fail=$((fail + 1)); echo "FAIL $1"
    fi
}
# expect DESCRIPTION NAME LINE: the reference run printed LINE (so that a
# reference that went wrong does not pass unnoticed)
expect() {
    if grep -qxF "$3" "$out/$2.out"; then
        pass=$((pass + 1)); echo "PASS $1"
    else
        fail=$((fail + 1)); echo "FAIL $1: no line '$3' in:"
        sed 's/^/    /' "$out/$2.out"
    fi
}
tab=$(printf '\t')

for mode in exit close; do
    arg=
    [ "$mode" = close ] && arg=close
    run "ref-$mode" ./lua test.lua $arg
    if [ "$(cat "$out/ref-$mode.status")" = 3 ]; then
        pass=$((pass + 1)); echo "PASS reference ($mode): status 3"
    else
        fail=$((fail + 1)); echo "FAIL reference ($mode): status $(cat "$out/ref-$mode.status")"
    fi
    expect "reference ($mode): module TLS in a thread started before the module" "ref-$mode" \
        "worker latemod${tab}102${tab}104"
    expect "reference ($mode): destructors ran" "ref-$mode" "tlsmod: destructor"

    run "interp-$mode" ./lua-interp test.lua $arg
    same "lua-interp test.lua${arg:+ $arg} (rtld as PT_INTERP) = musl" "ref-$mode" "interp-$mode"
    run "cmd-$mode" "$rtld" ./lua test.lua $arg
    same "rtld ./lua test.lua${arg:+ $arg} = musl" "ref-$mode" "cmd-$mode"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
