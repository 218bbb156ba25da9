/* Facts about x86_64 that the portable code asks for.  A second architecture
 * provides its own arch/<cpu>/arch.h with the same names. */
#ifndef ARCH_H
#define ARCH_H

#include <stddef.h>
#include <stdint.h>
#include "../asm-generic/no_gnu_property.h"

#define ARCH_EM_MACHINE     62          /* EM_X86_64, gABI e_machine */
#define ARCH_NAME           "x86-64"
#define ARCH_R_RELATIVE     8           /* R_X86_64_RELATIVE, psABI §4.4.1 */

/* Highest user address + 1 with 4-level paging (TASK_SIZE_MAX in the
 * kernel's arch/x86/include/asm/page_64_types.h).  Larger addresses are only
 * handed out on request on 5-level machines, never to ELF segments. */
#define ARCH_USER_LIMIT     0x7ffffffff000ull

/* musl's name for this CPU (its LDSO_ARCH): in its dynamic linker's name,
 * ld-musl-ARCH.so.1, and in its search-path file, /etc/ld-musl-ARCH.path */
#define ARCH_MUSL_NAME      "x86_64"

/* Thread-local storage (Drepper, "ELF Handling For Thread-Local Storage"
 * §3.4.2; psABI §3.4.6): variant II, the blocks below the thread pointer;
 * DTPOFF values are plain offsets into a block. */
#define ARCH_TLS_VARIANT    2
#define ARCH_TLS_TCB_SIZE   0           /* variant I only */
#define ARCH_DTP_OFFSET     0

/* rtld counts relocations by type in two windows of 32 types (rtld/
 * reloc.h reloc_slot): x86_64's dynamic types are all below 64. */
#define ARCH_R_SLOTS_LOW    0
#define ARCH_R_SLOTS_HIGH   32

/* DT_INIT and DT_FINI run, before DT_INIT_ARRAY and after DT_FINI_ARRAY
 * (gABI "Initialization and Termination Functions"), as in musl. */
#define ARCH_LEGACY_INITFINI 1

/* glibc's dynamic linker for this CPU (the x86_64 psABI's PT_INTERP):
 * rtld hands glibc programs to it. */
#define ARCH_GLIBC_INTERP   "/lib64/ld-linux-x86-64.so.2"

/* struct stat as the x86_64 kernel fills it (arch/x86/include/uapi/asm/stat.h). */
struct kstat {
    uint64_t st_dev, st_ino, st_nlink;
    uint32_t st_mode, st_uid, st_gid, pad0;
    uint64_t st_rdev;
    int64_t  st_size, st_blksize, st_blocks;
    uint64_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec,
             st_ctime_, st_ctime_nsec;
    int64_t  reserved[3];
};

/* Signals, as x86_64 numbers and lays them out (arch/x86/include/uapi/asm/
 * signal.h, include/uapi/asm-generic/siginfo.h). */
#define ARCH_SIGBUS         7
#define ARCH_BUS_ADRERR     2           /* si_code: no page behind the address */
#define ARCH_SA_SIGINFO     4

/* rt_sigaction's struct. */
struct ksigaction {
    uintptr_t handler;          /* 0 SIG_DFL, 1 SIG_IGN, or the function */
    uint64_t  flags;
    void    (*restorer)(void);
    uint64_t  mask;             /* bit n-1 blocks signal n while it runs */
};

/* The head of siginfo_t; for a fault (SIGBUS, SIGSEGV) si_addr follows.
 * si_code <= 0 means another process or the program itself sent it. */
struct ksiginfo {
    int32_t  si_signo, si_errno, si_code, pad;
    uint64_t si_addr;
};

/* x86_64 delivers a signal only to a handler with SA_RESTORER, whose
 * restorer calls rt_sigreturn (arch/x86_64/sigreturn.asm). */
void arch_sigreturn(void);
static inline void arch_sigaction_prepare(struct ksigaction *a)
{
    a->flags |= 0x04000000;     /* SA_RESTORER */
    a->restorer = arch_sigreturn;
}

/* The calling thread's thread pointer: %fs base, whose first word points
 * to itself in both musl and glibc (psABI §3.4.6 / ELF TLS, variant II). */
static inline uint64_t arch_thread_pointer(void)
{
    uint64_t tp;
    __asm__("mov %%fs:0, %0" : "=r"(tp));
    return tp;
}

/* A write to the byte at p that leaves it as it is: a locked OR of 0, a
 * read-modify-write, which the MMU checks and faults as a write (Intel SDM
 * vol. 3A §4.7: the fault's W/R bit), and atomic beside other threads.  The
 * first touch of a private file page then copies it at once, where a read
 * would map the file's page and the write after it fault a second time.
 * (hwcap: AT_HWCAP, which x86_64 does not need.) */
static inline void arch_write_touch(void *p, uint64_t hwcap)
{
    (void)hwcap;
    __asm__ volatile("lock orb $0, %0" : "+m"(*(volatile uint8_t *)p));
}

/* Where load_elf_binary() puts ET_DYN programs that have a PT_INTERP, before
 * its random offset: ELF_ET_DYN_BASE, 2/3 of DEFAULT_MAP_WINDOW
 * (arch/x86/include/asm/elf.h), and the bits of that offset
 * (CONFIG_ARCH_MMAP_RND_BITS: arch_mmap_rnd() in arch/x86/mm/mmap.c). */
#define ARCH_ELF_ET_DYN_BASE (ARCH_USER_LIMIT / 3 * 2)
#define ARCH_MMAP_RND_BITS  28

/* The range arch_randomize_brk() spreads a 64-bit task's heap start over
 * (arch/x86/kernel/process.c: randomize_page(mm->brk, SZ_1G)). */
#define ARCH_BRK_RND_RANGE  0x40000000ull

/* The stack's end when the kernel does not randomise it: STACK_TOP
 * (arch/x86/include/asm/processor.h, TASK_SIZE_LOW for 64-bit tasks). */
#define ARCH_STACK_TOP      ARCH_USER_LIMIT

/* The loader's exit (loader/vdso_exit.h): clock_getres's slow path in the
 * vDSO (the kernel's lib/vdso/gettimeofday.c falls back to the system call
 * for clocks it does not serve), and the sequence arch_exit_gadget takes
 * there (arch/x86_64/exit_gadget.c). */
#define ARCH_VDSO_EXIT_FUNCTION "__vdso_clock_getres"
/* its name's hashes: gABI "Hash Table" (DT_HASH) and GNU (DT_GNU_HASH) */
#define ARCH_VDSO_EXIT_HASH     0x04d35c83u
#define ARCH_VDSO_EXIT_GNU_HASH 0x68308f53u
const unsigned char *arch_exit_gadget(const unsigned char *code, size_t size, uint64_t *frame);

#endif
