#!/bin/bash
# Run-time loading benchmark: dlopen/dlclose throughput inside one process
# under musl's own dynamic linker, rtld and glibc's, measured in the same
# run.  Not a test; run by hand, see bench/DL.md.
#
#   bench/dl_bench.sh [--verbose] [--keep] [BUILD_DIR]
#
# BUILD_DIR defaults to ./build.  Prints a Markdown table to stdout, progress
# to stderr.  --verbose: each measured run's output to stderr.  --keep: keep
# the temporary directory.  BENCH_CYCLES=N: dlopen/dlclose cycles per process
# (default 10000); BENCH_THREADS=N: threads of the multi-threaded cycle
# (default 8); BENCH_LIBS=N: distinct libraries (default 100); BENCH_ROUNDS=N:
# processes of each kind per linker, alternating (default 5; 20 times as
# many for the distinct libraries, whose runs are short).
#
# Exits 0 when every measurement ran (whether or not the targets are met),
# non-zero when something failed to run.
set -euo pipefail

CYCLES=${BENCH_CYCLES:-10000}
THREADS=${BENCH_THREADS:-8}
NLIBS=${BENCH_LIBS:-100}
ROUNDS=${BENCH_ROUNDS:-5}

# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

keep=0
bench_option() {
    case $1 in
        -k|--keep) keep=1 ;;
        *) return 1 ;;
    esac
}
parse_args "$@"

need_tools valgrind strace gcc musl-gcc
[[ -e /lib/ld-musl-x86_64.so.1 ]] || die "/lib/ld-musl-x86_64.so.1 not found (is musl installed?)"
use_build_dir "$build" rtld/rtld
rtld=$build/rtld/rtld
[[ -f $build/rtld/libc.so ]] || die_unbuilt "$build/rtld/libc.so not found (rtld needs it beside it)."
make_tmp dl-bench "$keep"

# --- the program, three times, and the library, for each C library ----------
note "building ..."
cflags=(-O2 -Wall -Wextra -Werror)
musl-gcc "${cflags[@]}" -pthread -o "$tmp/bench-musl" "$bench_dir/dl_bench.c"
musl-gcc "${cflags[@]}" -pthread -o "$tmp/bench-rtld" "$bench_dir/dl_bench.c" \
    -Wl,--dynamic-linker="$rtld"
gcc "${cflags[@]}" -pthread -o "$tmp/bench-glibc" "$bench_dir/dl_bench.c" -ldl
for libc in musl glibc; do
    cc=musl-gcc
    [[ $libc == glibc ]] && cc=gcc
    mkdir "$tmp/$libc"
    $cc "${cflags[@]}" -fPIC -shared -o "$tmp/$libc/libbench.so" "$bench_dir/dl_bench_lib.c"
    $cc "${cflags[@]}" -DBENCH_TLS -fPIC -shared -o "$tmp/$libc/libbench_tls.so" \
        "$bench_dir/dl_bench_lib.c"
    # distinct files (each its own inode): copies of the library
    for i in $(seq 1 "$NLIBS"); do
        cp "$tmp/$libc/libbench.so" "$tmp/$libc/libdistinct$i.so"
    done
done
linkers=(musl rtld glibc)
lib_of() { [[ $1 == glibc ]] && echo glibc || echo musl; }     # rtld runs musl's build

# args_of WORKLOAD LINKER [SCALE]: dl_bench's arguments for WORKLOAD under
# LINKER, with the cycles (all threads together) or libraries divided by
# SCALE (1; 0 for none at all).
args_of() {
    local dir=$tmp/$(lib_of "$2") scale=${3:-1} n=0
    case $1 in
        cycle) (( scale )) && n=$((CYCLES / scale)); echo "cycle $n 1 $dir/libbench.so" ;;
        tls) (( scale )) && n=$((CYCLES / scale)); echo "cycle $n 1 $dir/libbench_tls.so" ;;
        threads) (( scale )) && n=$((CYCLES / THREADS / scale)); echo "cycle $n $THREADS $dir/libbench.so" ;;
        distinct) (( scale )) && n=$NLIBS
            echo "distinct $n $(for ((i = 1; i <= n; i++)); do printf '%s ' "$dir/libdistinct$i.so"; done)" ;;
    esac
}

