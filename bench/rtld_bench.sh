#!/bin/bash
# rtld benchmark: program start-up under musl's own dynamic linker
# (/lib/ld-musl-x86_64.so.1) compared with rtld, as a command (`rtld PROG`)
# and as PT_INTERP; the library graphs also under glibc's ld.so, bound at
# start-up (LD_BIND_NOW=1), built with gcc.  Not a test; run by hand, see
# bench/RTLD.md.
#
#   bench/rtld_bench.sh [--verbose] [--keep] [--profile] [BUILD_DIR]
#
# BUILD_DIR defaults to ./build, which must hold the test programs (the Lua
# interpreter and zlib come from there).  Prints Markdown tables to stdout,
# progress to stderr.  --verbose: `strace -c` summaries and raw launcher
# output to stderr.  --keep: keep the temporary directory (programs, graphs,
# traces).  --profile: also write a callgrind profile of the first graph
# under `rtld PROG` to $BENCH_PROFILE (default /tmp/rtld.cg) and print the
# top of `callgrind_annotate` to stderr.  BENCH_LAUNCHES=N: wall-time
# launches per command (default 1000; fewer for large graphs).
# BENCH_JOBS=N: make -j for the graphs (default 2).  BENCH_GRAPHS: the
# graphs, each LIBSxFUNCSxNEIGHBOURS (default "50x2000x49 10x200x9 50x200x9
# 200x200x9 1000x200x9": the all-pairs graph, then the scaling series).
#
# Exits 0 when every measurement ran (whether or not the targets are met),
# non-zero when something failed to run.
set -euo pipefail

LAUNCHES=${BENCH_LAUNCHES:-1000}
JOBS=${BENCH_JOBS:-2}
GRAPHS=${BENCH_GRAPHS:-50x2000x49 10x200x9 50x200x9 200x200x9 1000x200x9}
IMPORTS=3
PROFILE_OUT=${BENCH_PROFILE:-/tmp/rtld.cg}
MUSL_LDSO=/lib/ld-musl-x86_64.so.1
GLIBC_LDSO=/lib64/ld-linux-x86-64.so.2
# Targets (issue 11): small programs no slower than musl's linker; library
# graphs at most these fractions of musl's and glibc's wall time.
GRAPH_VS_MUSL=0.85
GRAPH_VS_GLIBC=0.75

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
[[ -e $GLIBC_LDSO ]] || die "$GLIBC_LDSO not found"

use_build_dir "$build" rtld/rtld
rtld=$build/rtld/rtld
lua_dir=$build/test-programs/lua
zlib_dir=$build/test-programs/rtld
for f in "$lua_dir/lua" "$lua_dir/lua-interp" "$lua_dir/tlsmod.so" \
         "$zlib_dir/zlib-example" "$zlib_dir/zlib-example-interp"; do
    [[ -e $f ]] || die_unbuilt "$f not found (the benchmark runs the test programs)."
done

src=$(cd "$bench_dir/.." && pwd)
[[ -f $src/test-programs/hello.c ]] || die "$src/test-programs/hello.c not found"

make_tmp rtld-bench "$keep"

# --- the programs --------------------------------------------------------
note "building hello ..."
mkdir "$tmp/hello"
hflags=(-O2 -fPIE -pie -Wall -Wextra -Werror)    # as hello-musl-dynamic
musl-gcc "${hflags[@]}" -o "$tmp/hello/hello" "$src/test-programs/hello.c" \
    || die "could not build hello"
musl-gcc "${hflags[@]}" -o "$tmp/hello/hello-interp" "$src/test-programs/hello.c" \
    -Wl,--dynamic-linker="$rtld" || die "could not build hello-interp"

