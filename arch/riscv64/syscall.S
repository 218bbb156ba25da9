/* Raw Linux system calls for riscv64.
 *
 * C calling convention (RISC-V psABI, "Integer Calling Convention"): the
 * syscall number arrives in a0 and arguments 1-6 in a1-a6.  Kernel
 * convention (the kernel's arch/riscv/kernel/traps.c, musl's
 * arch/riscv64/syscall_arch.h): number in a7, arguments in a0-a5, `ecall`;
 * the result (-errno on failure) comes back in a0 and every other register
 * is preserved.  One body serves all arities. */

        .text
        .p2align 2
        .irp    n, 0, 1, 2, 3, 4, 5, 6
        .globl  _syscall\n
        .hidden _syscall\n
        .type   _syscall\n, @function
_syscall\n\():
        .endr
        mv      a7, a0
        mv      a0, a1
        mv      a1, a2
        mv      a2, a3
        mv      a3, a4
        mv      a4, a5
        mv      a5, a6
        ecall
        ret

        .section .note.GNU-stack, "", @progbits
