/* The shared part of the CPUs' tests of the loader's exit through the vDSO
 * (arch/<cpu>/test_exit_gadget.c, built by tests/unit natively and
 * tests/unit-qemu in a cross build): a vDSO-like image to look in, and
 * arch_enter run in a child, leaving through a made-up sequence, to an
 * entry point that checks what it was given. */
#ifndef EXIT_HARNESS_H
#define EXIT_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* An image like the kernel's vDSO, at vaddr 0: ELF header, PT_LOAD,
 * PT_DYNAMIC, the hash tables of tables (EXIT_SYSV: DT_HASH, whose nchain
 * is nchain, 4 when right; EXIT_GNU: DT_GNU_HASH) over four symbols (the
 * null one, two others and name, whose bytes are code at EXIT_CODE_OFF).
 * Its address. */
#define EXIT_IMAGE_SIZE 4096
#define EXIT_CODE_OFF   0x800
enum { EXIT_SYSV = 1, EXIT_GNU = 2 };
uint64_t exit_image(const char *name, const void *code, size_t len, int tables, uint32_t nchain);

/* The offset of the sequence vdso_exit_find finds in code as
 * ARCH_VDSO_EXIT_FUNCTION, or -1; *frame as it says. */
long exit_found(const void *code, size_t len, uint64_t *frame);

/* vdso_exit_find's refusals of a broken image (code: a sequence it takes). */
void exit_image_checks(const void *code, size_t len);

/* Run arch_enter in a child, leaving through a copy of code (NULL: no
 * exit) in a page of its own made executable with extra_prot too, whose
 * sequence is described by frame; the child's exit status: 0 when the
 * entry point found the image at its sp, a zero frame pointer, no atexit
 * function and, with an exit, its munmap made. */
int exit_enter_through(const void *code, size_t len, uint64_t frame, int extra_prot);

/* The program's first instruction, in the CPU's test: it passes its sp,
 * frame pointer, atexit-function register and the exit call's result
 * register to exit_entry_check on an aligned stack below. */
void exit_entry_stub(void);
__attribute__((noreturn)) void exit_entry_check(uint64_t sp, uint64_t fp, uint64_t atexit_fn,
                                                uint64_t result);

/* The tests every CPU has, plain being its simplest sequence (a system
 * call and a return, an array) and extra_prot what its vDSO pages have
 * beyond read and execute: the walk of a vDSO image, and arch_enter
 * leaving without an exit and through plain. */
#define EXIT_COMMON_TESTS(plain, extra_prot)                                   \
    Test(exit_gadget, image_walk)                                              \
    {                                                                          \
        exit_image_checks(plain, sizeof plain);                                \
    }                                                                          \
    Test(exit_gadget, enter_plain)                                             \
    {                                                                          \
        cr_assert_eq(exit_enter_through(NULL, 0, 0, 0), 0);                    \
    }                                                                          \
    Test(exit_gadget, enter_through_ret)                                       \
    {                                                                          \
        cr_assert_eq(exit_enter_through(plain, sizeof plain, 0, extra_prot), 0); \
    }

#endif