# Each graph twice: with musl-gcc (main, main-interp) and with gcc (main:
# glibc's).  Both find their libraries through DT_RUNPATH $ORIGIN.
graph_dir() { echo "$tmp/graph-$1"; }
build_graph() {     # build_graph LIBSxFUNCSxNEIGHBOURS
    local spec=$1 n f d dir
    IFS=x read -r n f d <<<"$spec"
    dir=$(graph_dir "$spec")
    note "generating and compiling the graph $n libraries x $f functions, $d neighbours (make -j$JOBS) ..."
    local start=$SECONDS
    python3 "$bench_dir/gen_libgraph.py" --libs "$n" --funcs "$f" --neighbours "$d" \
        --imports "$IMPORTS" "$dir/musl" >/dev/null || die "gen_libgraph.py failed"
    python3 "$bench_dir/gen_libgraph.py" --libs "$n" --funcs "$f" --neighbours "$d" \
        --imports "$IMPORTS" --cc gcc "$dir/glibc" >/dev/null || die "gen_libgraph.py failed"
    if ! make -C "$dir/musl" -j"$JOBS" main main-interp RTLD="$rtld" >"$dir/make.log" 2>&1 ||
       ! make -C "$dir/glibc" -j"$JOBS" main >>"$dir/make.log" 2>&1; then
        tail -n 30 "$dir/make.log" >&2
        die "building the graph $spec failed (log: $dir/make.log; use --keep to keep it)"
    fi
    note "  built in $((SECONDS - start)) s"
}
for g in $GRAPHS; do
    [[ $g =~ ^[0-9]+x[0-9]+x[0-9]+$ ]] || die "bad graph '$g' in BENCH_GRAPHS (LIBSxFUNCSxNEIGHBOURS)"
    build_graph "$g"
done

# --- measurements -----------------------------------------------------------

# Sanity: the forms must run and print the same thing (and, if given, the
# expected text).  check_output EXPECTED CMD... -- CMD... [-- CMD...]
check_output() {
    local expected=$1 first='' out cmd=()
    shift
    for arg in "$@" --; do
        if [[ $arg != -- ]]; then cmd+=("$arg"); continue; fi
        out=$("${ENV[@]}" "${cmd[@]}" 2>&1) || die "${cmd[*]} failed to run:
$out"
        if [[ -z $first ]]; then
            first=$out
            [[ -z $expected || $out == "$expected" ]] || die "${cmd[*]} printed '$out', expected '$expected'"
        fi
        [[ $out == "$first" ]] || die "${cmd[*]} printed '$out', the first form printed '$first'"
        cmd=()
    done
}

# a / b to 2 and 3 decimals; a <= b (numbers).
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
div3() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
at_most() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
# Signed difference: +3, -2, 0 (numbers with one decimal allowed).
sdiff() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; printf (d > 0 ? "+%g" : "%g"), d }'; }
# Round to an integer.
us() { awk -v x="$1" 'BEGIN { printf "%.0f", x }'; }
# Wall-time launches for a program of N libraries: all for small ones,
# fewer for large graphs (at least 20).
launches_for() { awk -v l="$LAUNCHES" -v n="$1" 'BEGIN { k = int(l * 20 / n); if (k > l) k = l; if (k < 20) k = 20; print k }'; }

rows=() verdicts=() glibc_rows=()
declare -A instr_of     # "graph spec:form" -> instructions

