/* The loader's exit on riscv64 (loader/vdso_exit.c, arch/riscv64/
 * exit_gadget.c, enter.S), with tests/unit/exit_harness.c, run under
 * qemu-user in a cross build (which gives programs no vDSO: the sequences
 * are Debian's 6.12 and 7.2 kernels' and made-up ones): the sequences taken
 * and refused, the walk of a vDSO image, and arch_enter leaving through
 * sequences that reload the return address from a frame. */
#include "arch.h"
#include <criterion/criterion.h>
#include <stdint.h>
#include "exit_harness.h"
#include "vdso_exit.h"

/* The thread pointer, which arch_enter clears as execve does: the entry
 * stub restores it for exit_entry_check's calls into the C library (errno
 * lies at tp). */
uint64_t exit_saved_tp;

__attribute__((constructor)) static void save_tp(void)
{
    __asm__("mv %0, tp" : "=r"(exit_saved_tp));
}

/* sp, s0, a0 (the atexit function and the exit call's result) as
 * arch_enter left them, to exit_entry_check below the image. */
__asm__(".text\n"
        ".globl exit_entry_stub\n"
        "exit_entry_stub:\n"
        "    mv a4, sp\n"
        "    mv a1, s0\n"
        "    mv a2, a0\n"
        "    mv a3, a0\n"
        "    mv a0, a4\n"
        "    addi sp, sp, -256\n"
        "    la t0, exit_saved_tp\n"
        "    ld tp, 0(t0)\n"
        "    call exit_entry_check\n"
        "    unimp\n");

/* 16-bit parcels, little-endian; a 32-bit instruction is two */
#define ECALL        0x0073, 0x0000
#define RET          0x8082             /* c.jr ra */
#define LD_RA_8      0x60a2             /* c.ldsp ra, 8(sp) */
#define LD_S0_0      0x6402             /* c.ldsp s0, 0(sp) */
#define SEXT_A0      0x2501             /* c.addiw a0, 0 */
#define ADDI_SP_16   0x0141             /* c.addi sp, 16 */
#define NOP          0x0001             /* c.nop */

static long found(const uint16_t *code, size_t n, uint64_t *frame)
{
    return exit_found(code, n * 2, frame);
}

