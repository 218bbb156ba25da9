#!/bin/sh
# Line coverage of the production sources by fuzz inputs: builds the replay
# harnesses with gcov instrumentation (meson -Db_coverage=true, in BUILD_DIR,
# set up if needed), replays each harness's inputs, and prints per harness
# the lines executed in each production source it compiles.
#   sh tests/fuzz/coverage.sh BUILD_DIR [CORPUS_ROOT]
# CORPUS_ROOT holds HARNESS.corpus directories, as run_fuzzers.sh leaves
# them in FUZZ_OUT; without it, the repository's seeds and reproducers.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$1 root=${2:-}
[ -d "$build" ] || meson setup "$build" "$src" -Db_coverage=true > /dev/null
build=$(cd "$build" && pwd)
ninja -C "$build" fuzz-replays > /dev/null
for exe in "$build"/tests/fuzz/fuzz_*-replay; do
    h=$(basename "$exe" -replay)
    objs=$exe.p
    find "$objs" -name '*.gcda' -delete
    if [ -n "$root" ]; then
        inputs=$root/$h.corpus
    else
        inputs="$here/corpus/$h $here/crashes/$h"
    fi
    # shellcheck disable=SC2086  # inputs is a list of directories
    "$exe" $inputs > /dev/null
    echo "$h ($(find -L $inputs -type f 2>/dev/null | wc -l) inputs):"
    # gcov prints "File 'PATH'" then "Lines executed:P% of N" for each source
    (cd "$objs" && gcov -n $(ls -A | grep '\.gcda$') 2> /dev/null) |
        awk -v src="${src#/}/" '/^File /{f=$2; gsub(/\x27/, "", f); i = index(f, src)
                                 f = i ? substr(f, i + length(src)) : f}
             /^Lines executed:/ && f ~ /^(loader|rtld|arch|libsys)\// {
                 split($2, p, ":"); printf "    %-28s %7s of %4d lines\n", f, p[2], $4; f = "" }'
done
