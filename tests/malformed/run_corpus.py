#!/usr/bin/env python3
"""Run the malformed-input corpus through the loader.

    run_corpus.py --loader PATH --corpus OUTDIR [--cpu CPU] [--wrap 'qemu-x86_64']
                  [--jobs N] [CASE...]

The corpus is (re)generated into OUTDIR first (gen_corpus.py, imported from
this directory), for the CPU the loader was built for (default x86_64).
Each case runs as `[WRAP...] LOADER ARGV...` in OUTDIR with a 10 s timeout
and must: exit with the expected status (not by a signal), write exactly
the expected line (or nothing, for a control case) to stderr, and nothing
to stdout.  One line per case, then `N passed, M failed`; the
exit status is 1 if any case failed.

A case may carry `per_wrapper` expectations keyed by the wrapper's kind
("qemu" for qemu-user), for behaviour that legitimately differs there;
`run_as` cases drop to the given uid/gid/groups when the runner is root.
"""
import os
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]
import gen_corpus  # noqa: E402
from compare_runs import execute  # noqa: E402
from corpus import run_and_report, runner_args  # noqa: E402

TIMEOUT = 10
ENV = {"PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C"}


def wrapper_kind(wrap):
    if not wrap:
        return "native"
    base = os.path.basename(wrap[0])
    return "qemu" if base.startswith("qemu") else base


def mmap_min_addr():
    try:
        with open("/proc/sys/vm/mmap_min_addr") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def expectation(case, kind):
    exp = dict(status=case["expect_status"], stderr=case["expect_stderr"])
    over = case.get("per_wrapper", {}).get(kind)
    if over:
        status = over.get("expect_status", case["expect_status"])
        file = over.get("expect_file", case["expect_file"])
        msg = over.get("expect_message", case["expect_message"])
        if "expect_stderr" in over:
            stderr = over["expect_stderr"]
        elif case["kind"] == "control" or status == 0:
            stderr = ""
        elif file is None:
            stderr = "loader: %s\n" % msg
        else:
            stderr = "loader: %s: %s\n" % (file, msg)
        exp = dict(status=status, stderr=stderr, reason=over.get("reason"))
    return exp


def skip_reason(case):
    for req in case.get("requires", []):
        if req == "mmap_min_addr>0":
            v = mmap_min_addr()
            if not v:
                return "vm.mmap_min_addr is %s: address 0 can be mapped" % v
        else:
            return "unknown requirement %r" % req
    if case.get("root_only") and os.geteuid() != 0:
        return "needs root to set up owner, group and supplementary groups"
    return None


def run_case(case, loader, wrap, corpus, kind):
    reason = skip_reason(case)
    if reason:
        return "SKIP", reason
    exp = expectation(case, kind)
    cmd = wrap + [loader] + case["argv"]
    kw = {}
    if case.get("run_as") and os.geteuid() == 0:
        ra = case["run_as"]
        kw = dict(user=ra["uid"], group=ra["gid"], extra_groups=ra["groups"])
    status, out, err = execute(cmd, ENV, corpus, timeout=TIMEOUT, **kw)
    if status == "timeout":
        return "FAIL", "no exit within %d s (hang); expected status %d, stderr %r" % (
            TIMEOUT, exp["status"], exp["stderr"])
    problems = []
    if status < 0:
        problems.append("killed by signal %d" % -status)
    elif status != exp["status"]:
        problems.append("status %d, expected %d" % (status, exp["status"]))
    err = err.decode("utf-8", "backslashreplace")
    if err != exp["stderr"]:
        problems.append("stderr %r, expected %r" % (err, exp["stderr"]))
    if out:
        problems.append("stdout not empty: %r" % out[:200])
    if problems:
        return "FAIL", "; ".join(problems)
    return "PASS", exp.get("reason")


def main():
    a = runner_args(__doc__, "loader", 8)
    loader = os.path.abspath(a.loader)
    corpus = os.path.abspath(a.corpus)
    wrap = shlex.split(a.wrap)
    kind = wrapper_kind(wrap)
    cases = gen_corpus.generate(corpus, a.cpu)["cases"]
    return run_and_report(cases, a.cases, lambda c: run_case(c, loader, wrap, corpus, kind),
                          a.jobs, "loader")


if __name__ == "__main__":
    sys.exit(main())
