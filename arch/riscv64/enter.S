/* arch_enter(const void *image, size_t len, void *sp, void (*entry)(void))
 *
 * Copies the prepared initial stack image to [sp, sp + len) -- len is a
 * multiple of 16 and the regions may overlap, so this is a memmove of
 * doublewords -- switches to it and jumps to entry with the register state
 * execve gives a new program: every general register zero (the kernel's
 * ELF_PLAT_INIT clears pt_regs; a0 = 0 means "no function for atexit", as
 * glibc's and musl's _start read it), gp and tp included, which the
 * program's own start-up code sets.  The jump needs the entry in a
 * register: t1 keeps it.  Uses no stack of its own, so the copy may
 * overwrite our own frames.  The floating-point registers are as the
 * kernel set them: the freestanding code is built without F and D. */

        .text
        .p2align 2
        .globl  arch_enter
        .hidden arch_enter
        .type   arch_enter, @function
arch_enter:
        mv      t1, a3                  /* entry point */
        srli    a1, a1, 3               /* doubleword count */
        bleu    a2, a0, 2f
        /* destination above source: copy from the top down */
        slli    t0, a1, 3
1:      beqz    t0, 3f
        addi    t0, t0, -8
        add     t2, a0, t0
        ld      t3, 0(t2)
        add     t2, a2, t0
        sd      t3, 0(t2)
        j       1b
2:      li      t0, 0                   /* from the bottom up */
        slli    a1, a1, 3
4:      bgeu    t0, a1, 3f
        add     t2, a0, t0
        ld      t3, 0(t2)
        add     t2, a2, t0
        sd      t3, 0(t2)
        addi    t0, t0, 8
        j       4b
3:      mv      sp, a2
        li      ra, 0
        li      gp, 0
        li      tp, 0
        li      t0, 0
        li      t2, 0
        li      s0, 0
        li      s1, 0
        li      a0, 0
        li      a1, 0
        li      a2, 0
        li      a3, 0
        li      a4, 0
        li      a5, 0
        li      a6, 0
        li      a7, 0
        li      s2, 0
        li      s3, 0
        li      s4, 0
        li      s5, 0
        li      s6, 0
        li      s7, 0
        li      s8, 0
        li      s9, 0
        li      s10, 0
        li      s11, 0
        li      t3, 0
        li      t4, 0
        li      t5, 0
        li      t6, 0
        jr      t1

        .section .note.GNU-stack, "", @progbits