# measure TAG NAME NLIBS EXPECTED PROG PROG-INTERP [ARGS...]: the three forms
measure() {
    local tag=$1 name=$2 nlibs=$3 expected=$4 prog=$5 interp=$6
    shift 6
    local args=("$@")
    note "measuring $name ..."
    check_output "$expected" "$prog" "${args[@]}" -- "$rtld" "$prog" "${args[@]}" \
        -- "$interp" "${args[@]}"
    local mi ci pi ms cs ps
    mi=$(instructions "$prog" "${args[@]}")
    ci=$(instructions "$rtld" "$prog" "${args[@]}")
    pi=$(instructions "$interp" "${args[@]}")
    ms=$(syscalls "$tag.musl" "$prog" "${args[@]}")
    cs=$(syscalls "$tag.rtld-cmd" "$rtld" "$prog" "${args[@]}")
    ps=$(syscalls "$tag.rtld-interp" "$interp" "${args[@]}")
    local count
    count=$(launches_for "$nlibs")
    local LAUNCHES=$count
    note "  wall time, musl vs rtld PROG ($LAUNCHES launches each) ..."
    launch "$name: musl vs rtld PROG" "a = musl, b = rtld" "$prog" "${args[@]}" -- \
        "$rtld" "$prog" "${args[@]}"
    local cr=$w_ratio cm=$w_mratio ca=$w_a cb=$w_b cfa=$w_fa cfb=$w_fb
    note "  wall time, musl vs PT_INTERP rtld ($LAUNCHES launches each) ..."
    launch "$name: musl vs PT_INTERP rtld" "a = musl, b = rtld" "$prog" "${args[@]}" -- \
        "$interp" "${args[@]}"
    local pr=$w_ratio pm=$w_mratio pa=$w_a pb=$w_b pfa=$w_fa pfb=$w_fb
    local ma mfa
    ma=$(awk -v a="$ca" -v b="$pa" 'BEGIN { print (a + b) / 2 }')
    mfa=$(awk -v a="$cfa" -v b="$pfa" 'BEGIN { printf "%.1f", (a + b) / 2 }')

    rows+=("| $name | musl \`ld-musl-x86_64.so.1\` | $(fmt "$mi") | 1.00 | $ms | — | $mfa | — | 1.000 | 1.000 | $(us "$ma") µs |")
    rows+=("| $name | \`rtld PROG\` | $(fmt "$ci") | $(div "$ci" "$mi") | $cs | $(sdiff "$cs" "$ms") | $cfb | $(sdiff "$cfb" "$cfa") | $cr | $cm | $(us "$cb") µs (musl $(us "$ca")) |")
    rows+=("| $name | PT_INTERP rtld | $(fmt "$pi") | $(div "$pi" "$mi") | $ps | $(sdiff "$ps" "$ms") | $pfb | $(sdiff "$pfb" "$pfa") | $pr | $pm | $(us "$pb") µs (musl $(us "$pa")) |")
    instr_of[$tag:musl]=$mi instr_of[$tag:rtld]=$pi

    # Targets: a small program no slower than musl's linker (wall time and
    # instructions, both forms); a library graph at most GRAPH_VS_MUSL of
    # musl's wall time in both forms.  The wall time judged is the median
    # pair, which other processes' bursts move least (bench/launch.c).
    local limit=1.000 ok=1 why=()
    (( nlibs > 1 )) && limit=$GRAPH_VS_MUSL
    for f in "rtld PROG:$cm:$ci" "PT_INTERP:$pm:$pi"; do
        IFS=: read -r form ratio ins <<<"$f"
        at_most "$ratio" "$limit" || { ok=0; why+=("$form wall $ratio > $limit"); }
        (( ins <= mi )) || { ok=0; why+=("$form instr ×$(div "$ins" "$mi")"); }
    done
    local verdict
    if (( ok )); then
        verdict="PASS (wall-time ratios $cm / $pm <= $limit, instructions ×$(div "$ci" "$mi") / ×$(div "$pi" "$mi"))"
    else
        verdict=$(printf '%s, ' "${why[@]}")
        verdict="MISS (${verdict%, })"
    fi
    verdicts+=("- $name vs musl: $verdict")
}

# glibc_compare TAG NAME NLIBS PROG-INTERP GLIBC-PROG: glibc's ld.so, every
# symbol bound at start-up, on the same graph built with gcc, against
# PT_INTERP rtld
glibc_compare() {
    local tag=$1 name=$2 nlibs=$3 interp=$4 gprog=$5
    note "measuring $name against glibc's ld.so (LD_BIND_NOW=1) ..."
    local ENV=("${ENV[@]}" LD_BIND_NOW=1)
    check_output "$(cat "$(dirname "$gprog")/expected")" "$gprog" -- "$interp"
    local gi gs
    gi=$(instructions "$gprog")
    gs=$(syscalls "$tag.glibc" "$gprog")
    local count
    count=$(launches_for "$nlibs")
    local LAUNCHES=$count
    note "  wall time, glibc vs PT_INTERP rtld ($LAUNCHES launches each) ..."
    launch "$name: glibc vs PT_INTERP rtld" "a = glibc, b = rtld" "$gprog" -- "$interp"
    local ri=${instr_of[$tag:rtld]}
    glibc_rows+=("| $name | $(fmt "$gi") | $(fmt "$ri") | $(div "$ri" "$gi") | $gs | $w_fa | $w_fb | $w_ratio | $w_mratio | $(us "$w_b") µs (glibc $(us "$w_a")) |")
    if at_most "$w_mratio" "$GRAPH_VS_GLIBC"; then
        verdicts+=("- $name vs glibc: PASS (wall-time ratio $w_mratio <= $GRAPH_VS_GLIBC)")
    else
        verdicts+=("- $name vs glibc: MISS (wall-time ratio $w_mratio > $GRAPH_VS_GLIBC)")
    fi
}

measure hello hello 1 "" "$tmp/hello/hello" "$tmp/hello/hello-interp"
lua_args=(-e "package.cpath = '$lua_dir/?.so'; print(require('tlsmod').bump(1))")
measure lua "Lua 5.4 + C module" 1 "tlsmod: constructor
101
tlsmod: destructor" "$lua_dir/lua" "$lua_dir/lua-interp" "${lua_args[@]}"
measure zlib "zlib example" 1 "" "$zlib_dir/zlib-example" "$zlib_dir/zlib-example-interp" \
    "$tmp/foo.gz"
