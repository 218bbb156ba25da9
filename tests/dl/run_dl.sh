#!/bin/sh
# Run-time loading under rtld (dlopen, dlsym, dlclose, dladdr, dlerror,
# TLS of plugins, LD_PRELOAD with RTLD_NEXT), natively or under a wrapper:
#   run_dl.sh RTLD PROGRAMS_DIR ARCH_JSON [WRAPPER]
# (ARCH_JSON: arch/CPU/test_arch.json, the facts about the CPU, tests/cpu.py)
set -u
rtld=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") dir=$2 arch_json=$(realpath "$3") wrap=${4:-}
fact() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$arch_json" "$1"; }
cpu=$(fact cpu) musl_interp=$(fact musl_interp) glibc_libc=$(fact glibc_libc_path)
cd "$dir" || exit 1
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
same() {    # same DESCRIPTION: compare "$want" with "$got"
    if [ "$want" = "$got" ]; then
        pass=$((pass + 1)); echo "PASS $1"
    else
        fail=$((fail + 1)); echo "FAIL $1"
        printf '%s\n' "  want:" "$want" "  got:" "$got"
    fi
}
run() { $wrap "$@" 2>&1; echo "status $?"; }
# like_musl DESCRIPTION PROG [ARGS...]: PROG under musl's linker is the
# reference for PROG-interp (rtld as PT_INTERP) and for rtld PROG
like_musl() {
    local what=$1 prog=$2
    shift 2
    want=$(run "./$prog" "$@")
    got=$(run "./$prog-interp" "$@"); same "$what, rtld as PT_INTERP = musl"
    got=$(run "$rtld" "./$prog" "$@"); same "$what, rtld as command = musl"
}
# LD_PRELOAD for the program: under qemu-user it must reach the guest (-E),
# not qemu itself
run_preloaded() {
    if [ -n "$wrap" ]; then
        $wrap -E LD_PRELOAD=./libcount_malloc.so "$@" 2>&1
    else
        LD_PRELOAD=./libcount_malloc.so "$@" 2>&1
    fi
    echo "status $?"
}

# musl's own linker is the reference where it implements the same thing
export LD_LIBRARY_PATH=.       # for dlopen by name
like_musl "plugin host" plugin_host
unset LD_LIBRARY_PATH

# the global scope's order: an object joins it when it becomes global
for how in load promote; do
    want=$(run ./global_order $how)
    case $want in *"RTLD_DEFAULT) finds the scope_who of a"*"binds to the scope_who of a"*) ;;
        *) fail=$((fail + 1)); echo "FAIL reference run of global_order $how did not find a's: $want";; esac
    got=$(run ./global_order-interp $how); same "global scope order ($how), rtld as PT_INTERP = musl"
    got=$(run "$rtld" ./global_order $how); same "global scope order ($how), rtld as command = musl"
done

want=$(run_preloaded ./malloc_user)
case $want in *"at least 100 calls: yes"*) ;; *) echo "reference run did not count: $want";; esac
got=$(run_preloaded ./malloc_user-interp); same "LD_PRELOAD + RTLD_NEXT malloc counter"
got=$(run "$rtld" --preload ./libcount_malloc.so ./malloc_user); same "--preload + RTLD_NEXT malloc counter"

# musl never unloads: what dlclose promises is stated here; unload.c
# unloads 200 copies of a library, which must not all stay kept
for i in $(seq 0 199); do cp libplugin_bigtls.so "$tmp/libcopy$(printf %03d "$i").so"; done
want='plugin_dep: constructor
plugin_tls: constructor
round 0: bump 101, objects 4, plugin listed yes, dependency listed yes
plugin_tls: destructor
after dlclose: objects 2, subs 2, plugin listed no, dependency listed no, both kept mapped yes
plugin_dep: constructor
plugin_tls: constructor
round 1: bump 101, objects 4, plugin listed yes, dependency listed yes
plugin_tls: destructor
after dlclose: objects 2, subs 4, plugin listed no, dependency listed no, both kept mapped yes
plugin_dep: constructor
plugin_tls: constructor
plugin_tls: destructor
dlclose of a closed handle: -1 (dlerror set)
2000 dlopen/dlclose cycles: data grew by less than 256 KiB: yes
a library with 8 MiB of data: unmapped at its dlclose: yes
200 more libraries unloaded: the plugin and its dependency unmapped yes, at most 128 kept yes
status 0'
got=$(run ./unload-interp "$tmp")
if [ -n "$wrap" ]; then
    # under qemu-user VmData is qemu's memory, and its translation cache grows
    # with every newly mapped copy of the plugin: the memory line is native-only
    want=$(printf '%s\n' "$want" | sed '/^2000 dlopen/d')
    got=$(printf '%s\n' "$got" | sed '/^2000 dlopen/d')
