"""Memory-deny-write-execute for the tests (tests/identity, tests/rtld):
launchers, argument-vector prefixes that run the rest under it, in the two
ways a program meets it (tests/mdwe_exec.py):

  prctl    prctl(PR_SET_MDWE): an mprotect that adds PROT_EXEC fails with
           EACCES (Linux 6.3);
  seccomp  the filter systemd's MemoryDenyWriteExecute= installs: one with
           PROT_EXEC fails with EPERM, as does a writable executable mmap.

The CPU's system call numbers come from its arch/<cpu>/test_arch.json."""
import os
import sys

from compare_runs import execute

KINDS = ("prctl", "seccomp")
EXEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mdwe_exec.py")


def launcher(kind, arch):
    """The prefix for kind on the CPU arch (tests/cpu.py)."""
    if kind == "prctl":
        return [sys.executable, EXEC, "prctl"]
    s = arch.SYSCALLS
    return [sys.executable, EXEC, "seccomp", arch.AUDIT_ARCH] + \
        [str(s[n]) for n in ("mmap", "mprotect", "pkey_mprotect")]


_usable = {}


def usable_launcher(kind, arch):
    """launcher(kind, arch), or [] where this kernel cannot set kind up (the
    launcher exits 77); asked once per kind."""
    if kind not in _usable:
        prefix = launcher(kind, arch)
        _usable[kind] = prefix if execute(prefix + ["/bin/true"], {}, "/")[0] == 0 else []
    return _usable[kind]
