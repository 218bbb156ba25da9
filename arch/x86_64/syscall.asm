; Raw Linux system calls for x86_64.
;
; C calling convention (psABI §3.2.3): the syscall number arrives in rdi and
; arguments 1-5 in rsi, rdx, rcx, r8, r9; argument 6 is on the stack.
; Kernel convention (psABI §A.2.1): number in rax, arguments in rdi, rsi, rdx,
; r10, r8, r9; the kernel clobbers rcx and r11 and returns -errno in rax.

default rel
section .text

global _syscall0:function hidden
global _syscall1:function hidden
global _syscall2:function hidden
global _syscall3:function hidden
global _syscall4:function hidden
global _syscall5:function hidden
global _syscall6:function hidden

_syscall6:
        mov     rax, rdi
        mov     rdi, rsi
        mov     rsi, rdx
        mov     rdx, rcx
        mov     r10, r8
        mov     r8, r9
        mov     r9, [rsp + 8]           ; 7th C argument: first stack slot
        syscall
        ret

_syscall5:
_syscall4:
        mov     r10, r8                 ; argument 4: rcx is clobbered by syscall
        mov     r8, r9
_syscall3:
_syscall2:
_syscall1:
_syscall0:
        mov     rax, rdi
        mov     rdi, rsi
        mov     rsi, rdx
        mov     rdx, rcx
        syscall
        ret

section .note.GNU-stack noalloc noexec nowrite progbits
