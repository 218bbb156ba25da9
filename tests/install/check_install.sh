#!/bin/sh
# The installed tree: `meson install --destdir TMP` of the build, then the
# installed loader and rtld must run musl programs exactly as they run
# directly; libc.so is installed as another name of rtld's file, and rtld
# serves DT_NEEDED libc.so with itself.
#
#   check_install.sh --build DIR --meson MESON --prefix P --bindir B
#                    --libdir L --mandir M [--libc-dir D] --programs DIR
#                    --hello-src FILE --musl-gcc MUSL_GCC
#
# bindir, libdir and mandir are meson's values: relative to the prefix, or
# absolute.  --libc-dir is the libc_dir option (empty: beside rtld).
# KEEP_INSTALL_TMP=1 keeps the temporary directory.  Prints one line per
# check and "N passed, M failed"; exits 1 when a check failed.
set -u

build='' meson='' prefix='' bindir='' libdir='' mandir='' libc_dir='' programs=''
hello_src='' musl_gcc=''
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || { echo "check_install.sh: $1 needs a value" >&2; exit 2; }
    case $1 in
    --build) build=$2 ;;
    --meson) meson=$2 ;;
    --prefix) prefix=$2 ;;
    --bindir) bindir=$2 ;;
    --libdir) libdir=$2 ;;
    --mandir) mandir=$2 ;;
    --libc-dir) libc_dir=$2 ;;
    --programs) programs=$2 ;;
    --hello-src) hello_src=$2 ;;
    --musl-gcc) musl_gcc=$2 ;;
    *) echo "check_install.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
