; Process entry for our freestanding programs (loader, rtld).
;
; At entry the kernel leaves rsp pointing at argc, with argv, envp and auxv
; above it (psABI §3.4.1, Figure 3.9); every other register is unspecified
; except rdx (an atexit function, unused here).  We pass that stack pointer to
; C, realign (it is already 16-byte aligned at entry, psABI §3.4.1) and make
; the outermost frame recognisable to debuggers by clearing rbp.

default rel
section .text

global _start:function hidden
extern start_main

_start:
        xor     ebp, ebp
        mov     rdi, rsp                ; uintptr_t *sp: &argc
        and     rsp, -16
        call    start_main              ; noreturn
        ud2

section .note.GNU-stack noalloc noexec nowrite progbits
