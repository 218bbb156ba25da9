#!/usr/bin/env python3
"""Issue 10: a program cannot tell whether the kernel or the loader started
it.  Each case runs programs from test-programs/identity directly and
through the loader and checks one promise; a case that cannot be checked
under the wrapper (qemu-user emulates /proc/self/exe, prctl(PR_SET_MM) and
exec of /proc/self/exe itself) says why and is skipped there.

    run_identity.py --loader PATH --programs DIR [--wrap qemu-x86_64] [-k TEXT]

Prints PASS / FAIL / SKIP per case and `N passed, M failed, K skipped`;
exits 1 if any failed, 77 (meson's skip) if none ran.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import mdwe  # noqa: E402
from compare_runs import differences, execute, parse_args  # noqa: E402

ENV = {"PATH": "/usr/bin:/bin", "LANG": "C"}
NOBODY = 65534
VARIANTS = ["musl-static", "musl-static-pie", "musl-dynamic", "musl-nopie",
            "glibc-static", "glibc-static-pie", "glibc-dynamic", "glibc-nopie"]


class Ctx:
    def __init__(self, loader, programs, wrap, tmp, arch):
        self.loader, self.programs, self.wrap, self.tmp, self.arch = loader, programs, wrap, tmp, arch

    def prog(self, name, variant):
        return os.path.join(self.programs, "%s-%s" % (name, variant))

    def direct(self, argv, **kw):
        return execute(self.wrap + argv, ENV, self.tmp, **kw)

    def through(self, argv, **kw):
        return execute(self.wrap + [self.loader] + argv, ENV, self.tmp, **kw)


def as_nobody():
    """Keyword arguments for execute(): run as an unprivileged user."""
    return dict(user=NOBODY, group=NOBODY, extra_groups=[])


# ------------------------------------------------------------------ point 5

def marker_script(ctx):
    """./f: an executable that leaves a marker when run, which it must not."""
    f = os.path.join(ctx.tmp, "f")
    marker = os.path.join(ctx.tmp, "f-ran")
    with open(f, "w") as fh:
        fh.write("#!/bin/sh\ntouch %s\necho f was run\n" % marker)
    os.chmod(f, 0o755)
    if os.path.exists(marker):
        os.unlink(marker)
    return marker


def reexec_unprivileged(ctx, variant):
    """Unprivileged, /proc/self/exe keeps naming the loader: the re-executed
    loader refuses (one line, 126) and never runs ./f."""
    if os.geteuid() != 0:
        return None, "needs root to switch to an unprivileged user"
    marker = marker_script(ctx)
    status, out, err = ctx.through([ctx.prog("reexec", variant)], **as_nobody())
    want_err = ('loader: started as /proc/self/exe with argv[0] "tr": cannot tell which '
                'program to run (the link names the loader, not the program that '
                're-executed itself)\n').encode()
    problems = differences((0, b"parent: child exited with status 126\n", want_err),
                           (status, out, err), names=("expected", "loader"))
    if os.path.exists(marker):
        problems.append("./f was executed")
    return problems, None


# ------------------------------------------------------------------ points 1-4

def view(result):
    """self_view's output as {key: [values]} plus its exit status."""
    status, out, err = result
    d = {}
    for line in out.decode(errors="replace").splitlines():
        k, _, v = line.partition(" ")
        d.setdefault(k, []).append(v)
    return status, d, err


def compare_view(ctx, argv, keys, setarch=False, unprivileged=False, loader_opts=()):
    """Run self_view ARGS directly and through the loader; the given keys
    must print the same."""
    kw = as_nobody() if unprivileged else {}
    pre = ["setarch", "-R"] if setarch else []
    ws, want, _ = view(execute(pre + argv, ENV, ctx.tmp, **kw))
    gs, got, gerr = view(execute(pre + [ctx.loader] + list(loader_opts) + argv, ENV, ctx.tmp,
                                 **kw))
    problems = []
    if (ws, gs) != (0, 0):
        problems.append("status: direct %r, loader %r %r" % (ws, gs, gerr[:300]))
    for k in keys:
        if want.get(k) != got.get(k):
            problems.append("%s: direct %r, loader %r" % (k, want.get(k), got.get(k)))
    return problems, got