# time_of WORKLOAD ROUNDS: total ns of the measured part per linker, in
# ns_musl, ns_rtld, ns_glibc; each round runs the three linkers in turn.
time_of() {
    local work=$1 rounds=$2 l out args
    declare -gA ns=([musl]=0 [rtld]=0 [glibc]=0)
    for ((r = 0; r < rounds; r++)); do
        for l in "${linkers[@]}"; do
            read -ra args <<<"$(args_of "$work" "$l")"
            out=$("${ENV[@]}" "$tmp/bench-$l" "${args[@]}") || die "$l: dl_bench ${args[*]} failed"
            (( verbose )) && echo "$work $l: $out" >&2
            [[ $out =~ ^ns\ ([0-9]+)$ ]] || die "$l: unexpected output: $out"
            ns[$l]=$(( ns[$l] + BASH_REMATCH[1] ))
        done
    done
}

# syscalls made by one measured run, per unit (a cycle, a library): the
# whole process's count with the workload minus without it (no cycles or
# libraries), divided.
per_unit_syscalls() {
    local work=$1 l=$2 units=$3 with without args
    read -ra args <<<"$(args_of "$work" "$l")"
    with=$(syscalls "$work.$l" "$tmp/bench-$l" "${args[@]}")
    read -ra args <<<"$(args_of "$work" "$l" 0)"
    without=$(syscalls "$work.$l.0" "$tmp/bench-$l" "${args[@]}")
    awk -v a="$with" -v b="$without" -v n="$units" 'BEGIN { printf "%.1f", (a - b) / n }'
}

div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

rows=() verdicts=()
measure() {
    local work=$1 name=$2 units=$3 rounds=$4 target=$5 l args
    note "measuring $name ..."
    declare -A instr sys
    # instructions inside the measured functions (each thread's), the
    # cycles a tenth as many (callgrind is slow), scaled back
    local fn=cycle_thread scale=10
    [[ $work == distinct ]] && fn=run_distinct scale=1
    CALLGRIND_ARGS=(--toggle-collect="$fn")
    for l in "${linkers[@]}"; do
        read -ra args <<<"$(args_of "$work" "$l" "$scale")"
        instr[$l]=$(( $(instructions "$tmp/bench-$l" "${args[@]}") * scale ))
        sys[$l]=$(per_unit_syscalls "$work" "$l" "$units")
    done
    CALLGRIND_ARGS=()
    time_of "$work" "$rounds"
    for l in "${linkers[@]}"; do
        rows+=("| $name | $l | $(fmt "${instr[$l]}") | $(div "${instr[$l]}" "${instr[musl]}") | ${sys[$l]} | $(awk -v t="${ns[$l]}" -v n="$units" -v r="$rounds" 'BEGIN { printf "%.1f", t / 1000 / n / r }') | $(div "${ns[$l]}" "${ns[musl]}") | $(div "${ns[$l]}" "${ns[glibc]}") |")
    done
    local ratio
    ratio=$(div "${ns[rtld]}" "${ns[$target]}")
    if awk -v r="$ratio" 'BEGIN { exit !(r <= 1.0) }'; then
        verdicts+=("- $name: PASS (rtld's time × $target: $ratio)")
    else
        verdicts+=("- $name: MISS (rtld's time × $target: $ratio)")
    fi
}

measure cycle "dlopen+dlsym+call+dlclose, 1 thread" "$CYCLES" "$ROUNDS" glibc
measure threads "the same, $THREADS threads at once" "$CYCLES" "$ROUNDS" glibc
measure tls "the same, 1 thread, the library with __thread data" "$CYCLES" "$ROUNDS" glibc
measure distinct "$NLIBS distinct libraries: dlopen+dlsym each, then dlclose all" "$NLIBS" \
    "$((ROUNDS * 20))" musl

echo "| workload | linker | instructions | × musl | syscalls per unit | µs per unit | time × musl | time × glibc |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Unit: one cycle, or one library.  Time: the measured part's wall time (clock_gettime in the process), summed over $ROUNDS processes per linker ($((ROUNDS * 20)) for the distinct libraries), the linkers taking turns.  Instructions: callgrind inside the measured functions, for all $NLIBS libraries or all $CYCLES cycles (measured over a tenth of them and scaled).  Syscalls: strace -f, the process with the workload minus without."
echo
echo "Targets: the cycle at most glibc's time, single- and multi-threaded; distinct libraries at most musl's time:"
printf '%s\n' "${verdicts[@]}"
