/* Process entry for our freestanding programs (loader, rtld).
 *
 * At entry the kernel leaves sp pointing at argc, with argv, envp and auxv
 * above it, sp 16-byte aligned as AAPCS64 §6.4.5.1 requires at all times
 * (the kernel's arch/arm64/kernel/process.c start_thread).  We pass that
 * stack pointer to C and clear the frame pointer and link register, so that
 * the outermost frame is recognisable to debuggers (AAPCS64 §6.4.6). */

        .text
        .p2align 2
        .globl  _start
        .hidden _start
        .type   _start, %function
_start:
        mov     x29, #0
        mov     x30, #0
        mov     x0, sp                  /* uintptr_t *sp: &argc */
        bl      start_main              /* noreturn */
        udf     #0

        .section .note.GNU-stack, "", %progbits
