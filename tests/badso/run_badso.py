#!/usr/bin/env python3
"""Run the malformed-shared-library corpus through rtld.

    run_badso.py --rtld PATH --corpus OUTDIR [--wrap 'qemu-x86_64'] [--jobs N]
                 [CASE...]

The corpus is (re)generated into OUTDIR first (gen_badso.py, imported from
this directory).  Each case runs as `[WRAP...] RTLD PROG` in OUTDIR with
LD_LIBRARY_PATH=CASE (under qemu-user given to the guest with -E, so that
qemu itself does not search the case's directory), with a 20 s timeout,
and must: exit with the expected status (not by a signal), write exactly
the expected line to stderr (nothing for a control case) and exactly the
expected stdout (the constructors' output, in order).  A "{ADDR}" in the
expected line matches a hexadecimal run-time address that is the case's
addr_offset plus a page-aligned load bias.  One line per case, then
`N passed, M failed`; the exit status is 1 if any case failed.
"""
import os
import re
import resource
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]
import gen_badso  # noqa: E402
from compare_runs import execute  # noqa: E402
from corpus import run_and_report, runner_args  # noqa: E402

TIMEOUT = 20
ENV = {"PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C"}
PAGE = 0x1000
U64 = (1 << 64) - 1


def is_qemu(wrap):
    return bool(wrap) and os.path.basename(wrap[0]).startswith("qemu")


def stderr_matches(want, got, addr_offset):
    """Is got the expected stderr?  want may hold one {ADDR}."""
    if "{ADDR}" not in want:
        return got == want
    head, tail = want.split("{ADDR}", 1)
    m = re.fullmatch(re.escape(head) + "0x([0-9a-f]+)" + re.escape(tail), got, re.S)
    if not m:
        return False
    bias = (int(m.group(1), 16) - addr_offset) & U64
    return bias % PAGE == 0 and bias != 0


def run_case(case, rtld, wrap, corpus):
    env = dict(ENV)
    cmd = list(wrap)
    lp = "LD_LIBRARY_PATH=" + case["library_path"]
    if is_qemu(wrap):
        cmd += ["-E", lp]
    else:
        env["LD_LIBRARY_PATH"] = case["library_path"]
    cmd += [rtld] + case["argv"]
    status, out, err = execute(cmd, env, corpus, timeout=TIMEOUT)
    want_status, want_err = case["expect_status"], case["expect_stderr"]
    if status == "timeout":
        return "FAIL", "no exit within %d s (hang); expected status %d, stderr %r" % (
            TIMEOUT, want_status, want_err)
    problems = []
    if status < 0:
        problems.append("killed by signal %d" % -status)
    elif status != want_status:
        problems.append("status %d, expected %d" % (status, want_status))
    err = err.decode("utf-8", "backslashreplace")
    if not stderr_matches(want_err, err, case.get("addr_offset", 0)):
        problems.append("stderr %r, expected %r" % (err[:600], want_err))
    out = out.decode("utf-8", "backslashreplace")
    if out != case["expect_stdout"]:
        problems.append("stdout %r, expected %r" % (_cut(out), _cut(case["expect_stdout"])))
    if problems:
        return "FAIL", "; ".join(problems)
    return "PASS", None


def _cut(s, n=120):
    return s if len(s) <= n else s[:n // 2] + "..." + s[-n // 2:]


def main():
    a = runner_args(__doc__, "rtld", 4)

    # the crashes this corpus may provoke leave no core files behind
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    rtld = os.path.abspath(a.rtld)
    corpus = os.path.abspath(a.corpus)
    wrap = shlex.split(a.wrap)
    cases = gen_badso.generate(corpus, a.cpu)["cases"]
    return run_and_report(cases, a.cases, lambda c: run_case(c, rtld, wrap, corpus),
                          a.jobs, "rtld")


if __name__ == "__main__":
    sys.exit(main())
