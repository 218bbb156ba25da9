/* arch_enter(const void *image, size_t len, void *sp, void (*entry)(void))
 *
 * Copies the prepared initial stack image to [sp, sp + len) -- len is a
 * multiple of 16 and the regions may overlap, so this is a memmove of
 * doublewords -- switches to it and jumps to entry with the register state
 * execve gives a new program: every general register zero (the kernel's
 * start_thread clears pt_regs; x0 = 0 means "no function for atexit", as
 * glibc's and musl's _start read it).  The jump needs the entry in a
 * register: x17 (IP1, the scratch register AAPCS64 §6.4.1 gives to
 * veneers) keeps it.  Uses no stack of its own, so the copy may overwrite
 * our own frames.  The FP/SIMD registers are as the kernel set them: the
 * freestanding code never touches them (-mgeneral-regs-only). */

        .text
        .p2align 2
        .globl  arch_enter
        .hidden arch_enter
        .type   arch_enter, %function
arch_enter:
        mov     x17, x3                 /* entry point */
        lsr     x1, x1, #3              /* doubleword count */
        cmp     x2, x0
        b.ls    2f
        /* destination above source: copy from the top down */
1:      cbz     x1, 3f
        sub     x1, x1, #1
        ldr     x4, [x0, x1, lsl #3]
        str     x4, [x2, x1, lsl #3]
        b       1b
2:      mov     x5, #0                  /* from the bottom up */
4:      cmp     x5, x1
        b.hs    3f
        ldr     x4, [x0, x5, lsl #3]
        str     x4, [x2, x5, lsl #3]
        add     x5, x5, #1
        b       4b
3:      mov     sp, x2
        mov     x0, #0
        mov     x1, #0
        mov     x2, #0
        mov     x3, #0
        mov     x4, #0
        mov     x5, #0
        mov     x6, #0
        mov     x7, #0
        mov     x8, #0
        mov     x9, #0
        mov     x10, #0
        mov     x11, #0
        mov     x12, #0
        mov     x13, #0
        mov     x14, #0
        mov     x15, #0
        mov     x16, #0
        mov     x18, #0
        mov     x19, #0
        mov     x20, #0
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        mov     x24, #0
        mov     x25, #0
        mov     x26, #0
        mov     x27, #0
        mov     x28, #0
        mov     x29, #0
        mov     x30, #0
        msr     nzcv, xzr               /* condition flags as at exec */
        br      x17

        .section .note.GNU-stack, "", %progbits
