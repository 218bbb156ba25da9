#!/usr/bin/env python3
"""Where the loader's trampoline runs, on each CPU (loader/handover.c).

Without copied strings the initial stack table is rebuilt in place and the
trampoline (the copy of arch_enter and the last steps) is the loader's own
hand-over page: its R+X mprotect starts exactly where the munmap of the
rest of the loader ends, and no anonymous mapping is made for it.  That
needs arch_enter to fit the page's room for it.  With copied strings
(--argv0) the image and trampoline go into one fresh anonymous mapping
instead: the control.  Every run must also print what the program prints
when run directly.

Natively as root the suite also runs the in-place case as an unprivileged
user (strace -u nobody), who may not replace /proc/self/exe: then no
trampoline is made at all (no R+X mprotect, no prctl refused for want of
privilege) and the loader goes in one munmap, the last system call, made
by the vDSO's code.

The system calls come from strace natively, from qemu-user's own strace
log (-d strace) under --wrap.

    check_handover.py --loader PATH --programs DIR [--cpu CPU]
                      [--wrap 'qemu-aarch64 -L ...'] [--static-only]
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

# mmap(...) = 0x..., mprotect(ADDR, LEN, PROT) = 0, munmap(ADDR, LEN) = 0:
# strace separates arguments with ", ", qemu with ","
CALL = re.compile(r"\b(mmap|mprotect|munmap)\(([^)]*)\)\s*=\s*(0x[0-9a-f]+|-?\d+)")


def arg(value):
    return 0 if value == "NULL" else int(value, 0)


def calls(trace):
    """The loader's mmap/mprotect/munmap calls as (name, [arguments], result)."""
    out = []
    for m in CALL.finditer(trace):
        args = [a.strip() for a in m.group(2).split(",")]
        out.append((m.group(1), args, int(m.group(3), 0)))
    return out


def trampoline(trace):
    """(mprotect address, where the loader's munmap ends, an anonymous
    mapping was made at the mprotect address) for the trampoline's W^X
    mprotect, the one the loader's munmap follows; None if not found."""
    seen = calls(trace)
    for i, (name, args, res) in enumerate(seen[:-1]):
        nxt = seen[i + 1]
        if (name == "mprotect" and res == 0 and "PROT_EXEC" in args[2]
                and "PROT_WRITE" not in args[2] and nxt[0] == "munmap"):
            addr = arg(args[0])
            fresh = any(n == "mmap" and r == addr and "MAP_ANONYMOUS" in a[3]
                        for n, a, r in seen[:i])
            return addr, arg(nxt[1][0]) + arg(nxt[1][1]), fresh
    return None


def unprivileged_exit(trace):
    """What is wrong with an unprivileged in-place run's trace (strace of
    every call): a trampoline, or a refused prctl, or anything but the
    closing of the descriptors between the loader's last prctl and its one
    munmap, which ends its calls (the vDSO's; the program's calls follow)."""
    lines = [re.sub(r"^\d+ +", "", l) for l in trace.splitlines()]      # (strace -f's pids)
    lines = [l for l in lines if not l.startswith(("+++", "---"))]
    first_unmap = next((i for i, l in enumerate(lines) if l.startswith("munmap(")), None)
    if first_unmap is None:
        return ["no munmap: the loader stays mapped"]
    loader = lines[:first_unmap]
    problems = []
    if trampoline(trace) is not None:
        problems.append("an R+X mprotect followed by a munmap: a trampoline")
    problems += ["a refused prctl: " + l for l in loader if l.startswith("prctl(") and
                 not l.endswith(" = 0")]
    last_prctl = max((i for i, l in enumerate(loader) if l.startswith("prctl(")), default=None)
    if last_prctl is None:
        problems.append("a munmap before any prctl: %s" % lines[first_unmap])
    elif not all(l.startswith("close(") for l in loader[last_prctl + 1:]):
        problems.append("the loader's munmap does not follow its prctl and closes: %s" %
                        (loader[last_prctl:] + [lines[first_unmap]],))
    return problems


def run(cmd, trace_file, wrap, user=None):
    """(status, stdout, stderr, trace) of cmd through the loader."""
    if wrap:
        full = wrap[:1] + ["-d", "strace", "-D", trace_file] + wrap[1:] + cmd
    elif user:
        full = ["strace", "-qq", "-f", "-u", user, "-o", trace_file] + cmd
    else:
        full = ["strace", "-qq", "-f", "-o", trace_file,
                "-e", "trace=mmap,mprotect,munmap"] + cmd
    p = subprocess.run(full, capture_output=True, timeout=60)
    with open(trace_file, errors="replace") as f:
        return p.returncode, p.stdout, p.stderr, f.read()


def main():
    argv = sys.argv[1:]

    def opt(name, default=None):
        return argv[argv.index(name) + 1] if name in argv else default
    loader, programs = os.path.abspath(opt("--loader")), opt("--programs")
    wrap = shlex.split(opt("--wrap", ""))
    kinds = ["musl-static", "musl-static-pie", "glibc-static"]
    if "--static-only" not in argv:
        kinds += ["musl-dynamic", "glibc-dynamic"]
    failures = passes = 0
    with tempfile.TemporaryDirectory() as tmp:
        trace_file = os.path.join(tmp, "trace")
        for kind in kinds:
            prog = os.path.join(programs, "hello-" + kind)
            if not os.path.exists(prog):
                continue                    # a variant the CPU has not
            want = subprocess.run(wrap + [prog, "a"], capture_output=True, timeout=60)
            modes = [([], True, None), (["--argv0", prog], False, None)]
            if not wrap and os.geteuid() == 0:
                modes.append(([], True, "nobody"))
            for opts, in_place, user in modes:
                what = "hello-%s %s%s" % (kind, " ".join(opts) or "(in place)",
                                          " as " + user if user else "")
                status, out, err, trace = run([loader] + opts + [prog, "a"], trace_file, wrap,
                                              user)
                found = trampoline(trace)
                problems = []
                if (status, out, err) != (want.returncode, want.stdout, want.stderr):
                    problems.append("ran as %r %r status %d, directly %r %r status %d"
                                    % (out, err, status, want.stdout, want.stderr,
                                       want.returncode))
                if user:
                    problems += unprivileged_exit(trace)
                elif found is None:
                    problems.append("no R+X mprotect followed by the loader's munmap")
                else:
                    addr, unmapped_end, fresh = found
                    if in_place and (addr != unmapped_end or fresh):
                        problems.append("trampoline at %#x in a fresh mapping %s, the "
                                        "loader's munmap ends at %#x: not the hand-over page"
                                        % (addr, fresh, unmapped_end))
                    if not in_place and (addr == unmapped_end or not fresh):
                        problems.append("trampoline at %#x not a fresh mapping" % addr)
                if problems:
                    failures += 1
                    print("FAIL %s: %s" % (what, "; ".join(problems)))
                else:
                    passes += 1
                    print("PASS %s: %s" % (
                        what, "no trampoline" if user else "trampoline on the hand-over page"
                        if in_place else "trampoline in a fresh mapping"))
    print("%d passed, %d failed" % (passes, failures))
    sys.exit(1 if failures or not passes else 0)


main()
