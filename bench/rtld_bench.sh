#!/bin/bash
# rtld benchmark: program start-up under musl's own dynamic linker
# (/lib/ld-musl-x86_64.so.1) compared with rtld, as a command (`rtld PROG`)
# and as PT_INTERP.  Not a test; run by hand, see bench/RTLD.md.
#
#   bench/rtld_bench.sh [--verbose] [--keep] [--profile] [BUILD_DIR]
#
# BUILD_DIR defaults to ./build.  Prints a Markdown table to stdout, progress
# to stderr.  --verbose: `strace -c` summaries and raw launcher output to
# stderr.  --keep: keep the temporary directory (programs, graph, traces).
# --profile: also write a callgrind profile of the library graph under
# `rtld PROG` to $BENCH_PROFILE (default /tmp/rtld.cg) and print the top of
# `callgrind_annotate` to stderr.  BENCH_LAUNCHES=N: wall-time launches per
# command (default 1000).  BENCH_JOBS=N: make -j for the graph (default 2).
# BENCH_LIBS / BENCH_FUNCS / BENCH_IMPORTS: graph shape (default 50/2000/3).
#
# Exits 0 when every measurement ran (whether or not the targets are met),
# non-zero when something failed to run.
set -euo pipefail

LAUNCHES=${BENCH_LAUNCHES:-1000}
JOBS=${BENCH_JOBS:-2}
NLIBS=${BENCH_LIBS:-50}
NFUNCS=${BENCH_FUNCS:-2000}
NIMPORTS=${BENCH_IMPORTS:-3}
PROFILE_OUT=${BENCH_PROFILE:-/tmp/rtld.cg}
MUSL_LDSO=/lib/ld-musl-x86_64.so.1

# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

keep=0 profile=0
bench_option() {
    case $1 in
        -k|--keep) keep=1 ;;
        -p|--profile) profile=1 ;;
        *) return 1 ;;
    esac
}
parse_args "$@"

tools=(valgrind strace gcc musl-gcc python3 make)
(( profile )) && tools+=(callgrind_annotate)
need_tools "${tools[@]}"
[[ -e $MUSL_LDSO ]] || die "$MUSL_LDSO not found (is musl installed?)"

use_build_dir "$build" rtld/rtld
rtld=$build/rtld/rtld
[[ -f $build/rtld/libc.so ]] || die_unbuilt "$build/rtld/libc.so not found (rtld needs it beside it)."

src=$(cd "$bench_dir/.." && pwd)
[[ -f $src/test-programs/hello.c ]] || die "$src/test-programs/hello.c not found"

make_tmp rtld-bench "$keep"

# --- build the two programs, each linked twice ------------------------------
note "building hello ..."
mkdir "$tmp/hello"
hflags=(-O2 -fPIE -pie -Wall -Wextra -Werror)    # as hello-musl-dynamic
musl-gcc "${hflags[@]}" -o "$tmp/hello/hello" "$src/test-programs/hello.c" \
    || die "could not build hello"
musl-gcc "${hflags[@]}" -o "$tmp/hello/hello-interp" "$src/test-programs/hello.c" \
    -Wl,--dynamic-linker="$rtld" || die "could not build hello-interp"

graph=$tmp/graph
note "generating the library graph ($NLIBS libraries x $NFUNCS functions) ..."
python3 "$bench_dir/gen_libgraph.py" --libs "$NLIBS" --funcs "$NFUNCS" \
    --imports "$NIMPORTS" "$graph" || die "gen_libgraph.py failed"
note "compiling the library graph (make -j$JOBS; takes a minute or so) ..."
start=$SECONDS
if ! make -C "$graph" -j"$JOBS" main main-interp RTLD="$rtld" >"$tmp/make.log" 2>&1; then
    tail -n 30 "$tmp/make.log" >&2
    die "building the library graph failed (log: $tmp/make.log; use --keep to keep it)"
fi
note "graph built in $((SECONDS - start)) s"

# Everything runs in the same fixed environment, with the graph on the path.
ENV+=(LD_LIBRARY_PATH="$graph")

# --- measurements -----------------------------------------------------------

# Sanity: the three forms must run and print the same thing (and, if given,
# the expected text).
check_output() {
    local prog=$1 interp=$2 expected=${3-} musl cmd pt
    musl=$("${ENV[@]}" "$prog" 2>&1) || die "$prog failed to run:
$musl"
    cmd=$("${ENV[@]}" "$rtld" "$prog" 2>&1) || die "rtld $prog failed to run:
$cmd"
    pt=$("${ENV[@]}" "$interp" 2>&1) || die "$interp (PT_INTERP rtld) failed to run:
$pt"
    [[ $cmd == "$musl" ]] || die "rtld $prog printed '$cmd', musl's linker printed '$musl'"
    [[ $pt == "$musl" ]] || die "$interp printed '$pt', musl's linker printed '$musl'"
    if [[ -n $expected && $musl != "$expected" ]]; then
        die "$prog printed '$musl', expected '$expected'"
    fi
}

