#!/bin/sh
# What rtld's start-up costs in system calls, from strace: rtld's object is
# also libc.so, so DT_NEEDED libc.so opens and maps nothing; rtld catches
# SIGBUS only while it maps files itself; the program's $ORIGIN takes one
# readlink, as under musl.
#   check_startup.sh RTLD RTLD_PROGRAMS_DIR HELLO_SRC MUSL_GCC
set -u
rtld=$1 dir=$2 hello_src=$3 musl_gcc=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {   # check DESCRIPTION WANT GOT
    if [ "$2" = "$3" ]; then
        pass=$((pass + 1)); echo "PASS $1"
    else
        fail=$((fail + 1)); echo "FAIL $1"
        printf '  want: %s\n  got:  %s\n' "$2" "$3"
        sed 's/^/    /' "$trace"
    fi
}
trace=$tmp/trace
traced() {  # traced COMMAND...: its file, mapping and signal calls into $trace
    env -i strace -qq -o "$trace" \
        -e trace=openat,open,stat,newfstatat,mmap,rt_sigaction,readlinkat,readlink \
        "$@" >/dev/null 2>&1
}
opened() {  # the files opened for reading (libraries), by base name
    sed -n 's/^openat(AT_FDCWD, "\([^"]*\)", O_RDONLY|O_NONBLOCK.*/\1/p' "$trace" |
        sed 's|.*/||' | tr '\n' ' '
}
count() { grep -c "$1" "$trace"; }

# The kernel mapped the program and rtld: no file to open or map, no
# signal to catch (test-programs/hello.c; what malloc maps for itself when
# it takes the objects' unused page ends is libc's, anonymous)
"$musl_gcc" -O2 -o "$tmp/hello" "$hello_src" "-Wl,--dynamic-linker=$rtld" || exit 1
traced "$tmp/hello"
check "hello, PT_INTERP rtld: no file opened or mapped, no signal caught" 0 \
    "$(grep -cv 'MAP_ANONYMOUS, -1, 0)' "$trace")"

# Three libraries: each opened and mapped under the SIGBUS guard, which is
# gone before the program runs; libc.so is not opened.
traced "$dir/chain-interp"
check "chain, PT_INTERP rtld: opens its three libraries, not libc.so" \
    "libchain_a.so libchain_b.so libchain_c.so " "$(opened)"
check "chain, PT_INTERP rtld: SIGBUS caught while mapping, then restored" 2 \
    "$(count '^rt_sigaction(SIGBUS')"
# chain's DT_RPATH is $ORIGIN
check "chain, PT_INTERP rtld: its \$ORIGIN in one system call" 1 "$(count '^readlink')"
traced "$rtld" "$dir/chain"
check "chain, rtld as a command: opens the program and its three libraries" \
    "chain libchain_a.so libchain_b.so libchain_c.so " "$(opened)"
check "chain, rtld as a command: its \$ORIGIN in one system call" 1 "$(count '^readlink')"

# Each page of rtld's object a start-up touches is a page fault: the code
# and data every start-up touches lie together (musl/hot-text.list,
# musl/layout.ld).  Printed: the symbols that lie elsewhere.
trace=/dev/null
scattered() {   # scattered SECTION BYTES SYMBOL...: those not in SECTION's first BYTES
    nm "$rtld" >"$tmp/nm" && readelf -SW "$rtld" >"$tmp/sections" &&
        python3 - "$tmp/nm" "$tmp/sections" "$@" <<'EOF'
import re, sys
nm, sections, name, size, symbols = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
start = [int(m.group(2), 16) for m in (re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)", l)
                                        for l in open(sections)) if m and m.group(1) == name]
addr = {}
for line in open(nm):
    f = line.split()
    if len(f) == 3:
        addr.setdefault(f[2], []).append(int(f[0], 16))
print(" ".join(s for s in symbols
               if not start or [a for a in addr.get(s, []) if not start[0] <= a < start[0] + size]
               or s not in addr))
EOF
}
check "rtld's and musl's start-up code in the first 96 KiB of .text" "" \
    "$(scattered .text 98304 _start dso_parse load_library.part.0 apply_table __libc_start_main \
        __init_libc exit printf_core __libc_malloc_impl free __malloc_donate)"
check "the variables start-ups write in the 12 KiB from .data on" "" \
    "$(scattered .data 12288 dso_head _r_debug __environ __libc __malloc_context vmlock)"
check "the read-only data start-ups read together" "" \
    "$(scattered .rodata.hot 16384 __malloc_size_classes above.0)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