for v in build meson prefix bindir libdir mandir programs hello_src musl_gcc; do
    eval "[ -n \"\$$v\" ]" || { echo "check_install.sh: --$v is missing" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/elfload-install.XXXXXX") || exit 1
if [ "${KEEP_INSTALL_TMP:-}" = 1 ]; then
    echo "keeping $tmp"
else
    trap 'rm -rf "$tmp"' EXIT
fi
trap 'exit 1' HUP INT TERM
dest=$tmp/dest

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok:   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
skip() { echo "skip: $1"; }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

# An installation directory: meson's value joined to the prefix (unless
# absolute), then under the destdir.
installed() {
    case $1 in
    /*) echo "$dest$1" ;;
    *)  echo "$dest$prefix/$1" ;;
    esac
}
loader=$(installed "$bindir")/loader
rtld_dir=$(installed "$libdir")/elfload
rtld=$rtld_dir/rtld
if [ -n "$libc_dir" ]; then
    libc=$dest$libc_dir/libc.so
else
    libc=$rtld_dir/libc.so
fi
man_dir=$(installed "$mandir")

# 1. Install.
if "$meson" install -C "$build" --destdir "$dest" --no-rebuild >"$tmp/install.log" 2>&1; then
    pass "meson install --destdir"
else
    fail "meson install --destdir (status $?)"
    sed 's/^/    /' "$tmp/install.log"
    finish
fi

# 2. The files.
exists() {     # exists WHAT PATH [-x]
    if [ -f "$2" ] && { [ "${3:-}" != -x ] || [ -x "$2" ]; }; then
        pass "$1 installed: ${2#"$dest"}"
    else
        fail "$1 not installed${3:+ as an executable}: ${2#"$dest"}"
    fi
}
exists loader "$loader" -x
exists rtld "$rtld" -x
# libc.so names rtld's file: beside it, a relative symlink; elsewhere
# (-Dlibc_dir), one to rtld's installed path outside the destdir
if [ -z "$libc_dir" ] && [ "$(readlink -f "$libc")" = "$(readlink -f "$rtld")" ]; then
    pass "libc.so installed as another name of rtld: ${libc#"$dest"}"
elif [ -n "$libc_dir" ] && [ -L "$libc" ] && [ "$dest$(readlink "$libc")" = "$rtld" ]; then
    pass "libc.so installed as a symlink to rtld's installed path: ${libc#"$dest"}"
else
    fail "libc.so is not installed as another name of rtld: ${libc#"$dest"}"
    ls -l "$libc" 2>&1 | sed 's/^/    /'
fi
for page in man1/loader.1 man8/rtld.8; do
    if [ -f "$man_dir/$page.gz" ]; then
        exists "${page#*/}" "$man_dir/$page.gz"
    else
        exists "${page#*/}" "$man_dir/$page"
    fi
done
if command -v groff >/dev/null 2>&1; then
    for page in man1/loader.1 man8/rtld.8; do
        [ -f "$man_dir/$page" ] || continue
        if groff -man -Tutf8 -ww -z "$man_dir/$page" >"$tmp/groff.log" 2>&1 &&
           [ ! -s "$tmp/groff.log" ]; then
            pass "${page#*/} formats without warnings"
        else
            fail "${page#*/}: groff -man -ww reports"
            sed 's/^/    /' "$tmp/groff.log"
        fi
    done
else
    skip "man page formatting (no groff)"
fi

# 3. Running programs: stdout, stderr and status must equal the direct run.
# run NAME COMMAND...: records $tmp/NAME.{out,err,status}
run() {
    name=$1
    shift
    "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
    echo $? >"$tmp/$name.status"
}
same() {       # same WHAT REFERENCE NAME
    for part in status out err; do
        if ! cmp -s "$tmp/$2.$part" "$tmp/$3.$part"; then
            fail "$1: $part differs from the direct run"
            for f in "$2" "$3"; do
                echo "    $f.$part:"
                sed 's/^/      /' "$tmp/$f.$part" | head -20
            done
            return
        fi
    done
    pass "$1"
}
contains() {   # contains WHAT FILE TEXT
    if grep -qF -- "$3" "$2"; then
        pass "$1"
    else
        fail "$1: no \"$3\" in:"
        sed 's/^/    /' "$2" | head -20
    fi
}

hello=$programs/hello-musl-dynamic
status=$programs/status-musl-dynamic
for p in "$hello" "$status"; do
    [ -x "$p" ] || { fail "test program $p is not built"; finish; }
done
run hello-direct "$hello" one two
run status-direct "$status" 42

# The installed loader (the programs' own interpreter is musl's).
run hello-loader "$loader" "$hello" one two
same "installed loader runs hello-musl-dynamic" hello-direct hello-loader
run status-loader "$loader" "$status" 42
same "installed loader runs status-musl-dynamic 42" status-direct status-loader

# rtld started by its installed path is the program's libc.so.
run list "$rtld" --list "$hello"
if [ "$(cat "$tmp/list.status")" = 0 ]; then
    contains "installed rtld --list: libc.so => $rtld" "$tmp/list.out" "libc.so => $rtld ("
else
    fail "installed rtld --list: status $(cat "$tmp/list.status")"
    sed 's/^/    /' "$tmp/list.out" "$tmp/list.err"
fi

run hello-rtld "$rtld" "$hello" one two
same "installed rtld runs hello-musl-dynamic" hello-direct hello-rtld
run status-rtld "$rtld" "$status" 42
same "installed rtld runs status-musl-dynamic 42" status-direct status-rtld
run debug env RTLD_DEBUG=1 "$rtld" "$hello"
contains "installed rtld: RTLD_DEBUG=1 names the installed rtld as libc.so" \
    "$tmp/debug.err" "libc.so => $rtld ("

# A program whose PT_INTERP is the installed rtld: started by the kernel,
# and by the installed loader.
interp_prog=$tmp/hello-interp
if "$musl_gcc" -O2 -o "$interp_prog" "$hello_src" \
        "-Wl,--dynamic-linker=$rtld" >"$tmp/cc.log" 2>&1; then
    pass "musl-gcc -Wl,--dynamic-linker=<installed rtld>"
    run interp-direct "$interp_prog" one two
    same "hello with PT_INTERP = installed rtld" hello-direct interp-direct
    run interp-loader "$loader" "$interp_prog" one two
    same "installed loader runs hello with PT_INTERP = installed rtld" hello-direct interp-loader
    run interp-list "$rtld" --list "$interp_prog"
    contains "installed rtld --list of that program" "$tmp/interp-list.out" "libc.so => $rtld ("
else
    fail "musl-gcc -Wl,--dynamic-linker=<installed rtld>"
    sed 's/^/    /' "$tmp/cc.log"
fi

finish
