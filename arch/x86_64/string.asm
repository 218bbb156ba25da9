; memset, memcpy and memmove for x86_64: the bulk moves eight bytes per rep
; iteration (memset: 256 bytes per loop of AVX2 stores where there are),
; the remainder one byte at a time.  (System V psABI §3.2.1: the
; direction flag is clear on function entry and must be on return.)

default rel
section .text

global memset:function hidden
global memcpy:function hidden
global memmove:function hidden

; void *memset(void *d, int c, size_t n)
;
; Runs of 256 bytes go with eight 32-byte AVX2 stores where the CPU and the
; kernel support them (CPUID.(7,0):EBX bit 5, OSXSAVE and XCR0's SSE and
; AVX state bits: Intel SDM vol. 1 §14.3), asked once.  The loader clears
; the rest of a page this way before a program starts, so ymm0 is zero
; again on return (vzeroupper clears the upper halves), as the kernel
; leaves it for a new program; for everyone else it is caller-saved.
memset:
        mov     r8, rdi                 ; return value
        movzx   eax, sil
        mov     rsi, 0x0101010101010101
        imul    rax, rsi                ; the byte in all eight lanes
        cmp     rdx, 256
        jb      .tail
        mov     ecx, [avx2_state]
        test    ecx, ecx
        jz      .probe
.probed:
        cmp     ecx, 2
        jne     .tail
        vmovq   xmm0, rax
        vpbroadcastq ymm0, xmm0         ; ... and in all 32
.block32:
        vmovdqu [rdi], ymm0
        vmovdqu [rdi + 32], ymm0
        vmovdqu [rdi + 64], ymm0
        vmovdqu [rdi + 96], ymm0
        vmovdqu [rdi + 128], ymm0
        vmovdqu [rdi + 160], ymm0
        vmovdqu [rdi + 192], ymm0
        vmovdqu [rdi + 224], ymm0
        add     rdi, 256
        sub     rdx, 256
        cmp     rdx, 256
        jae     .block32
        vpxor   xmm0, xmm0, xmm0        ; zero, upper half included
        vzeroupper
.tail:
        mov     rcx, rdx
        shr     rcx, 3
        rep stosq
        mov     rcx, rdx
        and     rcx, 7
        rep stosb
        mov     rax, r8
        ret
.probe:                                 ; avx2_state: 1 no, 2 yes
        push    rbx
        push    rax
        push    rdx
        mov     r9d, 1
        mov     eax, 1
        cpuid
        bt      ecx, 27                 ; OSXSAVE: xgetbv is allowed
        jnc     .known
        bt      ecx, 28                 ; AVX
        jnc     .known
        xor     ecx, ecx
        xgetbv                          ; XCR0 in edx:eax
        and     eax, 6
        cmp     eax, 6                  ; the kernel saves SSE and AVX state
        jne     .known
        mov     eax, 7
        xor     ecx, ecx
        cpuid
        bt      ebx, 5                  ; AVX2
        jnc     .known
        mov     r9d, 2
.known:
        mov     [avx2_state], r9d
        mov     ecx, r9d
        pop     rdx
        pop     rax
        pop     rbx
        jmp     .probed

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

section .bss.hot nobits alloc noexec write align=4     ; written on most runs:
avx2_state:     resd 1                  ; 0 until memset has asked the CPU
                                        ; (with the loader's other hot variables)

section .note.GNU-stack noalloc noexec nowrite progbits
