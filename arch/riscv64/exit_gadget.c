/* The loader's exit on riscv64 (loader/vdso_exit.h): in the vDSO's
 * __vdso_clock_getres, its fallback system call, `ecall`, followed only by
 * the function's epilogue and a jump through the return address it
 * reloads.  Debian's 6.12 and 7.2 kernels have there
 *
 *     li a7, 114; ecall; ld ra, 8(sp); ld s0, 0(sp); sext.w a0, a0;
 *     addi sp, sp, 16; ret
 *
 * and their 7.2 kernel's vDSO for programs with control-flow integrity
 * reloads t0 instead and ends `sspopchk t0; jr t0`.  Taken, from the
 * ecall on:
 *
 *     ld rd, off(sp)      C.LDSP or LD: before the stack adjustment, off a
 *                         multiple of 8 inside the frame; rd not sp
 *     addi sp, sp, n      C.ADDI, C.ADDI16SP or ADDI, at most once: the
 *                         frame, n a positive multiple of 8 up to
 *                         EXIT_FRAME_MAX bytes
 *     sext.w rd; li rd, 0 C.ADDIW/ADDIW rd, rd, 0; C.LI/ADDI rd, x0, 0
 *     sspopchk rs         Zicfiss; writes nothing (its rd is x0)
 *     jr rs / ret         C.JR or JALR x0, 0(rs): rs loaded from the top
 *                         word of the frame (off = n - 8), or, without a
 *                         frame and without loads, ra
 *
 * exit_frame is the frame's size in words: arch_enter (enter.S) puts the
 * entry point in its top word and in ra and zeroes the rest, so that s0
 * reloads as 0 (the psABI's "no frame" for a program's first frame).
 * (encodings: RISC-V unprivileged ISA, RV32I/RV64I base formats, "C"
 * extension chapter for the compressed ones, Zicfiss for SSPOPCHK.)
 * Parcels are 16 bits; an instruction whose low two bits are 11 is 32
 * bits long.  The scan goes from the function's end backwards, 2 bytes at
 * a time, to an ecall, and decodes forwards from there: what is decoded
 * is what the CPU runs when arch_enter jumps there. */
#include "arch.h"

#define ECALL          0x00000073u
#define EXIT_FRAME_MAX 256
#define SP             2
#define RA             1

