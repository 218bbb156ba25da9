/* Facts about aarch64 that the portable code asks for (the names are those
 * of arch/x86_64/arch.h). */
#ifndef ARCH_H
#define ARCH_H

#include <stddef.h>
#include <stdint.h>
#include "../asm-generic/generic_abi.h"

#define ARCH_EM_MACHINE     183         /* EM_AARCH64, gABI e_machine */
#define ARCH_NAME           "AArch64"
#define ARCH_R_RELATIVE     1027        /* R_AARCH64_RELATIVE, AAELF64 §5.7.11 */

/* Highest user address + 1 for ELF segments: 48-bit virtual addresses
 * (DEFAULT_MAP_WINDOW_64 in the kernel's arch/arm64/include/asm/
 * processor.h).  Kernels with 52-bit addresses hand out the upper part
 * only on request, never to ELF segments. */
#define ARCH_USER_LIMIT     0x1000000000000ull

/* musl's name for this CPU, in ld-musl-aarch64.so.1 and /etc/ld-musl-aarch64.path
 * (musl's arch/aarch64/reloc.h LDSO_ARCH, little-endian) */
#define ARCH_MUSL_NAME      "aarch64"

/* Thread-local storage (Drepper, "ELF Handling For Thread-Local Storage"
 * §3.4.1; AAELF64 §4.7): variant I, a 16-byte thread control block at the
 * thread pointer and the blocks above it; DTPREL values are plain offsets
 * into a block. */
#define ARCH_TLS_VARIANT    1
#define ARCH_TLS_TCB_SIZE   16
#define ARCH_DTP_OFFSET     0

/* rtld counts relocations by type in two windows of 32 types (rtld/
 * reloc.h reloc_slot): R_AARCH64_NONE (256)..PREL16 and the dynamic types
 * COPY (1024)..IRELATIVE. */
#define ARCH_R_SLOTS_LOW    256
#define ARCH_R_SLOTS_HIGH   1024

/* DT_INIT and DT_FINI do not run: musl's arch/aarch64/reloc.h sets
 * NO_LEGACY_INITFINI (its early aarch64 crti/crtn ran the arrays
 * themselves, and static copies of them live on in old programs), and
 * rtld does what the musl programs it runs expect (docs/cross.md). */
#define ARCH_LEGACY_INITFINI 0

/* glibc's dynamic linker for this CPU (PT_INTERP of glibc programs):
 * rtld hands glibc programs to it. */
#define ARCH_GLIBC_INTERP   "/lib/ld-linux-aarch64.so.1"

/* rt_sigaction's struct; arm64 defines SA_RESTORER, so it has sa_restorer
 * (include/uapi/asm-generic/signal.h). */
struct ksigaction {
    uintptr_t handler;          /* 0 SIG_DFL, 1 SIG_IGN, or the function */
    uint64_t  flags;
    void    (*restorer)(void);
    uint64_t  mask;             /* bit n-1 blocks signal n while it runs */
};

/* Without SA_RESTORER the kernel returns from a handler through the vDSO,
 * which qemu-user does not provide: give every handler our own restorer
 * (arch/aarch64/sigreturn.S), as musl does. */
void arch_sigreturn(void);
static inline void arch_sigaction_prepare(struct ksigaction *a)
{
    a->flags |= 0x04000000;     /* SA_RESTORER */
    a->restorer = arch_sigreturn;
}

/* The calling thread's thread pointer: TPIDR_EL0 (AAELF64, TLS variant
 * I: the thread control block is at TP, the TLS blocks above it). */
static inline uint64_t arch_thread_pointer(void)
{
    return (uint64_t)__builtin_thread_pointer();        /* mrs x, tpidr_el0 */
}

/* A write to the byte at p that leaves it as it is, atomic beside other
 * threads: STCLRB of no bits (Arm ARM C6.2, FEAT_LSE, AT_HWCAP's
 * HWCAP_ATOMICS, bit 8), which faults as a write (ESR WnR set), so that the
 * first touch of a private file page copies it at once, where a read would
 * map the file's page and the write after it fault a second time.  Without
 * LSE nothing: the exclusive pair LDXR/STXR reads first. */
static inline void arch_write_touch(void *p, uint64_t hwcap)
{
    if (hwcap & 1ull << 8)
        __asm__ volatile(".arch_extension lse\n\tstclrb wzr, %0"
                         : "+Q"(*(volatile uint8_t *)p));
}

/* Program properties (loader/elf_property.h): Linux on arm64 reads them at
 * exec, the program's or, when it has one, its interpreter's.  A
 * GNU_PROPERTY_AARCH64_FEATURE_1_AND (0xc0000000) of 4 bytes, a set of
 * features, with FEATURE_1_BTI (bit 0) asks for branch target
 * identification: its executable segments are mapped with PROT_BTI
 * (asm/mman.h: 0x10) where the CPU has it (AT_HWCAP2's HWCAP2_BTI, bit 17);
 * another size is refused (arch/arm64/kernel/process.c
 * arch_parse_elf_property, arch_elf_adjust_prot; AAELF64 "Program
 * property"). */
#define ARCH_GNU_PROPERTY 1
static inline int arch_gnu_property(uint32_t type, const unsigned char *data, uint32_t size,
                                    uint64_t hwcap2, int *exec_prot)
{
    uint32_t features;
    if (type != 0xc0000000u)
        return 0;
    if (size != sizeof features)
        return -1;
    __builtin_memcpy(&features, data, sizeof features);
    if ((hwcap2 & 1ull << 17) && (features & 1))
        *exec_prot |= 0x10;
    return 0;
}

/* The loader's exit (loader/vdso_exit.h): __kernel_clock_getres's slow
 * path in the vDSO (the kernel's lib/vdso/gettimeofday.c falls back to the
 * system call for clocks it does not serve), and the sequence
 * arch_exit_gadget takes there (arch/aarch64/exit_gadget.c). */
#define ARCH_VDSO_EXIT_FUNCTION "__kernel_clock_getres"
/* its name's hashes: gABI "Hash Table" (DT_HASH) and GNU (DT_GNU_HASH) */
#define ARCH_VDSO_EXIT_HASH     0x01b0cf53u
#define ARCH_VDSO_EXIT_GNU_HASH 0xd83b6598u
const unsigned char *arch_exit_gadget(const unsigned char *code, size_t size, uint64_t *frame);

#endif