def exe_link(ctx, v, unprivileged=False):
    """1: /proc/self/exe names the program (where the kernel lets the loader
    replace it: here as root); unprivileged it names the loader and the
    program still runs, silently."""
    prog = ctx.prog("self_view", v)
    problems, got = compare_view(ctx, [prog], [] if unprivileged else ["exe"],
                                 unprivileged=unprivileged)
    if unprivileged and got.get("exe") != [ctx.loader]:
        problems.append("exe: %r, expected the loader (no privilege to replace it)" %
                        got.get("exe"))
    return problems, None


def has_vdso():
    """Whether processes here get a vDSO (AT_SYSINFO_EHDR, 33, in our own
    auxv; a kernel booted with vdso=0 gives none)."""
    data = open("/proc/self/auxv", "rb").read()
    return any(int.from_bytes(data[i:i + 8], "little") == 33 for i in range(0, len(data), 16))


def no_trace(ctx, v, unprivileged=False, opts=(), mdwe_kind=None):
    """2: no page of the loader stays mapped: the mappings are the direct
    run's.  Where the loader cannot leave through the vDSO (a CPU without
    ARCH_VDSO_EXIT_FUNCTION, no vDSO), they are the direct run's plus one
    anonymous read-only executable one, the hand-over trampoline (README
    "Known differences").  With mdwe_kind (tests/mdwe.py: "prctl" or "seccomp"),
    both runs under memory-deny-write-execute, which refuses the trampoline
    (and an mprotect that adds PROT_EXEC): the program still runs, and the
    loader still goes."""
    from collections import Counter
    prog = ctx.prog("self_view", v)
    kw = as_nobody() if unprivileged else {}
    pre = mdwe.usable_launcher(mdwe_kind, ctx.arch) if mdwe_kind else []
    if mdwe_kind and not pre:
        return None, "this kernel cannot set up memory-deny-write-execute by " + mdwe_kind
    _, want, _ = view(execute(pre + [prog], ENV, ctx.tmp, **kw))
    status, got, err = view(execute(pre + [ctx.loader] + list(opts) + [prog], ENV, ctx.tmp,
                                    **kw))
    problems = [] if status == 0 else ["status %r %r" % (status, err[:300])]
    loader_name = "lib:" + os.path.basename(ctx.loader)
    if unprivileged or mdwe_kind:   # the link names the loader: the program is "lib:NAME"
        prog_name = "lib:" + os.path.basename(prog)
        got["map"] = [m.replace(prog_name, "prog") if m.endswith(prog_name) else
                      m[:-4] + loader_name if m.endswith(" prog") else m
                      for m in got.get("map", [])]
    problems += ["a loader page stays mapped: " + m for m in got.get("map", [])
                 if m.endswith(loader_name)]
    extra = Counter(got.get("map", [])) - Counter(want.get("map", []))
    missing = Counter(want.get("map", [])) - Counter(got.get("map", []))
    expected = Counter() if ctx.arch.VDSO_EXIT and has_vdso() else Counter({"r-xp anon": 1})
    if extra != expected or missing:
        problems.append("mappings differ: loader has %s more, %s fewer" % (
            dict(extra), dict(missing)))
    return problems, None


def proc_views(ctx, v, unprivileged=False, opts=(), args=("one", "two words", "")):
    """3: /proc/self/cmdline, environ and auxv show the program's, and so
    does /proc/self/comm (what ps, top and pgrep show): the first 15 bytes
    of the last component of the path execve was given."""
    prog = ctx.prog("self_view", v)
    keys = ["cmdline", "environ", "auxv", "comm"]
    if opts:        # --argv0 NAME: the direct run's argv[0] is NAME
        ws, want, _ = view(execute(["renamed"] + list(args), ENV, ctx.tmp, executable=prog))
        gs, got, gerr = view(ctx.through(list(opts) + [prog] + list(args)))
        problems = ["%s: direct %r, loader %r" % (k, want.get(k), got.get(k))
                    for k in keys if want.get(k) != got.get(k)]
        if (ws, gs) != (0, 0):
            problems.append("status %r %r %r" % (ws, gs, gerr[:200]))
        return problems, None
    problems, got = compare_view(ctx, [prog] + list(args), keys, unprivileged=unprivileged)
    for k in ("environ", "auxv"):
        if got.get(k) != ["same"]:
            problems.append("%s: /proc/self/%s differs from what the program got" % (k, k))
    return problems, None


