#!/bin/bash
# Loader benchmark: start-up cost of `loader PROG` compared with running PROG
# directly.  Not a test; run by hand, see bench/README.md.
#
#   bench/run.sh [--verbose] [BUILD_DIR]      (BUILD_DIR defaults to ./build)
#
# Prints a Markdown table to stdout.  With --verbose, the `strace -c` summaries
# and the raw launcher output go to stderr.  The number of wall-time launches
# of each command can be changed with BENCH_LAUNCHES (default 1000).
#
# Exits 0 when every measurement ran (whether or not the targets are met),
# non-zero when something failed to run.
set -euo pipefail

PROGRAMS=(hello-musl-static hello-glibc-static hello-musl-dynamic hello-glibc-dynamic)
LAUNCHES=${BENCH_LAUNCHES:-1000}
# Targets for hello-musl-static (informational).
TARGET_INSTR=3000   # extra instructions: must be under this
TARGET_SYSCALLS=8   # extra syscalls: at most this

verbose=0
build=
for arg in "$@"; do
    case $arg in
        -v|--verbose) verbose=1 ;;
        -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
        -*) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
        *) if [[ -n $build ]]; then echo "run.sh: too many arguments" >&2; exit 2; fi
           build=$arg ;;
    esac
done
build=${build:-build}

die() { echo "run.sh: $*" >&2; exit 1; }

for tool in valgrind strace gcc; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done

if [[ ! -d $build ]]; then
    die "build directory '$build' does not exist.
Build the project first, e.g.:  meson setup $build && ninja -C $build"
fi
build=$(cd "$build" && pwd)
loader=$build/loader/loader
[[ -x $loader ]] || die "$loader not found.
Build the project first, e.g.:  meson setup $build && ninja -C $build"
for p in "${PROGRAMS[@]}"; do
    [[ -x $build/test-programs/$p ]] || die "$build/test-programs/$p not found.
Build the project first, e.g.:  ninja -C $build"
done

tmp=$(mktemp -d /tmp/loader-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

here=$(cd "$(dirname "$0")" && pwd)
gcc -O2 -Wall -Wextra -Werror -o "$tmp/launch" "$here/launch.c" \
    || die "could not compile $here/launch.c"

# Everything runs in the same fixed environment.
ENV=(env -i PATH=/usr/bin:/bin HOME=/root LANG=C)

# Sanity: the program must run and print the same thing both ways.
check_output() {
    local prog=$1 direct through
    direct=$("${ENV[@]}" "$prog") || die "$prog failed to run"
    through=$("${ENV[@]}" "$loader" "$prog") || die "loader $prog failed to run"
    [[ $direct == "$through" ]] \
        || die "loader $prog printed '$through', direct run printed '$direct'"
}

# User-space instructions executed (callgrind's "Collected" line).
instructions() {
    local out n
    out=$("${ENV[@]}" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
          "$@" 2>&1 >/dev/null) || die "valgrind $* failed:
$out"
    n=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' <<<"$out")
    [[ $n =~ ^[0-9]+$ ]] || die "no 'Collected' line from valgrind $*:
$out"
    echo "$n"
}

# System calls made, counting the initial execve (so it cancels out in the
# difference).  `strace -f -o FILE` writes one line per syscall; the
# `+++ exited` and `--- SIG...` lines are not syscalls, and a syscall that
# strace splits into `<unfinished ...>` / `<... resumed>` is counted once.
syscalls() {
    local name=$1; shift
    local trace=$tmp/strace.$name
    "${ENV[@]}" strace -f -o "$trace" "$@" >/dev/null \
        || die "strace $* failed (see $trace)"
    grep -Evc '^([0-9]+ +)?(\+\+\+|---|<\.\.\. .* resumed>)' "$trace" || true
    if (( verbose )); then
        {
            echo "### strace -c -f $*"
            "${ENV[@]}" strace -c -f -o "$tmp/strace-c.$name" "$@" >/dev/null \
                || die "strace -c $* failed"
            cat "$tmp/strace-c.$name"
            echo
        } >&2
    fi
}

# Wall time: loader/direct ratio over $LAUNCHES alternating launches of each.
wall_ratio() {
    local prog=$1 out
    out=$("${ENV[@]}" "$tmp/launch" "$LAUNCHES" "$prog" -- "$loader" "$prog") \
        || die "launcher failed for $prog"
    if (( verbose )); then
        echo "### launch $LAUNCHES $(basename "$prog") (a = direct, b = loader: N, total s, mean us)" >&2
        echo "$out" >&2
        echo >&2
    fi
    sed -n 's/^ratio //p' <<<"$out"
}

# Thousands separators, independent of the locale: 114799 -> 114,799.
fmt() { sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta' <<<"$1"; }

rows=()
ms_extra_instr='' ms_extra_sys=''
for p in "${PROGRAMS[@]}"; do
    prog=$build/test-programs/$p
    echo "run.sh: measuring $p ..." >&2
    check_output "$prog"
    di=$(instructions "$prog")
    li=$(instructions "$loader" "$prog")
    ds=$(syscalls "$p.direct" "$prog")
    ls=$(syscalls "$p.loader" "$loader" "$prog")
    ratio=$(wall_ratio "$prog")
    xi=$((li - di)) xs=$((ls - ds))
    rows+=("| $p | $(fmt "$di") | $(fmt "$li") | $(fmt "$xi") | $ds | $ls | $xs | $ratio |")
    if [[ $p == hello-musl-static ]]; then
        ms_extra_instr=$xi ms_extra_sys=$xs
    fi
done

echo "| program | direct instr | loader instr | extra instr | direct syscalls | loader syscalls | extra syscalls | wall-time ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Wall-time ratio = loader / direct total time over $LAUNCHES alternating launches of each (lower is better)."
echo
echo "Targets for hello-musl-static:"
if (( ms_extra_instr < TARGET_INSTR )); then r=PASS; else r=MISS; fi
echo "- extra instructions < $(fmt $TARGET_INSTR): $(fmt "$ms_extra_instr") — $r"
if (( ms_extra_sys <= TARGET_SYSCALLS )); then r=PASS; else r=MISS; fi
echo "- extra syscalls <= $TARGET_SYSCALLS: $ms_extra_sys — $r"