# a / b to 2 decimals.
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# Signed difference: +3, -2, 0.
sdiff() { local d=$(( $1 - $2 )); (( d > 0 )) && echo "+$d" || echo "$d"; }
# Round a mean in microseconds.
us() { awk -v x="$1" 'BEGIN { printf "%.0f", x }'; }

rows=() verdicts=()
measure() {
    local tag=$1 name=$2 prog=$3 interp=$4 expected=${5-}
    note "measuring $name ..."
    check_output "$prog" "$interp" "$expected"
    local mi ci pi ms cs ps
    mi=$(instructions "$prog")
    ci=$(instructions "$rtld" "$prog")
    pi=$(instructions "$interp")
    ms=$(syscalls "$tag.musl" "$prog")
    cs=$(syscalls "$tag.rtld-cmd" "$rtld" "$prog")
    ps=$(syscalls "$tag.rtld-interp" "$interp")
    note "  wall time, musl vs rtld PROG ($LAUNCHES launches each) ..."
    launch "$name: musl vs rtld PROG" "a = musl, b = rtld" "$prog" -- "$rtld" "$prog"
    local cr=$w_ratio ca=$w_a cb=$w_b
    note "  wall time, musl vs PT_INTERP rtld ($LAUNCHES launches each) ..."
    launch "$name: musl vs PT_INTERP rtld" "a = musl, b = rtld" "$prog" -- "$interp"
    local pr=$w_ratio pa=$w_a pb=$w_b
    local ma
    ma=$(awk -v a="$ca" -v b="$pa" 'BEGIN { print (a + b) / 2 }')

    rows+=("| $name | musl \`ld-musl-x86_64.so.1\` | $(fmt "$mi") | 1.00 | $ms | — | 1.000 | $(us "$ma") µs |")
    rows+=("| $name | \`rtld PROG\` | $(fmt "$ci") | $(div "$ci" "$mi") | $cs | $(sdiff "$cs" "$ms") | $cr | $(us "$cb") µs (musl $(us "$ca")) |")
    rows+=("| $name | PT_INTERP rtld | $(fmt "$pi") | $(div "$pi" "$mi") | $ps | $(sdiff "$ps" "$ms") | $pr | $(us "$pb") µs (musl $(us "$pa")) |")

    # Target: rtld no slower than musl's linker, in both forms: wall-time ratio
    # at most 1.000 and no more user-space instructions.
    local ok=1 why=()
    for f in "rtld PROG:$cr:$ci" "PT_INTERP:$pr:$pi"; do
        IFS=: read -r form ratio ins <<<"$f"
        if awk -v r="$ratio" 'BEGIN { exit !(r > 1.0) }'; then
            ok=0; why+=("$form wall $ratio")
        fi
        if (( ins > mi )); then
            ok=0; why+=("$form instr ×$(div "$ins" "$mi")")
        fi
    done
    if (( ok )); then
        verdicts+=("- $name: PASS (wall-time ratios $cr / $pr, instructions ×$(div "$ci" "$mi") / ×$(div "$pi" "$mi"))")
    else
        local joined
        joined=$(printf '%s, ' "${why[@]}")
        verdicts+=("- $name: MISS (${joined%, })")
    fi
}

measure hello hello "$tmp/hello/hello" "$tmp/hello/hello-interp"
measure graph "graph ($NLIBS libs)" "$graph/main" "$graph/main-interp" "$(cat "$graph/expected")"

echo "| program | started by | instructions | × musl | syscalls | vs musl | wall-time ratio | mean per launch |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Wall-time ratio = rtld / musl total time over $LAUNCHES alternating launches of each, one launcher run per rtld form (lower is better; the musl row's mean is the average of its two runs)."
echo "graph = $NLIBS libraries × $NFUNCS exported functions, each importing $NIMPORTS functions from each of the others (bench/gen_libgraph.py)."
echo
echo "Target: rtld no slower than musl's linker (wall-time ratio <= 1.000 and instructions <= musl's, both forms):"
printf '%s\n' "${verdicts[@]}"

if (( profile )); then
    note "profiling rtld on the graph into $PROFILE_OUT ..."
    "${ENV[@]}" valgrind --tool=callgrind --callgrind-out-file="$PROFILE_OUT" \
        "$rtld" "$graph/main" >/dev/null 2>"$tmp/profile.log" \
        || { cat "$tmp/profile.log" >&2; die "valgrind --profile run failed"; }
    callgrind_annotate "$PROFILE_OUT" 2>/dev/null | head -n 40 >&2 || true
fi