def script_comm(ctx):
    """3: a #! script's process is named after the script, as execve names
    it (15 bytes of the script's file name), not after its interpreter."""
    script = os.path.join(ctx.tmp, "a-script-with-a-long-name")
    with open(script, "w") as f:
        f.write("#!/bin/sh\ncat /proc/$$/comm\n")
    os.chmod(script, 0o755)
    want, got = ctx.direct([script]), ctx.through([script])
    problems = differences(want, got, names=("direct", "loader"))
    if want != (0, b"a-script-with-a\n", b""):
        problems.append("the direct run printed %r" % (want,))
    return problems, None


def placement_fixed(ctx, v):
    """4: with randomisation off (setarch -R) the program, its interpreter
    (AT_BASE) and its heap are where the kernel puts them: the same
    addresses.  A static PIE and an interpreter go at the top of the mmap
    area, which the loader keeps for them (its reserve, handover-page.ld); a
    static PIE's heap is not after its .bss, so its gap is not compared."""
    prog = ctx.prog("self_view", v)
    keys = ["brk", "phdr", "interp"] + ([] if v.endswith("static-pie") else ["brk-gap"])
    return compare_view(ctx, [prog], keys, setarch=True)[0], None


def placement_random(ctx, v):
    """4: randomised, the heap starts 1 page to 1 GiB after .bss (a static
    PIE's: 0 to 1 GiB above ELF_ET_DYN_BASE) and a PIE lies 0 to 2^28
    pages above ELF_ET_DYN_BASE, like the kernel's."""
    prog = ctx.prog("self_view", v)
    problems, seen = [], set()
    base = 0x7ffffffff000 // 3 * 2
    for _ in range(4):
        status, got, err = view(ctx.through([prog]))
        if status:
            return ["status %r %r" % (status, err[:200])], None
        brk, gap, phdr = (int(got[k][0], 16) for k in ("brk", "brk-gap", "phdr"))
        seen.add(brk)
        if v.endswith("static-pie"):
            if not base & -4096 <= brk - 4096 < (base & -4096) + (1 << 30):
                problems.append("heap at %#x, not within 1 GiB above ELF_ET_DYN_BASE" % brk)
        elif not 4096 <= gap <= (1 << 30):
            problems.append("heap %#x after .bss, not 1 page to 1 GiB" % gap)
        if v in ("musl-dynamic", "glibc-dynamic") and \
                not (base & -4096) <= phdr < base + (1 << 28) * 4096 + 0x10000:
            problems.append("PIE at %#x, not above ELF_ET_DYN_BASE" % phdr)
    if len(seen) < 2:
        problems.append("the heap start did not vary over 4 runs: %s" % seen)
    return problems, None


def reexec_privileged(ctx, v):
    """5 with 1 in effect: the re-executed /proc/self/exe is the program,
    so the output is the direct run's."""
    marker = marker_script(ctx)
    argv = [ctx.prog("reexec", v)]
    problems = differences(ctx.direct(argv), ctx.through(argv), names=("direct", "loader"))
    if os.path.exists(marker):
        problems.append("./f was executed")
    return problems, None


def busybox(ctx, command):
    """The issue's example: busybox runs the parts of a pipeline by
    re-executing /proc/self/exe; through the loader exactly as directly."""
    bb = "/bin/busybox"
    if not os.path.exists(bb):
        return ["/bin/busybox is not installed (.ci/deps installs busybox-static)"], None
    with open(os.path.join(ctx.tmp, "f"), "w") as f:
        f.write("b\na\n")
    os.chmod(os.path.join(ctx.tmp, "f"), 0o755)     # executable: it must not be run
    argv = [bb, "sh", "-c", command]
    return differences(ctx.direct(argv), ctx.through(argv), names=("direct", "loader")), None


