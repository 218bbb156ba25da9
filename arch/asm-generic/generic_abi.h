/* What the kernel's generic system-call ABI (include/uapi/asm-generic/)
 * fixes for every 64-bit CPU that uses it -- aarch64, riscv64: struct stat,
 * signal numbers and the head of siginfo_t.  Included by their arch.h. */
#ifndef ASM_GENERIC_ABI_H
#define ASM_GENERIC_ABI_H

#include <stdint.h>

/* struct stat as the kernel fills it (asm-generic/stat.h). */
struct kstat {
    uint64_t st_dev, st_ino;
    uint32_t st_mode, st_nlink, st_uid, st_gid;
    uint64_t st_rdev, pad1;
    int64_t  st_size;
    int32_t  st_blksize, pad2;
    int64_t  st_blocks;
    uint64_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec,
             st_ctime_, st_ctime_nsec;
    uint32_t unused4, unused5;
};

/* Signals (asm-generic/signal.h, siginfo.h). */
#define ARCH_SIGBUS         7
#define ARCH_BUS_ADRERR     2           /* si_code: no page behind the address */
#define ARCH_SA_SIGINFO     4

/* The head of siginfo_t; for a fault (SIGBUS, SIGSEGV) si_addr follows.
 * si_code <= 0 means another process or the program itself sent it. */
struct ksiginfo {
    int32_t  si_signo, si_errno, si_code, pad;
    uint64_t si_addr;
};

#endif
