#!/bin/sh
# A library that changes under rtld's feet: gdb stops rtld at a chosen point
# of its startup, the test truncates a file rtld has opened or mapped, and
# rtld must then refuse with one line and status 126 before the program (or
# any constructor) runs.  Also: a SIGBUS sent by another process still kills
# as it would without rtld, and the program starts with SIGBUS handled as
# under musl's own dynamic linker.
#   check_truncation.sh RTLD RTLD_PROGRAMS_DIR
set -u
rtld=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") rdir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {   # check DESCRIPTION PATTERN: one line of $out matches
    if printf '%s\n' "$out" | grep -qE "$2"; then
        pass=$((pass + 1)); echo "PASS $1"
    else
        fail=$((fail + 1)); echo "FAIL $1"; printf '%s\n' "--- gdb said:" "$out"
    fi
}
absent() {  # absent DESCRIPTION PATTERN: no line of $out matches
    if printf '%s\n' "$out" | grep -qE "$2"; then
        fail=$((fail + 1)); echo "FAIL $1"; printf '%s\n' "--- gdb said:" "$out"
    else
        pass=$((pass + 1)); echo "PASS $1"
    fi
}
fresh() {   # a private copy of the chain program and its libraries
    rm -rf "$tmp/app" && mkdir "$tmp/app" &&
        cp "$rdir"/chain "$rdir"/chain-interp "$rdir"/libchain_[abc].so "$tmp/app/"
}
gdb_at() {  # gdb_at FUNCTION COMMAND... -- PROGRAM ARGS: stop at FUNCTION once, run COMMAND
    fn=$1; shift
    set -- -ex "break $fn" -ex run -ex delete "$@"
    (cd "$tmp/app" && timeout 120 gdb -q -batch -nx -ex 'set pagination off' \
        -ex 'set confirm off' -ex 'set breakpoint pending on' \
        -ex 'handle SIGBUS nostop noprint pass' "$@" 2>&1)
}

# Truncated after rtld mapped every library, before relocation reads them
fresh
out=$(gdb_at relocate -ex 'shell truncate -s 0 libchain_c.so' -ex continue ./chain-interp)
check "truncated before relocation: one line naming the library" \
    "^rtld: $tmp/app/libchain_c.so: changed while being loaded: no data at file offset 0x[0-9a-f]+ \(SIGBUS\)$"
check "truncated before relocation: status 126" "exited with code 0176\]$"
absent "truncated before relocation: no constructor or main ran" "^(C|B|A|main): "

# Truncated after rtld read its headers, before mapping it: the first
# library rtld maps in PT_INTERP mode is the program's first DT_NEEDED
fresh
out=$(gdb_at elf_map -ex 'shell truncate -s 0 libchain_a.so' -ex continue ./chain-interp)
check "truncated between header read and mapping: one line naming it" \
    "^rtld: $tmp/app/libchain_a.so: changed while being loaded: no data at file offset 0x[0-9a-f]+ \(SIGBUS\)$"
check "truncated between header read and mapping: status 126" "exited with code 0176\]$"

# The program itself, which rtld maps as a command (a running executable
# cannot be truncated: ETXTBSY), half its size
fresh
half=$(( $(wc -c < "$tmp/app/chain") / 2 ))
out=$(gdb_at elf_map -ex "shell truncate -s $half chain" -ex continue --args "$rtld" ./chain)
check "program truncated while rtld maps it: one line naming it" \
    "^rtld: $tmp/app/chain: changed while being loaded: no data at file offset 0x[0-9a-f]+ \(SIGBUS\)$"
check "program truncated while rtld maps it: status 126" "exited with code 0176\]$"

# A SIGBUS another process sends is not a fault: it kills, as without rtld
fresh
out=$(gdb_at relocate -ex 'signal SIGBUS' ./chain-interp)
check "a sent SIGBUS during loading kills with SIGBUS" "terminated with signal SIGBUS"

# The program gets SIGBUS back as it came: its caught/ignored signal masks
# at main are those it has under musl's own dynamic linker
masks='python import gdb; [print(l.strip()) for l in open("/proc/%d/status" % gdb.selected_inferior().pid) if l.startswith(("SigIgn", "SigCgt"))]'
out=$(gdb_at main -ex "$masks" -ex kill ./chain)
want=$(printf '%s\n' "$out" | grep -E '^Sig(Ign|Cgt):')
out=$(gdb_at main -ex "$masks" -ex kill ./chain-interp)
got=$(printf '%s\n' "$out" | grep -E '^Sig(Ign|Cgt):')
if [ -n "$want" ] && [ "$want" = "$got" ]; then
    pass=$((pass + 1)); echo "PASS signal dispositions at main = musl's"
else
    fail=$((fail + 1)); echo "FAIL signal dispositions at main = musl's"
    printf '%s\n' "  musl:" "$want" "  rtld:" "$got"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
