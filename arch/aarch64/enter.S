/* arch_enter(const struct enter_plan *plan)
 *
 * The last steps before a program's first instruction (libsys/
 * enter_plan.h): run the plan's system calls in order, copy the prepared
 * initial stack image to [sp, sp + len) -- len is a multiple of 8 and the
 * regions may overlap, so this is a memmove of doublewords -- switch to it
 * and jump to entry with the register state execve gives a new program:
 * every general register zero (the kernel's start_thread clears pt_regs;
 * x0 = 0 means "no function for atexit", as glibc's and musl's _start read
 * it).  The jump needs the entry in a register: x17 (IP1, the scratch
 * register AAPCS64 §6.4.1 gives to veneers) keeps it.  Uses no stack of
 * its own, so the copy may overwrite our frames.  The FP/SIMD registers
 * are as the kernel set them: the freestanding code never touches them
 * (-mgeneral-regs-only).
 *
 * The code from arch_enter to arch_enter_end refers to nothing outside
 * itself, so the loader runs a copy of it from anonymous memory while its
 * own file's mappings are removed by the steps.
 *
 * struct enter_plan: image +0, len +8, sp +16, entry +24, nsteps +32, then
 * steps of 64 bytes from +40: number +0, six arguments +8..+48, fallback
 * +56 (a fallback step runs only when the last other step returned an
 * error); after the 8 steps the exit: via +552, frame +560 (here: 1 when
 * the sequence authenticates x30), number +568, arguments +576, +584.
 * `svc #0` changes no register but x0.  With an exit, x0 (the call's
 * result, 0), x1 and x8 (its length and number), x16 (the sequence) and
 * x30 (the entry point) are what the program finds at entry: AAPCS64 and
 * the kernel's ABI give no value to any register but sp and x0 (glibc's
 * and musl's _start take x0 as the atexit function, 0: none). */

        .text
        .p2align 2
        .globl  arch_enter, arch_enter_end
        .hidden arch_enter, arch_enter_end
        .type   arch_enter, %function
arch_enter:
        mov     x19, x0                 /* the plan */
        ldr     x20, [x19, #32]         /* steps left */
        add     x21, x19, #40           /* the current step */
        mov     x22, #0                 /* result of the last ordinary step */
1:      cbz     x20, 4f
        ldr     x9, [x21, #56]
        cbz     x9, 2f
        tbz     x22, #63, 3f            /* a fallback runs only after -errno */
2:      ldr     x8, [x21]               /* number in x8, arguments in x0-x5 */
        ldp     x0, x1, [x21, #8]
        ldp     x2, x3, [x21, #24]
        ldp     x4, x5, [x21, #40]
        svc     #0
        cbnz    x9, 3f
        mov     x22, x0
3:      add     x21, x21, #64
        sub     x20, x20, #1
        b       1b
4:      ldp     x0, x1, [x19]           /* image, len */
        ldp     x2, x17, [x19, #16]     /* sp, entry */
        lsr     x1, x1, #3              /* doubleword count */
        cmp     x2, x0
        b.ls    6f
        /* destination above source: copy from the top down */
5:      cbz     x1, 8f
        sub     x1, x1, #1
        ldr     x4, [x0, x1, lsl #3]
        str     x4, [x2, x1, lsl #3]
        b       5b
6:      mov     x5, #0                  /* from the bottom up */
7:      cmp     x5, x1
        b.hs    8f
        ldr     x4, [x0, x5, lsl #3]
        str     x4, [x2, x5, lsl #3]
        add     x5, x5, #1
        b       7b
8:      mov     sp, x2
        ldr     x16, [x19, #552]        /* the exit's sequence, or 0 */
        ldr     x9, [x19, #560]         /* 1: it authenticates x30 (autiasp) */
        ldr     x8, [x19, #568]         /* its call: number in x8, */
        ldr     x0, [x19, #576]         /* arguments in x0, x1 (ldp reaches */
        ldr     x1, [x19, #584]         /* only +504) */
        mov     x30, x17                /* its ret goes to the entry point */
        mov     x2, #0
        mov     x3, #0
        mov     x4, #0
        mov     x5, #0
        mov     x6, #0
        mov     x7, #0
        mov     x10, #0
        mov     x11, #0
        mov     x12, #0
        mov     x13, #0
        mov     x14, #0
        mov     x15, #0
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
        msr     nzcv, xzr               /* condition flags as at exec */
        cbz     x16, 10f
        cbz     x9, 9f
        hint    #25                     /* paciasp (Arm ARM C6.2): x30 signed */
9:      mov     x9, #0                  /* against sp, as the sequence's autiasp
                                           checks it */
        mov     x17, #0
        ret     x16                     /* RET, not BR: the vDSO's guarded (BTI)
                                           pages take a BR only at a landing pad */
10:     mov     x0, #0
        mov     x1, #0
        mov     x8, #0
        mov     x9, #0
        mov     x30, #0
        ret     x17                     /* RET, not BR: an entry point in a
                                           guarded page needs no landing pad,
                                           as after the kernel's exec (BTYPE
                                           0, Arm ARM D8.4) */
arch_enter_end:

        .section .note.GNU-stack, "", %progbits
