/* What the kernel's generic system-call ABI (include/uapi/asm-generic/)
 * fixes for every 64-bit CPU that uses it -- aarch64, riscv64: struct stat,
 * signal numbers and the head of siginfo_t; and the layout the kernel
 * gives their 64-bit processes, in terms of their ARCH_USER_LIMIT.
 * Included by their arch.h. */
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

/* Where load_elf_binary() puts ET_DYN programs that have a PT_INTERP,
 * before its random offset: ELF_ET_DYN_BASE, 2/3 of DEFAULT_MAP_WINDOW
 * (arch/arm64/include/asm/elf.h, arch/riscv/include/asm/elf.h), and the
 * bits of that offset (CONFIG_ARCH_MMAP_RND_BITS: 18, both CPUs'
 * ARCH_MMAP_RND_BITS_MIN with 4 KiB pages and the default). */
#define ARCH_ELF_ET_DYN_BASE (ARCH_USER_LIMIT / 3 * 2)
#define ARCH_MMAP_RND_BITS  18

/* The range arch_randomize_brk() spreads a 64-bit task's heap start over
 * (arch/arm64/kernel/process.c, and mm/util.c's, riscv's:
 * randomize_page(mm->brk, SZ_1G)). */
#define ARCH_BRK_RND_RANGE  0x40000000ull

/* The stack's end when the kernel does not randomise it: STACK_TOP, the
 * default map window (arch/arm64/include/asm/processor.h STACK_TOP_MAX,
 * arch/riscv/include/asm/processor.h). */
#define ARCH_STACK_TOP      ARCH_USER_LIMIT

#endif
