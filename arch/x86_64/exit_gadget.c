/* The loader's exit on x86_64 (loader/vdso_exit.h): in the vDSO's
 * clock_getres, its fallback system call, `syscall` (0f 05) followed only by
 * instructions that clear registers and a return:
 *
 *     xor r32, r32      31 /r or, for r8d-r15d, 45 31 /r, ModRM mod 11 with
 *                       reg = rm (kernels built with -fzero-call-used-regs)
 *     pop %rbp / leave  5d / c9, at most one: the frame pointer's epilogue
 *     ret               c3
 *
 * (encodings: Intel SDM vol. 2, SYSCALL, XOR, POP, LEAVE, RET; REX in 2.2.1)
 * The last such sequence in the function is taken: compilers put the slow
 * path, the system call, at its end.  The scan is of bytes, not decoded
 * instructions: bytes found inside a longer instruction still decode, from
 * their first, as exactly the sequence checked.  It goes backwards from
 * each ret, so that the usual case, the sequence at the function's end,
 * costs a few dozen instructions. */
#include "arch.h"

/* The two bytes before p as one little-endian value (first byte low) */
static unsigned two_before(const unsigned char *p)
{
    uint16_t v;
    __builtin_memcpy(&v, p - 2, 2);
    return v;
}

/* xor r32, r32: 31 and a ModRM byte of mod 11 with reg = rm, an
 * instruction of a register with itself: c0 + 9 * reg (c0, c9, d2, ... ff),
 * the bits 9 * reg of SELF_MODRM once mod is known to be 11 */
#define SELF_MODRM 0x8040201008040201ull
static int self_xor(unsigned two)
{
    return (two & 0xc0ff) == 0xc031 && (SELF_MODRM >> (two >> 8 & 63) & 1);
}

/* Read backwards from a ret at code + end: the syscall that begins the
 * sequence ending there, or 0.  Walking back is exact: the instructions
 * allowed end in a self ModRM byte, 5d, c9 or the 05 of a syscall, none of
 * which is 31 or 45, so a 31 before a self ModRM byte begins a xor (31 c9
 * is xor %ecx,%ecx, not a byte 31 and a leave), a 45 before it is its REX
 * prefix, and the bytes from the syscall on decode forwards as the same
 * instructions. */
static const unsigned char *sequence_before(const unsigned char *code, size_t end,
                                            uint64_t *frame)
{
    int pops = 0;
    while (end >= 2) {
        unsigned two = two_before(code + end);
        end -= 2;
        if (self_xor(two)) {                        /* (31 c9 is no leave) */
            if (end && code[end - 1] == 0x45)       /* REX.R and REX.B: r8d-r15d */
                end--;
        } else if (two == 0x050f) {
            *frame = (uint64_t)pops;
            return code + end;
        } else if ((two >> 8 == 0x5d || two >> 8 == 0xc9) && !pops) {
            pops = 1;
            end++;
        } else {
            return 0;
        }
    }
    return 0;
}

const unsigned char *arch_exit_gadget(const unsigned char *code, size_t size, uint64_t *frame)
{
    for (size_t ret = size; ret-- > 0;) {          /* each ret, from the last one */
        if (code[ret] != 0xc3)
            continue;
        const unsigned char *s = sequence_before(code, ret, frame);
        if (s)
            return s;
    }
    return 0;
}
