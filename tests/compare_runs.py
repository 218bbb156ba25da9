"""What the test runners share (tests/e2e/run_e2e.py, tests/rtld/run_rtld.py,
tests/malformed/run_corpus.py, which put this directory on sys.path): running
a command and capturing its result, comparing two results, and the loop that
runs the cases and prints PASS / FAIL lines and `N passed, M failed`.

A result is (exit status, stdout, stderr): the status is the return code
(negative for a signal) or "timeout", stdout and stderr are bytes.
"""
import argparse
import os
import shlex
import subprocess
import sys

import cpu

TIMEOUT = 120


def execute(argv, env, cwd, executable=None, timeout=TIMEOUT, **kw):
    """Run argv with stdin from /dev/null; return its result, with status
    "timeout" and no output if it does not exit within timeout seconds.
    Other keyword arguments go to subprocess.run."""
    try:
        p = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, timeout=timeout,
                           executable=executable, stdin=subprocess.DEVNULL, **kw)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "timeout", b"", b""


def show(x, limit=800):
    """x, cut to limit bytes if it is output."""
    return x[:limit] if isinstance(x, bytes) else x


def differences(want, got, names=("want", "got"), indent="      ", limit=800):
    """One message for each of exit status, stdout and stderr that differ
    between the results want and got, named names[0] and names[1]."""
    width = max(len(n) for n in names) + 1
    wname, gname = ((n + ":").ljust(width) for n in names)
    return ["%s differs:\n%s%s %r\n%s%s %r" % (what, indent, wname, show(w, limit),
                                               indent, gname, show(g, limit))
            for what, w, g in zip(("exit status", "stdout", "stderr"), want, got)
            if w != g]


def parse_args(tool):
    """The runners' command line: --TOOL PATH --programs DIR [--cpu CPU]
    [--wrap CMD] [-k TEXT].  Returns the absolute paths of TOOL and DIR, the
    wrapper as a list, the -k text and the CPU's facts (tests/cpu.py; the
    default CPU is x86_64)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--" + tool, required=True)
    ap.add_argument("--programs", required=True)
    ap.add_argument("--cpu", default="x86_64")
    ap.add_argument("--wrap", default="")
    ap.add_argument("-k", default="", help="run only cases whose name contains this")
    args = ap.parse_args()
    return (os.path.abspath(getattr(args, tool)), os.path.abspath(args.programs),
            shlex.split(args.wrap), args.k, cpu.load(args.cpu))


def run_cases(cases, check, only=""):
    """Check each case whose name contains only: check(case) returns its
    problems.  Prints PASS or FAIL and the problems for each, then the
    totals; returns the exit status: 1 if any failed or none passed."""
    passed = failed = 0
    for case in cases:
        if only not in case.name:
            continue
        problems = check(case)
        if problems:
            failed += 1
            print("FAIL", case.name)
            for p in problems:
                print("   ", p)
        else:
            passed += 1
            print("PASS", case.name)
        sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0