def origin_rpath(ctx, cc):
    """1: a program linked with -rpath '$ORIGIN' finds its library through
    the loader (both dynamic linkers read /proc/self/exe for $ORIGIN)."""
    import shutil
    import subprocess
    if not shutil.which(cc):
        return ["%s is not installed" % cc], None
    d = tempfile.mkdtemp(dir=ctx.tmp)
    src = os.path.join(d, "lib.c")
    with open(src, "w") as f:
        f.write("int origin_value(void) { return 42; }\n")
    with open(os.path.join(d, "main.c"), "w") as f:
        f.write('#include <stdio.h>\nint origin_value(void);\n'
                'int main(void) { printf("%d\\n", origin_value()); return 0; }\n')
    for cmd in ([cc, "-shared", "-fPIC", "-o", os.path.join(d, "liborigin.so"), src],
                [cc, "-o", os.path.join(d, "prog"), os.path.join(d, "main.c"),
                 "-L" + d, "-lorigin", "-Wl,-rpath,$ORIGIN"]):
        r = subprocess.run(cmd, capture_output=True)
        if r.returncode:
            return ["%s failed: %s" % (" ".join(cmd), r.stderr.decode()[:300])], None
    os.chmod(d, 0o755)
    argv = [os.path.join(d, "prog")]
    want, got = execute(argv, ENV, "/"), execute(ctx.wrap + [ctx.loader] + argv, ENV, "/")
    problems = differences(want, got, names=("direct", "loader"))
    if want[:2] != (0, b"42\n"):
        problems.append("the direct run itself failed: %r" % (want,))
    return problems, None


# ------------------------------------------------------------------ point 7

def small_stack(ctx, argv, via_rtld=False):
    """With a 200 KiB stack limit and argument tables that fill most of
    it, the program starts through the loader (or rtld) as directly."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_STACK, (200 * 1024, 200 * 1024))
    want = ctx.direct(argv, preexec_fn=limit)
    if via_rtld:
        got = execute(ctx.wrap + [via_rtld] + argv, ENV, ctx.tmp, preexec_fn=limit)
    else:
        got = ctx.through(argv, preexec_fn=limit)
    problems = differences(want, got, names=("direct", "through"), limit=300)
    if want[0] != 0:
        problems.append("the direct run itself failed: %r" % (want[0],))
    return problems, None


def stack_depth(ctx, v):
    """7: the loader's own stack use stays small (a small stack's room is
    the program's): below the entry stack pointer, where the kernel leaves
    zeros, the loader's frames reach at most the CPU's loader_stack_depth
    bytes below argv (test_arch.json); the program itself writes nothing
    there before main (its direct run shows main's frame only)."""
    prog = ctx.prog("stack_depth", v)
    ws, wout, _ = ctx.direct([prog])
    gs, gout, gerr = ctx.through([prog])
    if (ws, gs) != (0, 0):
        return ["status: direct %r, loader %r %r" % (ws, gs, gerr[:200])], None
    direct, loader = (int(o.split()[1]) for o in (wout, gout))
    bound = ctx.arch.LOADER_STACK_DEPTH
    problems = []
    if loader > bound:
        problems.append("the loader's frames reach %d bytes below argv, more than %d" %
                        (loader, bound))
    if direct >= loader:
        problems.append("the direct run shows %d bytes, the loader's %d: the test measures "
                        "the program's own start, not the loader" % (direct, loader))
    return problems, None


def small_stack_argv0(ctx, prog):
    """--argv0 copies every string: 1000 100-byte arguments still fit."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_STACK, (200 * 1024, 200 * 1024))
    args = ["a" * 100] * 1000
    want = execute(ctx.wrap + (["-0", "renamed"] if ctx.wrap else []) + [prog] + args,
                   ENV, ctx.tmp, preexec_fn=limit,
                   executable=None if ctx.wrap else prog) if ctx.wrap else \
        execute(["renamed"] + args, ENV, ctx.tmp, preexec_fn=limit, executable=prog)
    got = ctx.through(["--argv0", "renamed", prog] + args, preexec_fn=limit)
    return differences(want, got, names=("direct", "loader"), limit=300), None


def nofile_limit(ctx, prog):
    """RLIMIT_NOFILE's soft limit at the descriptors already open (0, 1, 2):
    execve needs no descriptor, so the program starts (glibc's dynamic
    linker then fails to open libc.so.6, as directly); the loader raises
    the limit for its own opens."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (3, resource.getrlimit(
            resource.RLIMIT_NOFILE)[1]))
    want = ctx.direct([prog, "x"], preexec_fn=limit, close_fds=True)
    got = ctx.through([prog, "x"], preexec_fn=limit, close_fds=True)
    return differences(want, got, names=("direct", "loader")), None


# ------------------------------------------------------------------ point 9

# refusals of files the kernel runs, listed in the README ("Known differences")
LISTED_REFUSALS = (b": not a 64-bit ELF file (class 1)\n",)


