#!/usr/bin/env python3
"""Run a command under memory-deny-write-execute (tests/mdwe.py):

    mdwe_exec.py prctl COMMAND...
    mdwe_exec.py seccomp AUDIT_ARCH MMAP MPROTECT PKEY_MPROTECT COMMAND...

prctl:   prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN), Linux 6.3, kept over
         fork and execve: making memory executable that was not fails with
         EACCES.
seccomp: the filter systemd's MemoryDenyWriteExecute= installs where the
         kernel lacks the prctl: mprotect and pkey_mprotect with PROT_EXEC,
         and mmap with PROT_WRITE and PROT_EXEC, fail with EPERM (the
         system call numbers and AUDIT_ARCH_* of the CPU given).

Exits 77 where the kernel refuses to set it up."""
import ctypes
import os
import struct
import sys

PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1
PROT_WRITE, PROT_EXEC = 2, 4
# classic BPF (linux/filter.h, linux/bpf_common.h)
LD_ABS_W, JEQ_K, JSET_K, AND_K, RET_K = 0x20, 0x15, 0x45, 0x54, 0x06
SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO, EPERM = 0x7FFF0000, 0x00050000, 1
# struct seccomp_data: nr at 0, arch at 4, args[] from 16 (little-endian:
# the low word of args[2], the protection, at 32)
NR, ARCH, PROT = 0, 4, 32


def seccomp_filter(audit_arch, mmap, mprotect, pkey_mprotect):
    """The program, as (code, jt, jf, k) instructions; jumps are relative."""
    allow, deny = (RET_K, 0, 0, SECCOMP_RET_ALLOW), (RET_K, 0, 0, SECCOMP_RET_ERRNO | EPERM)
    return [
        (LD_ABS_W, 0, 0, ARCH),
        (JEQ_K, 1, 0, audit_arch),      # another CPU's calls: allowed
        allow,
        (LD_ABS_W, 0, 0, NR),
        (JEQ_K, 3, 0, mprotect),        # -> exec
        (JEQ_K, 2, 0, pkey_mprotect),   # -> exec
        (JEQ_K, 3, 0, mmap),            # -> write_exec
        allow,
        (LD_ABS_W, 0, 0, PROT),         # exec: PROT_EXEC at all
        (JSET_K, 3, 4, PROT_EXEC),      # -> deny, allow
        (LD_ABS_W, 0, 0, PROT),         # write_exec: both
        (AND_K, 0, 0, PROT_WRITE | PROT_EXEC),
        (JEQ_K, 0, 1, PROT_WRITE | PROT_EXEC),  # -> deny, allow
        deny,
        allow,
    ]


def main(argv):
    libc = ctypes.CDLL(None, use_errno=True)
    if argv[0] == "prctl":
        if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0):
            return 77
        command = argv[1:]
    else:
        audit_arch, mmap, mprotect, pkey = (int(a, 0) for a in argv[1:5])
        prog = b"".join(struct.pack("<HBBI", *i) for i in seccomp_filter(audit_arch, mmap,
                                                                          mprotect, pkey))
        buf = ctypes.create_string_buffer(prog, len(prog))
        fprog = struct.pack("<HxxxxxxQ", len(prog) // 8, ctypes.addressof(buf))
        fbuf = ctypes.create_string_buffer(fprog, len(fprog))
        if (libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) or
                libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fbuf, 0, 0)):
            return 77
        command = argv[5:]
    os.execv(command[0], command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
