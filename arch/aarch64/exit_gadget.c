/* The loader's exit on aarch64 (loader/vdso_exit.h): in the vDSO's
 * __kernel_clock_getres, its fallback system call, `svc #0`, followed only
 * by instructions that clear registers, at most one `autiasp`, and `ret`.
 * Debian's 6.1 kernel has `mov x8, #114; svc #0; autiasp; ret` there (its
 * vDSO is built with pointer authentication and BTI).
 *
 *     svc #0            d4000001
 *     mov xN/wN, #0     d2800000 / 52800000 | N, N not 30: x30 holds the
 *                       entry point (MOVZ with a zero immediate)
 *     autiasp           d50323bf: authenticates x30 against sp, so the
 *                       entry point must be signed (exit_frame 1: arch_enter
 *                       signs it with paciasp at the same sp)
 *     ret               d65f03c0
 *
 * (encodings: Arm ARM DDI 0487, C6.2: SVC, MOVZ, AUTIASP = HINT #29, RET)
 * Instructions are 4 bytes, aligned: read backwards from each ret, last
 * first, as the slow path is at the function's end. */
#include "arch.h"

#define SVC0     0xd4000001u
#define AUTIASP  0xd50323bfu
#define RET      0xd65f03c0u

static uint32_t insn(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int clears(uint32_t w)
{
    return ((w & ~0x1fu) == 0xd2800000u || (w & ~0x1fu) == 0x52800000u) && (w & 0x1f) != 30;
}

/* The svc that begins the sequence ending in the ret at code + end, or 0. */
static const unsigned char *sequence_before(const unsigned char *code, size_t end,
                                            uint64_t *frame)
{
    int signed_lr = 0;
    while (end >= 4) {
        end -= 4;
        uint32_t w = insn(code + end);
        if (w == SVC0) {
            *frame = (uint64_t)signed_lr;
            return code + end;
        }
        if (w == AUTIASP && !signed_lr)
            signed_lr = 1;
        else if (!clears(w))
            return 0;
    }
    return 0;
}

const unsigned char *arch_exit_gadget(const unsigned char *code, size_t size, uint64_t *frame)
{
    for (size_t ret = size & ~(size_t)3; ret >= 4;) {
        ret -= 4;
        if (insn(code + ret) != RET)
            continue;
        const unsigned char *s = sequence_before(code, ret, frame);
        if (s)
            return s;
    }
    return 0;
}