#define TAKEN(off, words, ...)                                          \
    do {                                                                \
        static const uint16_t c[] = { __VA_ARGS__ };                    \
        uint64_t frame = 99;                                            \
        cr_assert_eq(found(c, sizeof c / 2, &frame), off, "%s", #__VA_ARGS__); \
        cr_assert_eq(frame, words, "%s", #__VA_ARGS__);                 \
    } while (0)
#define REFUSED(...)                                                    \
    do {                                                                \
        static const uint16_t c[] = { __VA_ARGS__ };                    \
        uint64_t frame;                                                 \
        cr_assert_eq(found(c, sizeof c / 2, &frame), -1, "%s", #__VA_ARGS__); \
    } while (0)

/* Debian's linux-image-6.12.117+deb13-riscv64, __vdso_clock_getres whole:
 * its fast path ends ld ra; ld s0; li a0, 0; addi sp; ret (no ecall), its
 * slow path li a7, 114; ecall at +0x70 and the same epilogue with sext.w */
static const uint16_t debian_6_12[] = {
    0x1141, 0xe022, 0xe406, 0x0800, 0x47bd, 0xe163, 0x06a7, 0xd717, 0xffff, 0x2703,
    0x5fe7, 0x07b7, 0x8000, 0xc793, 0xfff7, 0xe697, 0xffff, 0x8693, 0x5ea6, 0x0663,
    0x00f7, 0xd697, 0xffff, 0x8693, 0x5de6, 0x4705, 0x6785, 0x173b, 0x00a7, 0x8793,
    0x8937, 0x8ff9, 0xe38d, 0x7713, 0x0607, 0xc31d, 0x17b7, 0x003d, 0x8793, 0x9007,
    0xc581, 0xb023, 0x0005, 0xe59c, 0x60a2, 0x6402, 0x4501, 0x0141, 0x8082, 0xa783,
    0x0e86, 0x1782, 0x9381, 0xb7dd, 0x0893, 0x0720, 0x0073, 0x0000, 0x60a2, 0x6402,
    0x2501, 0x0141, 0x8082,
};

/* Debian's 7.2.13+deb14 vDSO for programs with control-flow integrity,
 * __vdso_clock_getres's last 28 bytes: ...; li a7, 114; ecall; ld s0,
 * 0(sp); ld t0, 8(sp); sext.w a0; addi sp, 16; sspopchk t0; jr t0 */
static const uint16_t debian_7_2_cfi_tail[] = {
    0x9007, 0xbfe9, 0x0893, 0x0720, 0x0073, 0x0000, 0x6402,
    0x62a2, 0x2501, 0x0141, 0xc073, 0xcdc2, 0x8282,
};

Test(exit_gadget, debian)
{
    uint64_t frame = 99;
    cr_assert_eq(found(debian_6_12, sizeof debian_6_12 / 2, &frame), 0x70);
    cr_assert_eq(frame, 2);
    frame = 99;
    cr_assert_eq(found(debian_7_2_cfi_tail, sizeof debian_7_2_cfi_tail / 2, &frame), 8);
    cr_assert_eq(frame, 2);
}

Test(exit_gadget, taken)
{
    TAKEN(0, 0, ECALL, RET);
    TAKEN(2, 2, NOP, ECALL, LD_RA_8, LD_S0_0, SEXT_A0, ADDI_SP_16, RET);
    /* the same, 32-bit: ld ra, 8(sp); ld s0, 0(sp); addiw a0, a0, 0;
     * addi sp, sp, 16; jalr x0, 0(ra) */
    TAKEN(0, 2, ECALL, 0x3083, 0x0081, 0x3403, 0x0001, 0x051b, 0x0005, 0x0113, 0x0101,
          0x8067, 0x0000);
    /* a 48-byte frame: c.ldsp ra, 40(sp); c.addi16sp 48; clears: c.li a5, 0
     * and li a4, 0 */
    TAKEN(0, 6, ECALL, 0x70a2, 0x4781, 0x6145, 0x0713, 0x0000, RET);
    /* two: the last is taken */
    TAKEN(8, 0, ECALL, RET, NOP, ECALL, RET);
}

Test(exit_gadget, refused)
{
    REFUSED(ECALL, 0x6082, LD_S0_0, ADDI_SP_16, RET);   /* ra from 0(sp), not the top word */
    REFUSED(ECALL, ADDI_SP_16, LD_RA_8, RET);           /* a load after the adjustment */
    REFUSED(ECALL, LD_RA_8, RET);                       /* a load and no frame */
    REFUSED(ECALL, 0x4081, RET);                        /* c.li ra, 0 */
    REFUSED(ECALL, LD_RA_8, 0x1141, RET);               /* addi sp, -16 */
    REFUSED(ECALL, LD_RA_8, ADDI_SP_16, ADDI_SP_16, RET);   /* two adjustments */
    REFUSED(ECALL, 0x852e, RET);                        /* mv a0, a1 */
    REFUSED(ECALL, 0x6162, LD_RA_8, 0x6145, RET);       /* ld sp, 24(sp) */
    REFUSED(ECALL, 0x80e7, 0x0000);                     /* jalr ra, 0(ra): a call */
    REFUSED(ECALL, 0x8067, 0x0040);                     /* jalr x0, 4(ra) */
    REFUSED(NOP, ECALL, LD_RA_8, ADDI_SP_16);           /* the function ends first */
    REFUSED(NOP, NOP, RET);                             /* no ecall */
    REFUSED(0x0073, 0x0010, RET);                       /* ebreak */
}

static const uint16_t plain[] = { ECALL, RET };
EXIT_COMMON_TESTS(plain, 0)

Test(exit_gadget, enter_through_frame)
{
    static const uint16_t epilogue[] = { ECALL, LD_RA_8, LD_S0_0, SEXT_A0, ADDI_SP_16, RET };
    cr_assert_eq(exit_enter_through(epilogue, sizeof epilogue, 2, 0), 0);
    /* a larger frame (c.ldsp ra, 40(sp); c.ldsp s0, 32(sp); c.addi16sp 48),
     * every word reloaded but the top one zeroed */
    static const uint16_t wide[] = { ECALL, 0x70a2, 0x7402, 0x6145, RET };
    cr_assert_eq(exit_enter_through(wide, sizeof wide, 6, 0), 0);
}
