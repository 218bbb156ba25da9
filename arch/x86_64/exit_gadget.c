/* The loader's exit on x86_64 (loader/vdso_exit.h): in the vDSO's
 * clock_getres, its fallback system call, `syscall` (0f 05) followed only by
 * instructions that clear registers and a return:
 *
 *     xor r32, r32      31 /r or, for r8d-r15d, 45 31 /r, ModRM mod 11 with
 *                       reg = rm (kernels built with -fzero-call-used-regs)
 *     pop %rbp / leave  5d / c9, at most one: the frame pointer's epilogue
 *     ret               c3
 *
 * The last such sequence in the function is taken: compilers put the slow
 * path, the system call, at its end.  The scan is of bytes, not decoded
 * instructions: bytes found inside a longer instruction still decode, from
 * their first, as exactly the sequence checked. */
#include "arch.h"

/* ModRM mod 11 with reg = rm: an instruction of a register with itself */
static int self_modrm(unsigned char m)
{
    return (m & 0xc0) == 0xc0 && ((m >> 3 ^ m) & 7) == 0;
}

/* Words the sequence from p (before end) pops before its ret (0 or 1), or
 * -1 if it is not one of the above. */
static int exit_frame(const unsigned char *p, const unsigned char *end)
{
    int pops = 0;
    while (p < end) {
        if (*p == 0xc3)
            return pops;
        if ((*p == 0x5d || *p == 0xc9) && !pops) {
            pops = 1;
            p++;
            continue;
        }
        p += *p == 0x45;                        /* REX.R and REX.B: r8d-r15d */
        if (end - p < 2 || p[0] != 0x31 || !self_modrm(p[1]))
            return -1;
        p += 2;
    }
    return -1;
}

const unsigned char *arch_exit_gadget(const unsigned char *code, size_t size, uint64_t *frame)
{
    const unsigned char *end = code + size;
    for (const unsigned char *s = size >= 2 ? end - 1 : code; s > code;) {
        s--;                                    /* a syscall at s, from end - 2 down */
        if (s[1] != 0x05 || s[0] != 0x0f)
            continue;
        int pops = exit_frame(s + 2, end);
        if (pops >= 0) {
            *frame = (uint64_t)pops;
            return s;
        }
    }
    return 0;
}
