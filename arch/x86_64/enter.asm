; arch_enter(const void *image, size_t len, void *sp, void (*entry)(void))
;
; Copies the prepared initial stack image to [sp, sp + len) -- len is a
; multiple of 8 and the regions may overlap, so this is a memmove of
; quadwords -- switches to it and jumps to entry with the
; register state execve gives a new program: every general register zero,
; rdx = 0 meaning "no atexit function" (psABI §3.4.1), direction flag clear.
; Uses no stack of its own, so the copy may overwrite our own frames.

default rel
section .text

global arch_enter:function hidden

arch_enter:
        mov     r11, rdx                ; new stack pointer
        mov     rax, rcx                ; entry point
        mov     rcx, rsi
        shr     rcx, 3                  ; quadword count
        mov     rsi, rdi                ; source
        mov     rdi, rdx                ; destination
        cmp     rdi, rsi
        jbe     .forward
        lea     rsi, [rsi + rcx*8 - 8]  ; destination above source: copy
        lea     rdi, [rdi + rcx*8 - 8]  ; from the top down
        std
        rep movsq
        cld                             ; psABI §3.4.1: DF clear at entry
        jmp     .switch
.forward:
        rep movsq
.switch:
        mov     rsp, r11
        push    rax                     ; the entry point becomes the
        xor     eax, eax                ; return address, so rax can be
        xor     ebx, ebx                ; cleared as well
        xor     ecx, ecx
        xor     edx, edx
        xor     esi, esi
        xor     edi, edi
        xor     ebp, ebp
        xor     r8d, r8d
        xor     r9d, r9d
        xor     r10d, r10d
        xor     r11d, r11d
        xor     r12d, r12d
        xor     r13d, r13d
        xor     r14d, r14d
        xor     r15d, r15d
        ret                             ; pops the entry: rsp = sp again

section .note.GNU-stack noalloc noexec nowrite progbits
