; memset, memcpy and memmove for x86_64: the bulk moves eight bytes per rep
; iteration (memset: 256 bytes per loop of SSE2 stores), the remainder one
; byte at a time.  (System V psABI §3.2.1: the direction flag is clear on
; function entry and must be on return.)

default rel
section .text

global memset:function hidden
global memcpy:function hidden
global memmove:function hidden

; void *memset(void *d, int c, size_t n)
;
; Runs of 256 bytes or more go with sixteen 16-byte stores per loop, and
; the last 256 bytes with sixteen more that may overlap the loop's last
; block.  SSE2 is part of x86-64 itself (psABI §3.1.1): nothing to ask the
; CPU first.  (CPUID, which would tell about wider stores, is an exit to
; the hypervisor in a virtual machine: more time than the whole loader.)
; The loader clears the rest of a page this way before a program starts,
; so xmm0 is zero again on return, as the kernel leaves it for a new
; program; for everyone else it is caller-saved.
memset:
        mov     r8, rdi                 ; return value
        movzx   eax, sil
        mov     rsi, 0x0101010101010101
        imul    rax, rsi                ; the byte in all eight lanes
        cmp     rdx, 256
        jb      .tail
        movq    xmm0, rax
        punpcklqdq xmm0, xmm0           ; ... and in all sixteen
        lea     rcx, [rdi + rdx - 256]  ; the last 256 bytes start here
.block:
%assign i 0
%rep 16
        movdqu  [rdi + i], xmm0
%assign i i + 16
%endrep
        add     rdi, 256
        cmp     rdi, rcx
        jb      .block
%assign i 0
%rep 16
        movdqu  [rcx + i], xmm0
%assign i i + 16
%endrep
        pxor    xmm0, xmm0
        mov     rax, r8
        ret
.tail:
        mov     rcx, rdx
        shr     rcx, 3
        rep stosq
        mov     rcx, rdx
        and     rcx, 7
        rep stosb
        mov     rax, r8
        ret

; void *memmove(void *d, const void *s, size_t n)
;
; Forward, as memcpy, unless d lies inside [s, s + n): then from the top
; down, the odd bytes first, so that every byte is read before it is
; overwritten.  (The loader moves its own stack table this way.)
memmove:
        mov     rax, rdi
        sub     rax, rsi
        cmp     rax, rdx                ; d - s < n, unsigned: d inside s's bytes
        jae     memcpy
        mov     rax, rdi
        lea     rsi, [rsi + rdx - 1]
        lea     rdi, [rdi + rdx - 1]
        mov     rcx, rdx
        and     rcx, 7
        std
        rep movsb
        sub     rsi, 7                  ; the quadwords below
        sub     rdi, 7
        mov     rcx, rdx
        shr     rcx, 3
        rep movsq
        cld
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
