#!/bin/sh
# Run every libFuzzer harness of a -Dfuzz=true build for SECONDS each, on a
# scratch copy of its seed corpus (tests/fuzz/corpus/HARNESS), and report.
#   sh tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS [HARNESS...]
# Crash reproducers land in $FUZZ_OUT (default: a temporary directory) and
# the script exits 1 when any harness crashed, timed out or leaked.
# FUZZ_JOBS=N runs N harnesses at once (default 1); FUZZ_ARGS adds libFuzzer
# options (e.g. "-fork=1 -ignore_crashes=1" to go on after a crash).
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD_DIR SECONDS [HARNESS...]" >&2
    exit 2
fi
build=$(cd "$1" && pwd) || exit 2
secs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
# by default every harness the build has (ninja -C BUILD_DIR fuzz-harnesses)
harnesses=${*:-$(cd "$build/tests/fuzz" 2>/dev/null &&
                 for f in fuzz_*; do [ -f "$f" ] && [ -x "$f" ] && echo "$f"; done)}
if [ -z "$harnesses" ]; then
    echo "$0: no harness in $build/tests/fuzz (configure with -Dfuzz=true, then" \
         "ninja -C $build fuzz-harnesses)" >&2
    exit 2
fi
out=${FUZZ_OUT:-$(mktemp -d /tmp/fuzz-run.XXXXXX)}
jobs=${FUZZ_JOBS:-1}
mkdir -p "$out"

run_one() {
    h=$1
    exe=$build/tests/fuzz/$h
    if [ ! -x "$exe" ]; then
        echo "$h: no $exe (configure with -Dfuzz=true)" > "$out/$h.status"
        echo fail >> "$out/$h.status"
        return
    fi
    rm -rf "$out/$h.corpus" "$out/$h.crashes"
    mkdir -p "$out/$h.corpus" "$out/$h.crashes"
    [ -d "$here/corpus/$h" ] && cp "$here/corpus/$h"/* "$out/$h.corpus/" 2>/dev/null
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
    "$exe" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/$h.crashes/" ${FUZZ_ARGS:-} "$out/$h.corpus" > "$out/$h.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$h.log" | tail -n 1)
    last=$(grep -E '^#[0-9]+.*cov: ' "$out/$h.log" | tail -n 1)
    [ -n "$execs" ] || execs=$(echo "$last" | sed -n 's/^#\([0-9]*\).*/\1/p')
    cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\(\/[0-9a-zA-Z]*\)\{0,1\}\).*/\1/p')
    eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/$h.log" | tail -n 1)
    ncrash=$(ls "$out/$h.crashes" | wc -l)
    if [ "$rc" -eq 0 ] && [ "$ncrash" -eq 0 ]; then
        res=pass
    else
        res=fail
    fi
    printf '%-18s %s: %s execs (%s/s), cov %s, ft %s, corpus %s, %s artifact(s), %ss\n' \
        "$h" "$res" "${execs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$ncrash" "$secs" \
        > "$out/$h.status"
    if [ "$res" = fail ]; then
        grep -m 3 -E 'ERROR: |runtime error|SUMMARY' "$out/$h.log" | sed 's/^/    /' >> "$out/$h.status"
        ls "$out/$h.crashes" | head -n 3 | sed "s|^|    reproducer: $out/$h.crashes/|" >> "$out/$h.status"
    fi
    echo "$res" >> "$out/$h.status"
}

running=0
for h in $harnesses; do
    run_one "$h" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait

passed=0
failed=0
for h in $harnesses; do
    sed '$d' "$out/$h.status"
    if [ "$(tail -n 1 "$out/$h.status")" = pass ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
echo "logs and reproducers: $out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
