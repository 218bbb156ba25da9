/* Facts about riscv64 (RV64GC, lp64d) that the portable code asks for (the
 * names are those of arch/x86_64/arch.h). */
#ifndef ARCH_H
#define ARCH_H

#include <stddef.h>
#include <stdint.h>
#include "../asm-generic/generic_abi.h"
#include "../asm-generic/no_gnu_property.h"

#define ARCH_EM_MACHINE     243         /* EM_RISCV, gABI e_machine */
#define ARCH_NAME           "RISC-V"
#define ARCH_R_RELATIVE     3           /* R_RISCV_RELATIVE, RISC-V psABI
                                           "Relocations" */

/* Highest user address + 1 for ELF segments: Sv48's 47 bits of user space
 * (DEFAULT_MAP_WINDOW in the kernel's arch/riscv/include/asm/processor.h;
 * Sv57 hands out more only on request).  Sv39 machines have 38 bits: there
 * a segment between 2^38 and 2^47 is refused by mmap, not as a format
 * error (docs/cross.md). */
#define ARCH_USER_LIMIT     0x800000000000ull

/* musl's name for this CPU and ABI, in ld-musl-riscv64.so.1 and
 * /etc/ld-musl-riscv64.path (musl's arch/riscv64/reloc.h LDSO_ARCH: no
 * suffix for the double-float ABI) */
#define ARCH_MUSL_NAME      "riscv64"

/* Thread-local storage (Drepper, "ELF Handling For Thread-Local Storage"
 * §3.4.1; RISC-V psABI "Thread Local Storage"): variant I with no thread
 * control block at the thread pointer -- the first block starts there --
 * and DTP-relative values biased by -0x800 (a dtv entry points 0x800 bytes
 * into its block, so 12-bit offsets reach 4 KiB of it). */
#define ARCH_TLS_VARIANT    1
#define ARCH_TLS_TCB_SIZE   0
#define ARCH_DTP_OFFSET     0x800

/* rtld counts relocations by type in two windows of 32 types (rtld/
 * reloc.h reloc_slot): riscv64's dynamic types are all below 64. */
#define ARCH_R_SLOTS_LOW    0
#define ARCH_R_SLOTS_HIGH   32

/* DT_INIT and DT_FINI run, before DT_INIT_ARRAY and after DT_FINI_ARRAY
 * (gABI "Initialization and Termination Functions"), as in musl, although
 * the RISC-V psABI leaves them out (riscv-elf-psabi-doc issue 132:
 * toolchains still emit them). */
#define ARCH_LEGACY_INITFINI 1

/* glibc's dynamic linker for this CPU and ABI (lp64d): rtld hands glibc
 * programs to it. */
#define ARCH_GLIBC_INTERP   "/lib/ld-linux-riscv64-lp64d.so.1"

/* rt_sigaction's struct: riscv has no SA_RESTORER, so no sa_restorer
 * (include/uapi/asm-generic/signal.h). */
struct ksigaction {
    uintptr_t handler;          /* 0 SIG_DFL, 1 SIG_IGN, or the function */
    uint64_t  flags;
    uint64_t  mask;             /* bit n-1 blocks signal n while it runs */
};

/* The kernel returns from every handler through its own rt_sigreturn
 * trampoline (the vDSO's; qemu-user supplies one on the signal frame):
 * nothing to add. */
static inline void arch_sigaction_prepare(struct ksigaction *a)
{
    (void)a;
}

/* The calling thread's thread pointer: register tp (RISC-V psABI "Thread
 * Local Storage", variant I: the TLS blocks start at TP). */
static inline uint64_t arch_thread_pointer(void)
{
    return (uint64_t)__builtin_thread_pointer();        /* mv x, tp */
}

/* A write to the word holding p that leaves it as it is, atomic beside
 * other threads: AMOOR.W of 0 (RISC-V unprivileged ISA, "A" extension, part
 * of the RV64GC the Linux psABI requires; the word aligned, as AMOs need),
 * which faults as a store (cause 15), so that the first touch of a private
 * file page copies it at once, where a read would map the file's page and
 * the write after it fault a second time.  (hwcap: unused.) */
static inline void arch_write_touch(void *p, uint64_t hwcap)
{
    (void)hwcap;
    __asm__ volatile("amoor.w zero, zero, %0"
                     : "+A"(*(volatile uint32_t *)((uintptr_t)p & ~(uintptr_t)3)));
}

/* The loader's exit (loader/vdso_exit.h): __vdso_clock_getres's slow
 * path in the vDSO (the kernel's lib/vdso/gettimeofday.c falls back to the
 * system call for clocks it does not serve), and the sequence
 * arch_exit_gadget takes there (arch/riscv64/exit_gadget.c). */
#define ARCH_VDSO_EXIT_FUNCTION "__vdso_clock_getres"
/* its name's hashes: gABI "Hash Table" (DT_HASH) and GNU (DT_GNU_HASH) */
#define ARCH_VDSO_EXIT_HASH     0x04d35c83u
#define ARCH_VDSO_EXIT_GNU_HASH 0x68308f53u
const unsigned char *arch_exit_gadget(const unsigned char *code, size_t size, uint64_t *frame);

#endif
