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


# ------------------------------------------------------------------ cases

QEMU_EXE = ("qemu-user runs an exec of /proc/self/exe itself (execveat of the guest "
            "binary, AT_EXECFN /dev/fd/N) and emulates the link")


def cases():
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
