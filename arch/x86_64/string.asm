; memset and memcpy for x86_64: the bulk moves eight bytes per rep
; iteration, the remainder one byte at a time.  (System V psABI §3.2.1: the
; direction flag is clear on function entry and must be on return.)

default rel
section .text

global memset:function hidden
global memcpy:function hidden

; void *memset(void *d, int c, size_t n)
memset:
        mov     r8, rdi                 ; return value
        movzx   eax, sil
        mov     rsi, 0x0101010101010101
        imul    rax, rsi                ; the byte in all eight lanes
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
