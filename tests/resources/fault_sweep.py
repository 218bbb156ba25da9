#!/usr/bin/env python3
"""Every system call of a run fails once: strace injects an error into the
Nth call of each system call the run makes, one run per (call, N), except
the calls the program itself makes.  Each run must either behave as the
program run directly does or end with one line on stderr from the loader or rtld, no
output from the program and an exit status of 125, 126 or 127: never a
crash, a hang, a second line or an error hidden behind a status of 0.
The programs: test-programs/rtld/quiet.c (no system call of its own, TLS
libraries) under the loader and rtld, test-programs/status.c, static (also
with --argv0, whose initial stack image gets a mapping of its own), whose
own calls (ioctl, writev) the loader never makes, and
test-programs/dl/dlopen_quiet.c, for which a failing dlopen may also end
the run with its "dlopen failed: MESSAGE" line and status 3.
Usage: fault_sweep.py LOADER RTLD TEST_PROGRAMS_DIR RTLD_PROGRAMS_DIR DL_PROGRAMS_DIR"""
import collections
import os
import re
import subprocess
import sys

# The error each call gets: what the kernel gives when memory, a file or
# the disk fails; EIO for the rest.
ERRNO = {"mmap": "ENOMEM", "mprotect": "ENOMEM", "munmap": "ENOMEM", "brk": "ENOMEM",
         "openat": "EACCES", "readlinkat": "ENOENT"}
# Not ours to handle: the kernel's execve, and the C library's own start
# (musl's __init_tp crashes on purpose when it cannot set the thread
# pointer) and exit.
NOT_OURS = {"execve", "arch_prctl", "set_tid_address", "exit_group"}
ERROR_LINE = re.compile(r"^(loader|rtld): \S.*: \S.*$")


def run(cmd, inject=None):
    """(status, stdout, stderr, trace lines) of cmd under strace."""
    trace = "/dev/null"
    args = ["strace", "-f", "-qq"]
    if inject:
        name, n = inject
        args += ["-e", "trace=" + name,
                 "-e", "inject=%s:error=%s:when=%d" % (name, ERRNO.get(name, "EIO"), n)]
    else:
        trace = os.path.join(os.environ.get("TMPDIR", "/tmp"), "fault_sweep.%d" % os.getpid())
    p = subprocess.run(args + ["-o", trace] + cmd, capture_output=True, text=True, timeout=60)
    lines = []
    if not inject:
        with open(trace) as f:
            lines = f.read().splitlines()
        os.unlink(trace)
    return p.returncode, p.stdout, p.stderr, lines


def calls(lines):
    """How many times the run made each system call."""
    count = collections.Counter()
    for line in lines:
        m = re.match(r"^\d+ +([a-z0-9_]+)\(", line)
        if m:
            count[m.group(1)] += 1
    return count


def sweep(name, cmd, program_calls, refusal=None, direct_cmd=None):
    """refusal: (status, stdout pattern) of the program reporting a failure
    itself, also acceptable.  direct_cmd: the same program run directly
    (default: cmd without its first word)."""
    direct = subprocess.run(direct_cmd or cmd[1:], capture_output=True, text=True, timeout=60)
    want = (direct.returncode, direct.stdout, direct.stderr)
    *clean, lines = run(cmd)
    if tuple(clean) != want:
        print("FAIL %s: without faults %r, run directly %r" % (name, tuple(clean), want))
        return 0, 1
    ok = bad = failed_cleanly = 0
    for call, total in sorted(calls(lines).items()):
        if call in NOT_OURS or call in program_calls:
            continue
        for n in range(1, total + 1):
            status, out, err, _ = run(cmd, (call, n))
            err_lines = err.splitlines()
            clean_run = (status, out, err) == want
            clean_error = (status in (125, 126, 127) and not out and len(err_lines) == 1
                           and ERROR_LINE.match(err_lines[0]))
            own_refusal = (refusal and status == refusal[0] and not err
                           and re.fullmatch(refusal[1], out))
            clean_error = clean_error or own_refusal
            if clean_run or clean_error:
                ok += 1
                failed_cleanly += bool(clean_error)
            else:
                bad += 1
                print("FAIL %s: %s #%d fails with %s: status %d, stdout %r, stderr %r"
                      % (name, call, n, ERRNO.get(call, "EIO"), status, out, err))
    print("%s %s: %d injected failures, %d refused with one line, %d ran as usual"
          % ("PASS" if not bad else "FAIL", name, ok + bad, failed_cleanly, ok - failed_cleanly))
    return (1, 0) if not bad else (0, 1)


def main():
    loader, rtld, progs, rprogs, dlprogs = (os.path.abspath(a) for a in sys.argv[1:6])
    passed = failed = 0
    stdio = {"ioctl", "writev"}
    # (--argv0 copies the strings: the image is built in a mapping of its own)
    for name, where, cmd, own, refusal, direct in (
            ("loader + rtld as PT_INTERP", rprogs, [loader, "./quiet-interp"], set(), None, None),
            ("rtld as a command", rprogs, [rtld, "./quiet"], set(), None, None),
            ("loader, static (ET_EXEC)", progs, [loader, "./status-musl-static", "3"], stdio, None,
             None),
            ("loader, static-pie", progs, [loader, "./status-musl-static-pie", "3"], stdio, None,
             None),
            ("loader --argv0, static", progs, [loader, "--argv0", "./status-musl-static",
                                               "./status-musl-static", "3"], stdio, None,
             ["./status-musl-static", "3"]),
            ("dlopen", dlprogs, [rtld, "./dlopen_quiet"], stdio, (3, r"dlopen failed: \S.*\n"),
             None)):
        os.chdir(where)
        p, f = sweep(name, cmd, own, refusal, direct)
        passed, failed = passed + p, failed + f
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


main()
