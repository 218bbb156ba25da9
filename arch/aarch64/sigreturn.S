/* arch_sigreturn: the sa_restorer of every handler libsys installs.
 *
 * With SA_RESTORER the arm64 kernel sets the handler's link register to
 * sa_restorer (arch/arm64/kernel/signal.c setup_return); otherwise it uses
 * the vDSO's trampoline, which a process without a vDSO (qemu-user 7.2
 * gives none) lacks.  The restorer calls rt_sigreturn, which restores the
 * interrupted context from the signal frame at sp. */
#include <asm/unistd.h>

        .text
        .p2align 2
        .globl  arch_sigreturn
        .hidden arch_sigreturn
        .type   arch_sigreturn, %function
arch_sigreturn:
        mov     x8, #__NR_rt_sigreturn
        svc     #0

        .section .note.GNU-stack, "", %progbits
