; arch_enter(const struct enter_plan *plan)
;
; The last steps before a program's first instruction (libsys/enter_plan.h):
; run the plan's system calls in order, copy the prepared initial stack image
; to [sp, sp + len) -- len is a multiple of 8 and the regions may overlap,
; so this is a memmove of quadwords -- switch to it and jump to entry with
; the register state execve gives a new program: every general register
; zero, rdx = 0 meaning "no atexit function" (psABI §3.4.1), direction flag
; clear.  Uses no stack of its own, so the copy may overwrite our frames.
;
; The code from arch_enter to arch_enter_end refers to nothing outside
; itself, so the loader runs a copy of it from anonymous memory while its
; own file's mappings are removed by the steps.
;
; struct enter_plan: image +0, len +8, sp +16, entry +24, nsteps +32, then
; steps of 64 bytes from +40: number +0, six arguments +8..+48, fallback +56
; (a fallback step runs only when the last other step returned an error);
; after the 8 steps the exit: via +552, frame +560, number +568, two
; arguments +576, +584.  With an exit, rax, rdi and rsi hold the exit's
; result and arguments at entry, and rcx and r11 what `syscall` left there,
; unless the exit's code clears them: the psABI (§3.4.1) gives no value to
; any register but rsp and rdx at entry.

EXIT_VIA   equ 552
EXIT_FRAME equ 560
EXIT_NR    equ 568
EXIT_ARG   equ 576

default rel
section .text

global arch_enter:function hidden
global arch_enter_end:data hidden

arch_enter:
        mov     r12, rdi                ; the plan (syscall keeps r12-r15)
        mov     r14, [r12 + 32]         ; steps left
        lea     r15, [r12 + 40]         ; the current step
        xor     r13d, r13d              ; result of the last ordinary step
.step:
        test    r14, r14
        jz      .copy
        cmp     qword [r15 + 56], 0
        je      .run
        test    r13, r13                ; a fallback runs only after -errno
        jns     .next
.run:
        mov     rax, [r15]              ; psABI §A.2.1: number in rax,
        mov     rdi, [r15 + 8]          ; arguments in rdi, rsi, rdx, r10,
        mov     rsi, [r15 + 16]         ; r8, r9
        mov     rdx, [r15 + 24]
        mov     r10, [r15 + 32]
        mov     r8,  [r15 + 40]
        mov     r9,  [r15 + 48]
        syscall
        cmp     qword [r15 + 56], 0
        jne     .next
        mov     r13, rax
.next:
        add     r15, 64
        dec     r14
        jmp     .step
.copy:
        mov     rsi, [r12]              ; image
        mov     rcx, [r12 + 8]
        shr     rcx, 3                  ; quadword count
        mov     rdi, [r12 + 16]         ; destination: the new stack pointer
        mov     rax, [r12 + 24]         ; entry point
        mov     r11, rdi
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
        push    rax                     ; the entry point: a return address
        xor     ebp, ebp
        mov     r13, [r12 + EXIT_VIA]
        test    r13, r13
        jz      .clear
        ; The exit: its code makes the call (rax, rdi, rsi) and returns,
        ; after popping exit_frame words (0, or 1 with `pop rbp` or `leave`,
        ; which first sets rsp from rbp), to the entry point with rsp = sp.
        cmp     qword [r12 + EXIT_FRAME], 0
        je      .via
        push    rbp                     ; 0: the rbp it pops
        mov     rbp, rsp
.via:
        push    r13                     ; our ret goes there
        mov     rax, [r12 + EXIT_NR]
        mov     rdi, [r12 + EXIT_ARG]
        mov     rsi, [r12 + EXIT_ARG + 8]
        jmp     .rest
.clear:
        xor     eax, eax
        xor     esi, esi
        xor     edi, edi
.rest:
        xor     ebx, ebx
        xor     ecx, ecx
        xor     edx, edx
        xor     r8d, r8d
        xor     r9d, r9d
        xor     r10d, r10d
        xor     r11d, r11d
        xor     r12d, r12d
        xor     r13d, r13d
        xor     r14d, r14d
        xor     r15d, r15d
        ret                             ; to the exit or the entry point
arch_enter_end:

section .note.GNU-stack noalloc noexec nowrite progbits
