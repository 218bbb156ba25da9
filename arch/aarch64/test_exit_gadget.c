/* The loader's exit on aarch64 (loader/vdso_exit.c, arch/aarch64/
 * exit_gadget.c, enter.S), with tests/unit/exit_harness.c, run under
 * qemu-user in a cross build (which gives programs no vDSO: the sequences
 * are made up, and Debian's 6.1 kernel's): the sequences taken and refused,
 * the walk of a vDSO image, and arch_enter leaving through a sequence that
 * authenticates x30 (autiasp) from a page with BTI guards (qemu's default
 * CPU has pointer authentication and BTI). */
#include "arch.h"
#include <criterion/criterion.h>
#include <stdint.h>
#include "exit_harness.h"
#include "vdso_exit.h"

#define PROT_BTI 0x10               /* arch/arm64/include/uapi/asm/mman.h */

/* sp, x29, x0 (the atexit function and the exit call's result) as
 * arch_enter left them, to exit_entry_check below the image. */
__asm__(".text\n"
        ".globl exit_entry_stub\n"
        "exit_entry_stub:\n"
        "    mov x4, sp\n"
        "    mov x1, x29\n"
        "    mov x2, x0\n"
        "    mov x3, x0\n"
        "    mov x0, x4\n"
        "    sub sp, sp, #256\n"
        "    bl exit_entry_check\n"
        "    brk #0\n");

/* instructions, little-endian */
#define SVC0    0xd4000001u
#define AUTIASP 0xd50323bfu
#define RET     0xd65f03c0u
#define NOP     0xd503201fu

static long found(const uint32_t *code, size_t n, uint64_t *frame)
{
    return exit_found(code, n * 4, frame);
}

Test(exit_gadget, taken)
{
    uint64_t frame = 99;
    /* Debian 6.1's __kernel_clock_getres, its last instructions: mov w0, w0;
     * b ...; mov x8, #114; svc #0; autiasp; ret */
    static const uint32_t debian[] = { 0x2a0003e0, 0x17fffff9, 0xd2800e48, SVC0, AUTIASP, RET };
    cr_assert_eq(found(debian, 6, &frame), 12);
    cr_assert_eq(frame, 1);
    static const uint32_t plain[] = { SVC0, RET, NOP };
    cr_assert_eq(found(plain, 3, &frame), 0);
    cr_assert_eq(frame, 0);
    /* mov x1, #0; mov w9, #0 clear registers */
    static const uint32_t clears[] = { NOP, SVC0, 0xd2800001, AUTIASP, 0x52800009, RET };
    cr_assert_eq(found(clears, 6, &frame), 4);
    cr_assert_eq(frame, 1);
    /* two: the last is taken */
    static const uint32_t two[] = { SVC0, RET, SVC0, AUTIASP, RET };
    cr_assert_eq(found(two, 5, &frame), 8);
    cr_assert_eq(frame, 1);
}

Test(exit_gadget, refused)
{
    uint64_t frame;
    static const uint32_t x30[] = { SVC0, 0xd280001e, RET };      /* mov x30, #0 */
    static const uint32_t two_aut[] = { SVC0, AUTIASP, AUTIASP, RET };
    static const uint32_t other[] = { SVC0, 0xa8c17bfd, RET };    /* ldp x29, x30, [sp], #16 */
    static const uint32_t no_ret[] = { NOP, SVC0, AUTIASP };
    static const uint32_t no_svc[] = { NOP, AUTIASP, RET };
    static const uint32_t svc1[] = { 0xd4000021, RET };           /* svc #1 */
    cr_assert_eq(found(x30, 3, &frame), -1);
    cr_assert_eq(found(two_aut, 4, &frame), -1);
    cr_assert_eq(found(other, 3, &frame), -1);
    cr_assert_eq(found(no_ret, 3, &frame), -1);
    cr_assert_eq(found(no_svc, 3, &frame), -1);
    cr_assert_eq(found(svc1, 2, &frame), -1);
}

static const uint32_t plain[] = { SVC0, RET };
EXIT_COMMON_TESTS(plain, PROT_BTI)

Test(exit_gadget, enter_through_autiasp)
{
    static const uint32_t debian[] = { SVC0, AUTIASP, RET };
    cr_assert_eq(exit_enter_through(debian, sizeof debian, 1, PROT_BTI), 0);
}
