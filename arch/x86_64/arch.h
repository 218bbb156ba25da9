/* Facts about x86_64 that the portable code asks for.  A second architecture
 * provides its own arch/<cpu>/arch.h with the same names. */
#ifndef ARCH_H
#define ARCH_H

#include <stdint.h>

#define ARCH_EM_MACHINE     62          /* EM_X86_64, gABI e_machine */
#define ARCH_NAME           "x86-64"
#define ARCH_R_RELATIVE     8           /* R_X86_64_RELATIVE, psABI §4.4.1 */

/* Highest user address + 1 with 4-level paging (TASK_SIZE_MAX in the
 * kernel's arch/x86/include/asm/page_64_types.h).  Larger addresses are only
 * handed out on request on 5-level machines, never to ELF segments. */
#define ARCH_USER_LIMIT     0x7ffffffff000ull

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

/* The calling thread's thread pointer: %fs base, whose first word points
 * to itself in both musl and glibc (psABI §3.4.6 / ELF TLS, variant II). */
static inline uint64_t arch_thread_pointer(void)
{
    uint64_t tp;
    __asm__("mov %%fs:0, %0" : "=r"(tp));
    return tp;
}

/* Copy len bytes of a prepared initial stack to sp, switch to it, clear the
 * registers and jump to entry (arch/x86_64/enter.asm). */
__attribute__((noreturn))
void arch_enter(const void *image, uint64_t len, void *sp, uintptr_t entry);

#endif
