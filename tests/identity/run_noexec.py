#!/usr/bin/env python3
"""Issue 10, point 6: files on a file system mounted noexec are refused as
execve refuses them (EACCES, "Permission denied", status 126): ELF
programs (static and dynamic) and #! scripts alike, also a script whose
interpreter lies there.  The same files on an ordinary mount run.

    run_noexec.py LOADER PROGRAMS_DIR

Mounts a tmpfs with -o noexec (needs root); exits 77 (meson's skip) only
when that mount is impossible, 1 when a case fails.  Native only: qemu-user
maps a guest's code without PROT_EXEC, so the kernel never refuses it there.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from compare_runs import execute  # noqa: E402

ENV = {"PATH": "/usr/bin:/bin", "LANG": "C"}


def main():
    loader, programs = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    parent = os.path.dirname(programs)
    with tempfile.TemporaryDirectory() as tmp:
        nx, ok = os.path.join(tmp, "noexec"), os.path.join(tmp, "exec")
        os.mkdir(nx)
        os.mkdir(ok)
        m = subprocess.run(["mount", "-t", "tmpfs", "-o", "noexec,size=16m", "tmpfs", nx],
                           capture_output=True)
        if m.returncode:
            print("SKIP: cannot mount a noexec tmpfs: %s" % m.stderr.decode().strip())
            return 77
        try:
            return run(loader, parent, nx, ok)
        finally:
            subprocess.run(["umount", nx])


def run(loader, parent, nx, ok):
    files = {}
    for d in (nx, ok):
        for p in ("hello-musl-static", "hello-glibc-dynamic"):
            shutil.copy(os.path.join(parent, p), os.path.join(d, p))
        with open(os.path.join(d, "script"), "w") as f:
            f.write("#!/bin/sh\necho script ran\n")
        with open(os.path.join(d, "script-nx-interp"), "w") as f:
            f.write("#!%s/hello-musl-static\n" % nx)
        for n in os.listdir(d):
            os.chmod(os.path.join(d, n), 0o755)
    files = ["hello-musl-static", "hello-glibc-dynamic", "script"]
    failed = passed = 0
    cases = [(os.path.join(nx, n), os.path.join(nx, n)) for n in files]
    # a script on an ordinary mount whose interpreter is on the noexec one
    cases.append((os.path.join(ok, "script-nx-interp"), os.path.join(nx, "hello-musl-static")))
    for path, refused in cases:
        problems = []
        try:
            d = execute([path], ENV, nx)
            problems.append("the kernel ran it (status %r): the mount is not noexec" % (d[0],))
        except PermissionError:
            pass
        status, out, err = execute([loader, path], ENV, nx)
        want = "loader: %s: Permission denied\n" % refused
        if (status, out, err.decode()) != (126, b"", want):
            problems.append("loader: status %r, stdout %r, stderr %r; expected 126 and %r" % (
                status, out, err, want))
        report(path, problems)
        failed += bool(problems)
        passed += not problems
    for n in files:     # control: the same files where execution is allowed
        path = os.path.join(ok, n)
        want, got = execute([path], ENV, ok), execute([loader, path], ENV, ok)
        problems = [] if want == got and want[0] == 0 else [
            "on an ordinary mount: direct %r, loader %r" % (want, got)]
        report(path + " (exec mount)", problems)
        failed += bool(problems)
        passed += not problems
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def report(name, problems):
    print(("FAIL " if problems else "PASS ") + name)
    for p in problems:
        print("   ", p)


if __name__ == "__main__":
    sys.exit(main())
