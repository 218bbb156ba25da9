/* Raw Linux system calls for aarch64.
 *
 * C calling convention (AAPCS64 §6.8.2): the syscall number arrives in x0 and
 * arguments 1-6 in x1-x6.  Kernel convention (the kernel's
 * arch/arm64/kernel/syscall.c, musl's arch/aarch64/syscall_arch.h): number
 * in x8, arguments in x0-x5, `svc #0`; the result (-errno on failure) comes
 * back in x0 and every other register is preserved.  One body serves all
 * arities: unused argument registers are passed along harmlessly. */

        .text
        .p2align 2
        .irp    n, 0, 1, 2, 3, 4, 5, 6
        .globl  _syscall\n
        .hidden _syscall\n
        .type   _syscall\n, %function
_syscall\n\():
        .endr
        mov     x8, x0
        mov     x0, x1
        mov     x1, x2
        mov     x2, x3
        mov     x3, x4
        mov     x4, x5
        mov     x5, x6
        svc     #0
        ret

        .section .note.GNU-stack, "", %progbits
