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
TARGET_SYSCALLS=12  # extra syscalls: at most this (issue 10: exe, cmdline, no trace)
TARGET_FAULTS=4     # extra minor page faults per launch: at most this (issue 11)
TARGET_WALL=1.08    # wall-time ratio (median of the launch pairs): at most this (issue 11)

# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

parse_args "$@"
need_tools valgrind strace gcc
use_build_dir "$build" loader/loader
loader=$build/loader/loader
for p in "${PROGRAMS[@]}"; do
    [[ -x $build/test-programs/$p ]] || die_unbuilt "$build/test-programs/$p not found."
done

make_tmp loader-bench

# The loader's exit through the vDSO (loader/vdso_exit.c): valgrind gives
# programs no vDSO, so a loader run under callgrind skips it; its
# instructions are counted on a copy of this machine's vDSO
# (bench/vdso_exit_cost.c) and added to every loader run.
root=$bench_dir/..
gadget=$root/arch/$(uname -m)/exit_gadget.c
exit_instr=0 exit_where="no exit through the vDSO on this CPU"
if [[ -f $gadget ]]; then
    # the exit's code compiled as in the loader (freestanding, -O3 -flto,
    # libsys's string functions), the caller apart so that vdso_exit_find
    # stays a function
    gcc -O2 -I"$root/loader" -c -o "$tmp/vdso_exit_cost.o" "$bench_dir/vdso_exit_cost.c" &&
    gcc -O3 -flto -ffreestanding -I"$root/libsys/include" -I"$root/arch/$(uname -m)" \
        -I"$root/loader" -o "$tmp/vdso_exit_cost" "$tmp/vdso_exit_cost.o" \
        "$root/loader/vdso_exit.c" "$gadget" "$root/libsys/mem.c" \
        || die "cannot build bench/vdso_exit_cost.c"
    if "$tmp/vdso_exit_cost" --dump "$tmp/vdso" && exit_where=$("$tmp/vdso_exit_cost" "$tmp/vdso"); then
        CALLGRIND_ARGS=(--toggle-collect=vdso_exit_find)
        exit_instr=$(instructions "$tmp/vdso_exit_cost" "$tmp/vdso")
        CALLGRIND_ARGS=()
    else
        exit_where="no exit found in this machine's vDSO: the trampoline stays"
    fi
fi

# Sanity: the program must run and print the same thing both ways.
check_output() {
    local prog=$1 direct through
    direct=$("${ENV[@]}" "$prog") || die "$prog failed to run"
    through=$("${ENV[@]}" "$loader" "$prog") || die "loader $prog failed to run"
    [[ $direct == "$through" ]] \
        || die "loader $prog printed '$through', direct run printed '$direct'"
}

rows=()
ms_extra_instr='' ms_extra_sys='' ms_extra_faults='' ms_wall='' ms_total=''
# measure PROGRAM [LABEL]: one row of the table, in the environment ENV;
# with a LABEL, no instruction counts (see below)
measure() {
    local prog=$build/test-programs/$1 label=${2:-$1}
    local p=${label//[ ,]/_}        # (names its strace files)
    di=— li=— xi=—
    note "measuring $label ..."
    check_output "$prog"
    if (( $# == 1 )); then
        di=$(instructions "$prog")
        li=$(( $(instructions "$loader" "$prog") + exit_instr ))
        xi=$((li - di))
    fi
    ds=$(syscalls "$p.direct" "$prog")
    ls=$(syscalls "$p.loader" "$loader" "$prog")
    launch "$label" "a = direct, b = loader" "$prog" -- "$loader" "$prog"
    xs=$((ls - ds))
    xf=$(awk -v a="$w_fa" -v b="$w_fb" 'BEGIN { printf "%.1f", b - a }')
    rows+=("| $label | $(fmt "$di") | $(fmt "$li") | $(fmt "$xi") | $ds | $ls | $xs | $w_fa | $w_fb | $xf | $w_ratio | $w_mratio |")
}
for p in "${PROGRAMS[@]}"; do
    measure "$p"
    if [[ $p == hello-musl-static ]]; then
        ms_extra_instr=$xi ms_extra_sys=$xs ms_extra_faults=$xf ms_wall=$w_mratio ms_total=$w_ratio
    fi
done
# Run by root, the loader may replace /proc/self/exe; a user who may not
# takes a shorter way out, through the vDSO without a trampoline
# (loader/handover.c): the static musl hello again, everything run as user
# and group 65534, who needs to reach $tmp.  Not its instructions: under
# callgrind, which gives no vDSO, that way is not taken.
unprivileged=''
if (( EUID == 0 )) && command -v setpriv >/dev/null; then
    chmod 0777 "$tmp"
    ENV=(setpriv --reuid=65534 --regid=65534 --clear-groups "${ENV[@]}")
    measure hello-musl-static "hello-musl-static, unprivileged"
    unprivileged="- unprivileged (informational): $xs extra syscalls, $xf extra faults, wall $w_mratio (median pair)"
fi

echo "| program | direct instr | loader instr | extra instr | direct syscalls | loader syscalls | extra syscalls | direct faults | loader faults | extra faults | wall ratio (totals) | wall ratio (median pair) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Faults = minor page faults per launch (mean over the timed launches)."
echo "Loader instructions include $(fmt "$exit_instr") of the exit through the vDSO ($exit_where),"
echo "counted apart: callgrind's runs have no vDSO. The unprivileged row has no instruction counts:"
echo "without a vDSO the loader cannot take the way out it takes there, without a trampoline."
echo "Wall ratios over $LAUNCHES alternating launches of each (lower is better): loader / direct"
echo "total time, and the median over the launch pairs of loader / direct time."
echo
echo "Targets for hello-musl-static:"
if (( ms_extra_instr < TARGET_INSTR )); then r=PASS; else r=MISS; fi
echo "- extra instructions < $(fmt $TARGET_INSTR): $(fmt "$ms_extra_instr") — $r"
if (( ms_extra_sys <= TARGET_SYSCALLS )); then r=PASS; else r=MISS; fi
echo "- extra syscalls <= $TARGET_SYSCALLS: $ms_extra_sys — $r"
r=$(awk -v x="$ms_extra_faults" -v t=$TARGET_FAULTS 'BEGIN { print (x <= t ? "PASS" : "MISS") }')
echo "- extra minor page faults <= $TARGET_FAULTS: $ms_extra_faults — $r"
r=$(awk -v x="$ms_wall" -v t=$TARGET_WALL 'BEGIN { print (x <= t ? "PASS" : "MISS") }')
echo "- wall-time ratio <= $TARGET_WALL (median pair): $ms_wall — $r (totals: $ms_total)"
[[ -z $unprivileged ]] || echo "$unprivileged"