static uint32_t parcel(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static int64_t sext(uint32_t v, int bits)
{
    return (int64_t)((uint64_t)v << (64 - bits)) >> (64 - bits);
}

/* What one instruction does to the sequence. */
enum kind { OTHER, LOAD, ADJUST, HARMLESS, JUMP };

struct insn {
    enum kind kind;
    unsigned rd;                /* LOAD: the register; JUMP: rs1 */
    int64_t imm;                /* LOAD: the offset; ADJUST: n */
};

static struct insn decode16(uint32_t w)
{
    unsigned rd = w >> 7 & 31, f3 = w >> 13, op = w & 3;
    int64_t ci = sext((w >> 12 & 1) << 5 | (w >> 2 & 31), 6);    /* CI-format immediate */
    if (op == 2 && f3 == 3 && rd)                                   /* C.LDSP */
        return (struct insn){ LOAD, rd, (w >> 12 & 1) << 5 | (w >> 5 & 3) << 3 |
                                        (w >> 2 & 7) << 6 };
    if (op == 1 && f3 == 0 && rd == SP)                             /* C.ADDI sp */
        return (struct insn){ ADJUST, SP, ci };
    if (op == 1 && f3 == 3 && rd == SP)                             /* C.ADDI16SP */
        return (struct insn){ ADJUST, SP, sext((w >> 12 & 1) << 9 | (w >> 3 & 3) << 7 |
                                               (w >> 5 & 1) << 6 | (w >> 2 & 1) << 5 |
                                               (w >> 6 & 1) << 4, 10) };
    if (op == 1 && (f3 == 1 || f3 == 2) && rd && ci == 0)          /* C.ADDIW 0, C.LI 0 */
        return (struct insn){ HARMLESS, rd, 0 };
    if (op == 2 && w >> 12 == 8 && rd && !(w >> 2 & 31))           /* C.JR */
        return (struct insn){ JUMP, rd, 0 };
    return (struct insn){ OTHER, 0, 0 };
}

static struct insn decode32(uint32_t w)
{
    unsigned opcode = w & 0x7f, rd = w >> 7 & 31, f3 = w >> 12 & 7, rs1 = w >> 15 & 31;
    int64_t imm = sext(w >> 20, 12);
    if (opcode == 0x03 && f3 == 3 && rs1 == SP && rd)               /* LD */
        return (struct insn){ LOAD, rd, imm };
    if (opcode == 0x13 && f3 == 0 && rd == SP && rs1 == SP)         /* ADDI sp, sp */
        return (struct insn){ ADJUST, SP, imm };
    if (((opcode == 0x13 && rs1 == 0) || (opcode == 0x1b && rs1 == rd)) &&
        f3 == 0 && rd && imm == 0)                                  /* LI 0, SEXT.W */
        return (struct insn){ HARMLESS, rd, 0 };
    if (w == 0xcdc0c073u || w == 0xcdc2c073u)                       /* SSPOPCHK ra, t0 */
        return (struct insn){ HARMLESS, 0, 0 };
    if (opcode == 0x67 && f3 == 0 && rd == 0 && rs1 && imm == 0)    /* JALR x0, 0(rs1) */
        return (struct insn){ JUMP, rs1, 0 };
    return (struct insn){ OTHER, 0, 0 };
}

/* Decode from the ecall at code + at: whether the sequence is taken, and
 * its frame in words. */
static int sequence_after(const unsigned char *code, size_t at, size_t size, uint64_t *frame)
{
    int64_t loaded[32], frame_bytes = -1;
    for (int r = 0; r < 32; r++)
        loaded[r] = -1;                     /* not reloaded from the stack */
    for (size_t p = at + 4; p + 2 <= size;) {
        uint32_t w = parcel(code + p);
        int wide = (w & 3) == 3;
        if (wide && p + 4 > size)
            return 0;
        struct insn in = wide ? decode32(w | parcel(code + p + 2) << 16) : decode16(w);
        p += wide ? 4 : 2;
        switch (in.kind) {
        case LOAD:
            if (frame_bytes >= 0 || in.rd == SP || in.imm % 8 || in.imm < 0 ||
                in.imm >= EXIT_FRAME_MAX)
                return 0;
            loaded[in.rd] = in.imm;
            break;
        case ADJUST:
            if (frame_bytes >= 0 || in.imm <= 0 || in.imm % 8 || in.imm > EXIT_FRAME_MAX)
                return 0;
            frame_bytes = in.imm;
            break;
        case HARMLESS:
            if (in.rd)
                loaded[in.rd] = -2;         /* cleared or changed: no return address */
            break;
        case JUMP:
            for (int r = 0; r < 32; r++)
                if (loaded[r] >= 0 && loaded[r] >= frame_bytes)
                    return 0;               /* a load from outside the frame */
            if (frame_bytes < 0 ? in.rd != RA || loaded[RA] != -1
                                : loaded[in.rd] != frame_bytes - 8)
                return 0;
            *frame = frame_bytes < 0 ? 0 : (uint64_t)frame_bytes / 8;
            return 1;
        case OTHER:
            return 0;
        }
    }
    return 0;
}

const unsigned char *arch_exit_gadget(const unsigned char *code, size_t size, uint64_t *frame)
{
    for (size_t at = size & ~(size_t)1; at >= 2;) {   /* from the last ecall back */
        at -= 2;
        if (at + 4 <= size && (parcel(code + at) | parcel(code + at + 2) << 16) == ECALL &&
            sequence_after(code, at, size, frame))
            return code + at;
    }
    return 0;
}
