; arch_sigreturn: the sa_restorer of every handler libsys installs.
;
; x86_64 delivers a signal only to a handler with SA_RESTORER: the kernel
; pushes sa_restorer as the handler's return address, and that code must
; call rt_sigreturn to restore the interrupted context from the signal
; frame, which starts at rsp on return (arch/x86/kernel/signal_64.c).

default rel
section .text

global arch_sigreturn:function hidden

arch_sigreturn:
        mov     eax, 15                 ; __NR_rt_sigreturn
        syscall

section .note.GNU-stack noalloc noexec nowrite progbits
