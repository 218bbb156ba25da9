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
from compare_runs import differences, execute, parse_args  # noqa: E402

ENV = {"PATH": "/usr/bin:/bin", "LANG": "C"}
NOBODY = 65534
VARIANTS = ["musl-static", "musl-static-pie", "musl-dynamic", "musl-nopie",
            "glibc-static", "glibc-static-pie", "glibc-dynamic", "glibc-nopie"]


class Ctx:
    def __init__(self, loader, programs, wrap, tmp):
        self.loader, self.programs, self.wrap, self.tmp = loader, programs, wrap, tmp

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


# ------------------------------------------------------------------ cases

QEMU_EXE = ("qemu-user runs an exec of /proc/self/exe itself (execveat of the guest "
            "binary, AT_EXECFN /dev/fd/N) and emulates the link")


def cases():
    parent = os.path.dirname(os.path.abspath(sys.argv[sys.argv.index("--programs") + 1]))
    ones = ["x"] * 12000
    for v in ("musl-static", "musl-static-pie", "glibc-static", "glibc-dynamic"):
        hello = os.path.join(parent, "hello-" + v)
        yield ("7 ulimit -s 200, 12,000 one-byte arguments " + v,
               lambda c, h=hello: small_stack(c, [h] + ones), None)
        yield ("7 ulimit -s 200, --argv0 and 1000 100-byte arguments " + v,
               lambda c, h=hello: small_stack_argv0(c, h), None)
    for v in ("musl-static", "glibc-dynamic", "musl-static-pie"):
        yield ("9 header mutants the kernel runs also run through the loader " + v,
               lambda c, v=v: mutants(c, os.path.join(parent, "hello-" + v)),
               "the direct run is qemu's own ELF loader, which refuses other things "
               "than the kernel")
    rtld = os.path.join(os.path.dirname(parent), "rtld", "rtld")
    rhello = os.path.join(parent, "rtld", "hello")
    yield ("7 ulimit -s 200, 12,000 one-byte arguments, rtld as a command",
           lambda c: small_stack(c, [rhello] + ones, via_rtld=rtld),
           "the direct run is qemu's own ELF loader; rtld's table is the same code as "
           "the loader's, checked natively")
    for v in VARIANTS:
        yield ("5 re-exec through /proc/self/exe, unprivileged: refused " + v,
               lambda c, v=v: reexec_unprivileged(c, v), QEMU_EXE)


def main():
    loader, programs, wrap, only = parse_args("loader")
    passed = failed = skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)
        ctx = Ctx(loader, programs, wrap, tmp)
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