fi
same "dlclose: destructors, forgotten, kept for a fresh reload, given back beyond 128 or 4 MiB"

# An unloaded plugin's TLS module id is given again, to its next copy, whose
# block another thread gets fresh; over 1000 reloads the id stays the same
# (rtld only: musl's linker never unloads); dl_iterate_phdr reports a
# thread's block once it has one (glibc's rule; musl's makes one); through
# __tls_get_addr and, on
# CPUs that have them, through TLS descriptors (their resolver's own check)
want="second load: the first load's module id yes; the other thread's block fresh in the first load yes, in the second yes
dlpi_tls_data: NULL before the thread's first use in the first load yes, in the second yes; its block after, in the first yes, in the second yes; NULL in the main thread yes
1000 more reloads: the same module id yes, a fresh block each time yes
status 0"
plugins=./libplugin_bigtls.so
[ "$(fact tlsdesc)" = True ] && plugins="$plugins ./libplugin_bigtls_desc.so"
for p in $plugins; do
    got=$(run ./tls_reuse-interp "$p"); same "$p: an unloaded module's TLS id reused, blocks fresh, rtld as PT_INTERP"
    got=$(run "$rtld" ./tls_reuse "$p"); same "$p: an unloaded module's TLS id reused, blocks fresh, rtld as command"
done

# A kept library is taken back only while its file is unchanged: rewritten
# in place or renamed over, the new file's code runs, and the old file's
# copies are unmapped (rtld only: musl's linker never unloads)
want='first: one
unchanged, again: one
rewritten in place: pad
renamed over it: one
the replaced file still mapped: no
status 0'
cp libsoname_one.so "$tmp/libkept.so"
got=$(run ./kept_changed-interp "$tmp/libkept.so" ./libsoname_one.so ./libsoname_pad.so)
same "a kept library's changed file is loaded afresh, rtld as PT_INTERP"
cp libsoname_one.so "$tmp/libkept.so"
got=$(run "$rtld" ./kept_changed "$tmp/libkept.so" ./libsoname_one.so ./libsoname_pad.so)
same "a kept library's changed file is loaded afresh, rtld as command"

# A kept library taken back from another directory (a hard link to the
# same file) finds its dependencies from there, as a fresh load would: its
# $ORIGIN is not the one it had before (rtld only, as above)
want='first: one
the same file from another directory: two
status 0'
mkdir "$tmp/one" "$tmp/two"
cp libkept_origin_lib.so "$tmp/one/"
ln "$tmp/one/libkept_origin_lib.so" "$tmp/two/libkept_origin_lib.so"
cp libsoname_one.so "$tmp/one/libsoname_x.so"
cp libsoname_two.so "$tmp/two/libsoname_x.so"
got=$(run ./kept_origin-interp "$tmp/one/libkept_origin_lib.so" "$tmp/two/libkept_origin_lib.so")
same "a kept library taken back from another directory: \$ORIGIN there, rtld as PT_INTERP"
got=$(run "$rtld" ./kept_origin "$tmp/one/libkept_origin_lib.so" "$tmp/two/libkept_origin_lib.so")
same "a kept library taken back from another directory: \$ORIGIN there, rtld as command"

# Re-entrant linking, compared with musl's linker: constructors that call
# dlopen run once (at start-up and inside a dlopen); constructors run
# without rtld's lock (one waits for a thread that uses the linker), once
# each, dependencies first, when four threads dlopen one library; fork
# while another thread is in a constructor or in dl_iterate_phdr leaves
# the child a working dlopen
for prog in ctor_reenter ctor_thread fork_dlopen; do
    like_musl "$prog" "$prog"
done

# exit() runs the destructor of a library still open, which has its last
# handle closed meanwhile, by itself or by another thread: its code stays
# mapped (glibc's rule; musl never unloads), though more than rtld keeps
# after a dlclose.  dlsym of a TLS variable while another thread unloads
# its library finds NULL or the thread's copy, never an unloaded module's;
# a dl_iterate_phdr callback reads an object another thread unloads, and a
# walk left by longjmp out of its callback holds nothing once the thread
# walks again; the
# destructor of a key made after a thread first used a plugin's TLS (after
# libc.so's key that frees it) still finds the thread's value.
for how in self thread; do
    like_musl "a library closed while exit runs its destructor ($how)" exit_close $how
done
like_musl "a later key's destructor finds a plugin's TLS" tls_key_order
like_musl "a walk left by longjmp holds nothing after the next" walk_abandoned
like_musl "dl_iterate_phdr reading objects another thread unloads" walk_unload
like_musl "dlsym of TLS while another thread unloads it" dlsym_race

