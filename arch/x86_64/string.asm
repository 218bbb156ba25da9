; memset and memcpy for x86_64: the bulk moves eight bytes per rep
; iteration (memset: 128 bytes per loop of SSE2 stores), the remainder one
; byte at a time.  (System V psABI §3.2.1: the
; direction flag is clear on function entry and must be on return.)

default rel
section .text

global memset:function hidden
global memcpy:function hidden

; void *memset(void *d, int c, size_t n)
;
; Runs of 128 bytes go with eight 16-byte SSE2 stores (SSE2 is part of
; x86_64, psABI §3.1.1); the loader clears the rest of a page this way
; before a program starts, so xmm0 is zero again on return, as the kernel
; leaves it for a new program (and caller-saved for everyone else).
memset:
        mov     r8, rdi                 ; return value
        movzx   eax, sil
        mov     rsi, 0x0101010101010101
        imul    rax, rsi                ; the byte in all eight lanes
        cmp     rdx, 128
        jb      .tail
        movq    xmm0, rax
        punpcklqdq xmm0, xmm0           ; ... and in all sixteen
.block:
        movups  [rdi], xmm0
        movups  [rdi + 16], xmm0
        movups  [rdi + 32], xmm0
        movups  [rdi + 48], xmm0
        movups  [rdi + 64], xmm0
        movups  [rdi + 80], xmm0
        movups  [rdi + 96], xmm0
        movups  [rdi + 112], xmm0
        add     rdi, 128
        sub     rdx, 128
        cmp     rdx, 128
        jae     .block
        pxor    xmm0, xmm0
.tail:
        mov     rcx, rdx
        shr     rcx, 3
        rep stosq
        mov     rcx, rdx
        and     rcx, 7
        rep stosb
        mov     rax, r8
        ret

; void *memcpy(void *restrict d, const void *restrict s, size_t n)
memcpy:
        mov     rax, rdi
        mov     rcx, rdx
        shr     rcx, 3
        rep movsq
        mov     rcx, rdx
        and     rcx, 7
        rep movsb
        ret

section .note.GNU-stack noalloc noexec nowrite progbits