def mutants(ctx, prog, count=150, seed=10):
    """Header mutants of a real program (random bytes of the ELF header and
    program headers changed, a fixed seed): every mutant that the kernel
    runs to a normal exit must run through the loader with the same
    output; refusals must be one line."""
    import random
    rnd = random.Random(seed)
    data = open(prog, "rb").read()
    phoff = int.from_bytes(data[32:40], "little")
    phnum = int.from_bytes(data[56:58], "little")
    head = list(range(64)) + list(range(phoff, phoff + 56 * phnum))
    problems, ran = [], 0
    for i in range(count):
        m = bytearray(data)
        for _ in range(rnd.choice((1, 1, 2))):
            m[rnd.choice(head)] = rnd.randrange(256)
        path = os.path.join(ctx.tmp, "mutant")
        with open(path, "wb") as f:
            f.write(m)
        os.chmod(path, 0o755)
        try:
            want = ctx.direct([path, "x"], timeout=10)
        except OSError:         # execve refused it
            continue
        if want[0] != 0:
            continue            # refused or killed by the kernel: not this point's concern
        ran += 1
        got = ctx.through([path, "x"], timeout=10)
        if got[0] == 126 and got[2].endswith(LISTED_REFUSALS):
            continue            # a refusal the README lists, with its reason
        if got != want:
            keep = os.path.join(ctx.tmp, "mutant-%d" % i)
            os.rename(path, keep)
            problems.append("mutant %d (the kernel runs it): %s" % (
                i, "; ".join(differences(want, got, names=("direct", "loader"), limit=200))))
    if ran < count // 4:
        problems.append("only %d of %d mutants ran directly: the test checks too little" % (
            ran, count))
    return problems, None


def readonly_bss(ctx, prog):
    """The first PT_LOAD (read-only: headers, .dynsym, .dynstr) given a
    p_filesz 11 bytes short of its p_memsz: the kernel cannot clear the
    tail of a read-only page and leaves the file's bytes, which the program
    then reads; the loader must not clear them either."""
    data = bytearray(open(prog, "rb").read())
    phoff = int.from_bytes(data[32:40], "little")
    for i in range(int.from_bytes(data[56:58], "little")):
        ph = phoff + 56 * i
        if int.from_bytes(data[ph:ph + 4], "little") == 1:     # the first PT_LOAD
            filesz = int.from_bytes(data[ph + 32:ph + 40], "little")
            data[ph + 32:ph + 40] = (filesz - 11).to_bytes(8, "little")
            break
    path = os.path.join(ctx.tmp, "readonly-bss")
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, 0o755)
    want, got = ctx.direct([path, "x"]), ctx.through([path, "x"])
    problems = differences(want, got, names=("direct", "loader"))
    if want[0] != 0:
        problems.append("the direct run itself failed: %r" % (want,))
    return problems, None


# ------------------------------------------------------------------ cases

QEMU_EXE = ("qemu-user runs an exec of /proc/self/exe itself (execveat of the guest "
            "binary, AT_EXECFN /dev/fd/N) and emulates the link")


QEMU_PROC = ("qemu-user refuses prctl(PR_SET_MM) (EINVAL) and emulates /proc/self/exe, "
             "cmdline, auxv and maps itself")
QEMU_MAPS = "qemu-user's own mappings share the process; its layout is not the kernel's"


def three_modes(point, what, check, v, root, qemu_reason):
    """A point's cases for variant v as the suite runs, unprivileged (when
    the suite runs as root) and with --argv0 (the image built off the
    stack): check(ctx, v, unprivileged=False, opts=())."""
    yield "%s %s %s" % (point, what, v), lambda c: check(c, v), qemu_reason
    if root:
        yield ("%s unprivileged: %s %s" % (point, what, v),
               lambda c: check(c, v, True), qemu_reason)
    yield ("%s with --argv0: %s %s" % (point, what, v),
           lambda c: check(c, v, opts=("--argv0", "renamed")), qemu_reason)