for g in $GRAPHS; do
    IFS=x read -r n f d <<<"$g"
    dir=$(graph_dir "$g")
    name="graph $n × $f ($d needed)"
    measure "$g" "$name" "$n" "$(cat "$dir/musl/expected")" "$dir/musl/main" "$dir/musl/main-interp"
    glibc_compare "$g" "$name" "$n" "$dir/musl/main-interp" "$dir/glibc/main"
done

echo "| program | started by | instructions | × musl | syscalls | vs musl | minor faults | vs musl | wall ratio (totals) | wall ratio (median pair) | mean per launch |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Wall ratio = rtld / musl over alternating launches of each ($LAUNCHES for the programs, fewer for large graphs), one launcher run per rtld form (lower is better; the musl row shows the average of its two runs): of the total times, and the median over the launch pairs of rtld / musl time (the targets use the median).  Minor faults: mean per launch, fork to exit."
echo "graph N × F (D needed) = N libraries of F functions, each needing D others and importing $IMPORTS functions from each (bench/gen_libgraph.py)."
echo
echo "| graph | glibc instructions | rtld instructions | × glibc | glibc syscalls | glibc minor faults | rtld minor faults | wall ratio rtld / glibc (totals) | (median pair) | mean per launch |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${glibc_rows[@]}"
echo
echo "glibc = the same graph built with gcc, run by $GLIBC_LDSO with LD_BIND_NOW=1 (every symbol bound at start-up, as rtld and musl do); rtld = PT_INTERP form."

# Scaling: instructions per library per function over the graphs with the
# same neighbours and functions; rtld's must grow no faster than musl's.
series=() smallest='' largest=''
for g in $GRAPHS; do
    IFS=x read -r n f d <<<"$g"
    [[ $f == 200 && $d == 9 ]] || continue
    series+=("$g")
done
if (( ${#series[@]} >= 2 )); then
    echo
    echo "| libraries (200 functions, 9 needed) | musl instructions / (library · function) | rtld / (library · function) | rtld / musl |"
    echo "|---:|---:|---:|---:|"
    for g in "${series[@]}"; do
        IFS=x read -r n f d <<<"$g"
        m=${instr_of[$g:musl]} r=${instr_of[$g:rtld]}
        echo "| $n | $(awk -v i="$m" -v n="$n" -v f="$f" 'BEGIN { printf "%.1f", i / (n * f) }') | $(awk -v i="$r" -v n="$n" -v f="$f" 'BEGIN { printf "%.1f", i / (n * f) }') | $(div3 "$r" "$m") |"
        [[ -n $smallest ]] || smallest=$g
        largest=$g
    done
    first=$(div3 "${instr_of[$smallest:rtld]}" "${instr_of[$smallest:musl]}")
    last=$(div3 "${instr_of[$largest:rtld]}" "${instr_of[$largest:musl]}")
    if at_most "$last" "$first"; then
        verdicts+=("- scaling ${smallest%%x*} → ${largest%%x*} libraries: PASS (rtld / musl instructions $first → $last: rtld grows no faster)")
    else
        verdicts+=("- scaling ${smallest%%x*} → ${largest%%x*} libraries: MISS (rtld / musl instructions $first → $last)")
    fi
fi

echo
echo "Targets: hello, Lua and zlib no slower than musl's linker (wall-time ratio <= 1.000 and instructions <= musl's, both forms); graphs <= $GRAPH_VS_MUSL × musl's wall time (both forms, instructions <= musl's) and <= $GRAPH_VS_GLIBC × glibc's; rtld's instructions grow no faster than musl's with the number of libraries."
printf '%s\n' "${verdicts[@]}"

if (( profile )); then
    first_graph=${GRAPHS%% *}
    note "profiling rtld on the graph $first_graph into $PROFILE_OUT ..."
    "${ENV[@]}" valgrind --tool=callgrind --callgrind-out-file="$PROFILE_OUT" \
        "$rtld" "$(graph_dir "$first_graph")/musl/main" >/dev/null 2>"$tmp/profile.log" \
        || { cat "$tmp/profile.log" >&2; die "valgrind --profile run failed"; }
    callgrind_annotate "$PROFILE_OUT" 2>/dev/null | head -n 40 >&2 || true
fi