# Any name or path of musl's C library (or glibc's) gives the program's
# own libc.so, as under musl's linker (never a second, uninitialised one)
cp "$musl_interp" "$tmp/libcopy.so"
set -- "$musl_interp" "/usr/lib/$cpu-linux-musl/libc.so" "$tmp/libcopy.so" \
    "libc.musl-$cpu.so.1" libm.so libpthread.so.0 "$glibc_libc"
like_musl "musl's libc by other names and paths" libc_alias "$@"

# Exit handlers (atexit, __cxa_atexit) of a dlclose'd plugin run at its
# unload, after its destructors (glibc's rule: musl never unloads, and exit
# would call into the unmapped plugin); the others keep their order
want='plugin: constructor
keep: constructor
main: dlclose of the plugin
plugin: destructor
plugin: __cxa_atexit handler (static object)
plugin: atexit handler
main: after dlclose the plugin is listed: no
main: last atexit handler
keep: __cxa_atexit handler (static object)
keep: atexit handler
main: first atexit handler
keep: destructor
status 0'
got=$(run ./atexit_unload-interp); same "exit handlers of an unloaded plugin run at its dlclose"

# A destructor that calls dlclose: the library it closes goes at once, one
# that the object being unloaded needs goes after it; each destroyed once
round='outer: destructor, run 1
inner: destructor, run 1
outer: dlclose of inner: 0
outer: dlclose of shared: 0, shared_value() = 42
shared: destructor, run 1
main: dlclose of outer: 0'
want="$round
main: listed: outer no, inner no, shared no; objects unloaded so far: 3
$round
main: listed: outer no, inner no, shared no; objects unloaded so far: 6
status 0"
got=$(run ./nested_close-interp); same "dlclose from destructors: each object unloaded once"

# A plugin's __thread data leaves with each thread: no growth over 300
# threads, each with a zeroed block (musl preallocates; rtld frees at exit)
# (under qemu-user the memory lines are qemu's, as above: native-only)
no_memory() { if [ -n "$wrap" ]; then sed '/data grew/d; /^  (by /d'; else cat; fi; }
want=$(run ./thread_exit | no_memory)
got=$(run ./thread_exit-interp | no_memory)
same "dlopen'ed TLS freed at thread exit, rtld as PT_INTERP = musl"
got=$(run "$rtld" ./thread_exit | no_memory)
same "dlopen'ed TLS freed at thread exit, rtld as command = musl"

# The same plugin with TLS descriptors (x86_64: -mtls-dialect=gnu2):
# threads started before the dlopen, each with its own copy, made on first
# use and found again (on CPUs with descriptors: test_arch.json tlsdesc)
if [ "$(fact tlsdesc)" = True ]; then
    like_musl "dlopen'ed TLS through descriptors" tls_desc
fi

# libc.so is rtld's own object: under every name, and by a path to the
# file libc.so, dlopen gives the C library the program runs on
want='libc.so already loaded: yes
musl'"'"'s linker name is the same object: yes
a path to libc.so is the same object: yes
dlsym finds the program'"'"'s printf: yes
dladdr places printf in: rtld
status 0'
libc_so=$(dirname "$rtld")/libc.so
got=$(run ./dlopen_libc-interp "$libc_so" "ld-musl-$cpu.so.1")
same "dlopen of libc.so by its names and path, rtld as PT_INTERP"
got=$(run "$rtld" ./dlopen_libc "$libc_so" "ld-musl-$cpu.so.1")
same "dlopen of libc.so by its names and path, rtld as command"

# Two libraries under one soname, loaded by path: the soname names the
# first in load order, then, once that one is unloaded, the other
want='loaded: one, two
the soname names: one
with the first unloaded: two
status 0'
got=$(run ./same_soname-interp ./libsoname_one.so ./libsoname_two.so)
same "one soname, two libraries: the first loaded, then the other, rtld as PT_INTERP"
got=$(run "$rtld" ./same_soname ./libsoname_one.so ./libsoname_two.so)
same "one soname, two libraries: the first loaded, then the other, rtld as command"

# A full map count (vm.max_map_count): every failing dlopen leaves the
# process as it was, and the one that succeeds has its RELRO read-only
# (map_limit.c checks both).  Natively only: under qemu-user the full map
# count is qemu's own, and qemu itself crashes on it.
if [ -z "$wrap" ]; then
    for prog in ./map_limit-interp "$rtld ./map_limit"; do
        got=$(run $prog)
        n=$(printf '%s\n' "$got" | sed -n 's/^\([0-9]*\) failed attempts, then a working plugin$/\1/p')
        want="at least 5 failed attempts, then a working plugin; status 0"
        case $got in
            *"status 0") [ "${n:-0}" -ge 5 ] && got=$want ;;
        esac
        same "dlopen under a full map count: $prog"
    done
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