def cases():
    root = os.geteuid() == 0
    for v in VARIANTS:
        yield "1 /proc/self/exe names the program " + v, lambda c, v=v: exe_link(c, v), QEMU_PROC
        if root:
            yield ("1 unprivileged: /proc/self/exe names the loader, the program runs " + v,
                   lambda c, v=v: exe_link(c, v, True), QEMU_PROC)
        yield from three_modes("2", "no loader page stays mapped", no_trace, v, root, QEMU_MAPS)
        for kind in mdwe.KINDS:
            yield ("2 memory-deny-write-execute (%s): the program runs, no loader page stays %s"
                   % (kind, v), lambda c, v=v, kind=kind: no_trace(c, v, mdwe_kind=kind),
                   "qemu-user's code generator needs writable executable memory")
        yield from three_modes("3", "/proc/self/cmdline, environ, auxv, comm are the program's",
                               proc_views, v, root, QEMU_PROC)
        yield ("4 setarch -R: program, interpreter and heap at the kernel's addresses " + v,
               lambda c, v=v: placement_fixed(c, v), QEMU_MAPS)
        yield ("4 randomised: heap and PIE placed in the kernel's ranges " + v,
               lambda c, v=v: placement_random(c, v), QEMU_MAPS)
        yield ("5 re-exec through /proc/self/exe runs the program again " + v,
               lambda c, v=v: reexec_privileged(c, v), QEMU_EXE)
    yield "3 a #! script has its own name as comm", script_comm, QEMU_PROC
    for cc in ("gcc", "musl-gcc"):
        yield ("1 -rpath $ORIGIN finds its library through the loader (%s)" % cc,
               lambda c, cc=cc: origin_rpath(c, cc), QEMU_PROC)
    for command in ("echo hi | tr a-z A-Z", "cat ./f | sort"):
        yield ("5 busybox sh -c '%s' as directly" % command,
               lambda c, command=command: busybox(c, command), QEMU_EXE)
    parent = os.path.dirname(os.path.abspath(sys.argv[sys.argv.index("--programs") + 1]))
    ones = ["x"] * 12000
    for v in ("musl-static", "musl-static-pie"):
        yield ("7 the loader's frames stay within its stack depth " + v,
               lambda c, v=v: stack_depth(c, v), None)
    for v in ("musl-static", "musl-static-pie", "glibc-static", "glibc-dynamic"):
        hello = os.path.join(parent, "hello-" + v)
        yield ("7 ulimit -s 200, 12,000 one-byte arguments " + v,
               lambda c, h=hello: small_stack(c, [h] + ones), None)
        yield ("7 ulimit -s 200, --argv0 and 1000 100-byte arguments " + v,
               lambda c, h=hello: small_stack_argv0(c, h), None)
    for v in ("musl-static", "glibc-static", "musl-dynamic", "glibc-dynamic"):
        yield ("RLIMIT_NOFILE soft limit reached: as directly " + v,
               lambda c, v=v: nofile_limit(c, os.path.join(parent, "hello-" + v)),
               "qemu-user opens files of its own")
    for v in ("musl-static", "glibc-dynamic", "musl-static-pie"):
        yield ("9 header mutants the kernel runs also run through the loader " + v,
               lambda c, v=v: mutants(c, os.path.join(parent, "hello-" + v)),
               "the direct run is qemu's own ELF loader, which refuses other things "
               "than the kernel")
    for v in ("musl-static-pie", "glibc-dynamic"):
        yield ("9 read-only PT_LOAD with memsz > filesz keeps the file's bytes " + v,
               lambda c, v=v: readonly_bss(c, os.path.join(parent, "hello-" + v)),
               "the direct run is qemu's own ELF loader")
    rtld = os.path.join(os.path.dirname(parent), "rtld", "rtld")
    rhello = os.path.join(parent, "rtld", "hello")
    yield ("7 ulimit -s 200, 12,000 one-byte arguments, rtld as a command",
           lambda c: small_stack(c, [rhello] + ones, via_rtld=rtld),
           "the direct run is qemu's own ELF loader; rtld's table is the same code as "
           "the loader's, checked natively")
    for v in VARIANTS:
        if root:
            yield ("5 re-exec through /proc/self/exe, unprivileged: refused " + v,
                   lambda c, v=v: reexec_unprivileged(c, v), QEMU_EXE)


def main():
    loader, programs, wrap, only, arch = parse_args("loader")
    passed = failed = skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)
        ctx = Ctx(loader, programs, wrap, tmp, arch)
        for name, check, qemu_reason in cases():
            if only not in name:
                continue
            problems, reason = (None, qemu_reason) if wrap and qemu_reason else check(ctx)
            if problems is None:
                skipped += 1
                print("SKIP", name + ":", reason)
            elif problems:
                failed += 1
                print("FAIL", name)
                for p in problems:
                    print("   ", p)
            else:
                passed += 1
                print("PASS", name)
            sys.stdout.flush()
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    if failed:
        return 1
    return 0 if passed else 77


if __name__ == "__main__":
    sys.exit(main())
