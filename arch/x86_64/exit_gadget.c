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

/* The length of a register-clearing xor at p (at most n bytes), or 0. */
static size_t clearing_xor(const unsigned char *p, size_t n)
{
    size_t rex = n > 0 && p[0] == 0x45;
    if (n < rex + 2 || p[rex] != 0x31)
        return 0;
    unsigned char modrm = p[rex + 1];
    return (modrm >> 6) == 3 && ((modrm >> 3) & 7) == (modrm & 7) ? rex + 2 : 0;
}

/* Words the sequence after a `syscall` at p pops before returning (0 or 1),
 * or -1 if it is not one of the above. */
static int exit_frame(const unsigned char *p, size_t n)
{
    int pops = 0;
    for (size_t i = 0, len; i < n; i += len) {
        if (p[i] == 0xc3)
            return pops;
        len = 1;
        if ((p[i] == 0x5d || p[i] == 0xc9) && !pops)
            pops = 1;
        else if (!(len = clearing_xor(p + i, n - i)))
            return -1;
    }
    return -1;
}

const unsigned char *arch_exit_gadget(const unsigned char *code, size_t size, uint64_t *frame)
{
    for (size_t end = size; end >= 2; end--) {     /* the syscall ends at end */
        if (code[end - 2] != 0x0f || code[end - 1] != 0x05)
            continue;
        int pops = exit_frame(code + end, size - end);
        if (pops >= 0) {
            *frame = (uint64_t)pops;
            return code + end - 2;
        }
    }
    return 0;
}
