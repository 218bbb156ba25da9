# shellcheck shell=bash
# Shared by the benchmarks bench/run.sh and bench/rtld_bench.sh, which source
# it: their common options, checks and measurements.  Not run by itself.
#
# The sourcing script sets LAUNCHES (wall-time launches of each command) and
# may define bench_option, for the options it takes beyond --verbose and
# --help; the functions here set and use the globals build, verbose, tmp and
# ENV, and die with the script's name.

bench_name=${0##*/}
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "$bench_name: $*" >&2; exit 1; }
note() { echo "$bench_name: $*" >&2; }

# bench_option OPTION: handle a script's own OPTION; non-zero if unknown.
# The sourcing script replaces it if it has options of its own.
bench_option() { return 1; }

# parse_args ARGS...: -v/--verbose sets verbose=1; -h/--help prints the
# script's leading comment block; anything else starting with - goes to
# bench_option; the single argument is the build directory, left in $build
# (empty if not given).
parse_args() {
    verbose=0 build=
    local arg
    for arg in "$@"; do
        case $arg in
            -v|--verbose) verbose=1 ;;
            -h|--help) awk 'NR > 1 { if (!/^#/) exit; sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
            -*) bench_option "$arg" || { echo "$bench_name: unknown option $arg" >&2; exit 2; } ;;
            *) if [[ -n $build ]]; then echo "$bench_name: too many arguments" >&2; exit 2; fi
               build=$arg ;;
        esac
    done
}

# need_tools TOOL...: die unless every TOOL is on the PATH.
need_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "$tool is not installed"
    done
}

# die_unbuilt MESSAGE [COMMAND]: die with MESSAGE and how to build the
# project, COMMAND (default: ninja -C $build).
die_unbuilt() {
    die "$1
Build the project first, e.g.:  ${2:-ninja -C $build}"
}

# use_build_dir DIR PROGRAM: make $build the absolute path of DIR (default
# ./build), which must exist and hold the executable PROGRAM (a path inside
# it); the benchmarks do not build the project.
use_build_dir() {
    build=${1:-build}
    [[ -d $build ]] || die_unbuilt "build directory '$build' does not exist." \
        "meson setup $build && ninja -C $build"
    build=$(cd "$build" && pwd)
    [[ -x $build/$2 ]] || die_unbuilt "$build/$2 not found." \
        "meson setup $build && ninja -C $build"
}

# make_tmp PREFIX [KEEP]: a new temporary directory /tmp/PREFIX.XXXXXX in
# $tmp, removed on exit unless KEEP is 1, and the launcher (bench/launch.c)
# compiled into it.
make_tmp() {
    tmp=$(mktemp -d "/tmp/$1.XXXXXX")
    if (( ${2:-0} )); then
        trap 'note "kept $tmp"' EXIT
    else
        trap 'rm -rf "$tmp"' EXIT
    fi
    gcc -O2 -Wall -Wextra -Werror -o "$tmp/launch" "$bench_dir/launch.c" \
        || die "could not compile $bench_dir/launch.c"
}

# Everything runs in the same fixed environment (a script may add to it).
ENV=(env -i PATH=/usr/bin:/bin HOME=/root LANG=C)

# instructions CMD...: user-space instructions executed (callgrind's
# "Collected" line); CALLGRIND_ARGS (an array) may add options, such as
# --toggle-collect=FUNCTION to count only inside FUNCTION.
CALLGRIND_ARGS=()
instructions() {
    local out n
    out=$("${ENV[@]}" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
          "${CALLGRIND_ARGS[@]}" "$@" 2>&1 >/dev/null) || die "valgrind $* failed:
$out"
    n=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' <<<"$out")
    [[ $n =~ ^[0-9]+$ ]] || die "no 'Collected' line from valgrind $*:
$out"
    echo "$n"
}

# syscalls NAME CMD...: system calls made, counting the initial execve and
# the final exit_group (so they cancel out in a difference).  Each line of
# `strace -f -o FILE` ($tmp/strace.NAME) is one syscall, except `+++ exited`,
# `--- SIG...` and the `<... resumed>` half of a split syscall.  With
# --verbose, the `strace -c` summary goes to stderr.
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

# launch LABEL LEGEND CMD_A... -- CMD_B...: wall time of $LAUNCHES
# alternating launches of each command (bench/launch.c).  Sets the globals
# w_ratio (B / A total time), w_a and w_b (mean microseconds per launch);
# with --verbose, the launcher's output goes to stderr under LABEL, LEGEND
# naming the two commands (as "a = ..., b = ...").  Also sets w_fa and w_fb,
# the mean minor page faults per launch of A and B, and w_mratio, the median
# over the launch pairs of B's time / A's time.
launch() {
    local label=$1 legend=$2; shift 2
    local out
    out=$("${ENV[@]}" "$tmp/launch" "$LAUNCHES" "$@") \
        || die "launcher failed for $label"
    if (( verbose )); then
        echo "### launch $LAUNCHES $label ($legend: N, total s, mean us, mean minor faults)" >&2
        echo "$out" >&2
        echo >&2
    fi
    w_ratio=$(sed -n 's/^ratio //p' <<<"$out")
    w_a=$(awk '$1 == "a" {print $4}' <<<"$out")
    w_b=$(awk '$1 == "b" {print $4}' <<<"$out")
    w_fa=$(awk '$1 == "a" {print $5}' <<<"$out")
    w_fb=$(awk '$1 == "b" {print $5}' <<<"$out")
    w_mratio=$(sed -n 's/^median-ratio //p' <<<"$out")
    [[ -n $w_ratio && -n $w_a && -n $w_b && -n $w_fa && -n $w_fb && -n $w_mratio ]] \
        || die "could not parse launcher output:
$out"
}

# Thousands separators, independent of the locale: 114799 -> 114,799.
fmt() { sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta' <<<"$1"; }
