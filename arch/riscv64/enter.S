/* arch_enter(const struct enter_plan *plan)
 *
 * The last steps before a program's first instruction (libsys/
 * enter_plan.h): run the plan's system calls in order, copy the prepared
 * initial stack image to [sp, sp + len) -- len is a multiple of 8 and the
 * regions may overlap, so this is a memmove of doublewords -- switch to it
 * and jump to entry with the register state execve gives a new program:
 * every general register zero (the kernel's ELF_PLAT_INIT clears pt_regs;
 * a0 = 0 means "no function for atexit", as glibc's and musl's _start read
 * it), gp and tp included, which the program's own start-up code sets.
 * The jump needs the entry in a register: t1 keeps it.  Uses no stack of
 * its own, so the copy may overwrite our frames.
 *
 * The code from arch_enter to arch_enter_end refers to nothing outside
 * itself, so the loader runs a copy of it from anonymous memory while its
 * own file's mappings are removed by the steps.
 *
 * struct enter_plan: image +0, len +8, sp +16, entry +24, nsteps +32, then
 * steps of 64 bytes from +40: number +0, six arguments +8..+48, fallback
 * +56 (a fallback step runs only when the last other step returned an
 * error); after the 8 steps the exit: via +552, frame +560 (its size in
 * words, arch/riscv64/exit_gadget.c), number +568, arguments +576 and
 * +584.  `ecall` changes no register but a0.  With an exit, the program
 * starts with what the sequence leaves: a0 the call's result (0: no
 * atexit function), ra and the registers it reloads the entry point or 0,
 * a1, a7 and t2 as the call was made. */

        .text
        .p2align 2
        .globl  arch_enter, arch_enter_end
        .hidden arch_enter, arch_enter_end
        .type   arch_enter, @function
arch_enter:
        mv      s1, a0                  /* the plan */
        ld      s2, 32(s1)              /* steps left */
        addi    s3, s1, 40              /* the current step */
        li      s4, 0                   /* result of the last ordinary step */
1:      beqz    s2, 4f
        ld      t0, 56(s3)
        beqz    t0, 2f
        bgez    s4, 3f                  /* a fallback runs only after -errno */
2:      ld      a7, 0(s3)               /* number in a7, arguments in a0-a5 */
        ld      a0, 8(s3)
        ld      a1, 16(s3)
        ld      a2, 24(s3)
        ld      a3, 32(s3)
        ld      a4, 40(s3)
        ld      a5, 48(s3)
        ecall
        bnez    t0, 3f
        mv      s4, a0
3:      addi    s3, s3, 64
        addi    s2, s2, -1
        j       1b
4:      ld      a0, 0(s1)               /* image */
        ld      a1, 8(s1)               /* len */
        ld      a2, 16(s1)              /* sp */
        ld      t1, 24(s1)              /* entry */
        bleu    a2, a0, 6f
        /* destination above source: copy from the top down */
        mv      t0, a1
5:      beqz    t0, 8f
        addi    t0, t0, -8
        add     t2, a0, t0
        ld      t3, 0(t2)
        add     t2, a2, t0
        sd      t3, 0(t2)
        j       5b
6:      li      t0, 0                   /* from the bottom up */
7:      bgeu    t0, a1, 8f
        add     t2, a0, t0
        ld      t3, 0(t2)
        add     t2, a2, t0
        sd      t3, 0(t2)
        addi    t0, t0, 8
        j       7b
8:      ld      t2, 552(s1)             /* the exit's sequence, or 0 */
        mv      sp, a2
        beqz    t2, 11f
        ld      t3, 560(s1)             /* its frame, in words */
        ld      a7, 568(s1)             /* its call: number in a7, */
        ld      a0, 576(s1)             /* arguments in a0, a1 */
        ld      a1, 584(s1)
        slli    t3, t3, 3
        sub     sp, a2, t3              /* the frame below the image, zeroed */
        mv      t4, sp                  /* (s0 reloads as 0: no caller's frame) */
9:      bgeu    t4, a2, 10f
        sd      zero, 0(t4)
        addi    t4, t4, 8
        j       9b
10:     beqz    t3, 11f
        sd      t1, -8(a2)              /* the entry point in its top word */
11:     mv      ra, t1                  /* and in ra */
        li      gp, 0
        li      tp, 0
        li      t0, 0
        li      t3, 0
        li      t4, 0
        li      t5, 0
        li      t6, 0
        li      s0, 0
        li      s1, 0
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
        li      a2, 0
        li      a3, 0
        li      a4, 0
        li      a5, 0
        li      a6, 0
        bnez    t2, 12f
        li      ra, 0
        li      a0, 0
        li      a1, 0
        li      a7, 0
        jr      t1
12:     li      t1, 0
        jr      t2                      /* t2 (x7): a software-guarded jump,
                                           which needs no landing pad (Zicfilp) */
arch_enter_end:

        .section .note.GNU-stack, "", @progbits
