; The resolvers rtld puts in TLS descriptors (R_X86_64_TLSDESC,
; rtld/reloc_tlsdesc.c).  The code calls one with the descriptor's address
; in rax (call [rax]) and adds the rax it returns, the variable's offset
; from the thread pointer, to the thread pointer (fs:0).  Unlike an
; ordinary call, the resolver must preserve every register but rax and the
; flags: GCC emits the call without saving anything (Oliva, Ferreira and
; Drepper, "Thread-Local Storage Descriptors for IA32 and AMD64/EM64T").

default rel
section .text

global arch_tlsdesc_static:function hidden
global arch_tlsdesc_dynamic:function hidden
extern arch_tlsdesc_get_addr
extern arch_tlsdesc_unloads

; Static TLS: the argument is the offset itself.
arch_tlsdesc_static:
        mov     rax, [rax + 8]
        ret

; A module loaded by dlopen: the argument is module id << 32 | offset.  The
; thread's dtv (musl keeps its address in struct pthread's second word, the
; thread pointer being the struct's address in TLS variant II; dtv[0] is
; its length n, dtv[id] the module's block or 0) gives the block when this
; thread has one and no module with TLS was unloaded since the dtv was last
; swept (dtv[n + 1], in a dtv long enough for a dynamic module's id:
; rtld/musl/glue.c): the unloaded module's id may be this module's now.
; Otherwise our libc's __tls_get_addr sweeps the dtv and makes the block.
arch_tlsdesc_dynamic:
        push    rcx
        push    rdx
        push    rsi
        mov     rax, [rax + 8]
        mov     rdx, [fs:8]             ; dtv
        mov     rcx, rax
        shr     rcx, 32                 ; module id
        mov     rsi, [rdx]
        cmp     rcx, rsi
        ja      .first_use              ; beyond this thread's dtv
        mov     rsi, [rdx + 8 * rsi + 8] ; the unload count at its last sweep
        mov     rdx, [arch_tlsdesc_unloads]
        cmp     rsi, [rdx]
        jne     .first_use              ; unloads since
        mov     rdx, [fs:8]
        mov     rdx, [rdx + 8 * rcx]
        test    rdx, rdx
        jz      .first_use              ; no block yet
        mov     eax, eax                ; the offset (zero-extended)
        add     rax, rdx
        sub     rax, [fs:0]             ; block + offset - thread pointer
        pop     rsi
        pop     rdx
        pop     rcx
        ret
; __tls_get_addr is C: keep every register an ordinary call may change
; (psABI §3.2.1), the SSE and x87 state whole with fxsave (musl is built
; for the x86-64 baseline: no AVX, and legacy SSE instructions leave the
; upper halves of ymm registers alone), and call it on a 16-byte aligned
; stack with a pointer to { module id, offset }.
.first_use:
        push    rdi
        push    r8
        push    r9
        push    r10
        push    r11
        push    rbp
        mov     rbp, rsp
        and     rsp, -16
        sub     rsp, 512                ; fxsave's area, 16-byte aligned
        fxsave  [rsp]
        mov     eax, eax
        push    rax                     ; offset
        push    rcx                     ; module id
        mov     rdi, rsp
        call    [arch_tlsdesc_get_addr] ; the variable's address
        sub     rax, [fs:0]
        fxrstor [rsp + 16]
        mov     rsp, rbp
        pop     rbp
        pop     r11
        pop     r10
        pop     r9
        pop     r8
        pop     rdi
        pop     rsi
        pop     rdx
        pop     rcx
        ret

section .note.GNU-stack noalloc noexec nowrite progbits
