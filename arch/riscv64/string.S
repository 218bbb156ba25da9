/* memset, memcpy and memmove for riscv64: eight bytes per iteration on
 * aligned addresses, the rest one byte at a time (for memcpy and memmove
 * everything, when source and destination cannot both be aligned).
 * Misaligned doubleword accesses may trap and be emulated by the kernel,
 * slowly (RISC-V unprivileged ISA §2.6), so the doubleword loop runs only
 * on aligned addresses. */

        .text
        .p2align 2
        .globl  memset, memcpy, memmove
        .hidden memset, memcpy, memmove
        .type   memset, @function
        .type   memcpy, @function
        .type   memmove, @function

/* void *memset(void *d, int c, size_t n) */
memset:
        mv      t0, a0                  /* a0 stays the return value */
        andi    a1, a1, 0xff
        li      t2, 0x0101010101010101
        mul     t3, a1, t2              /* the byte in all eight lanes */
        li      t2, 8
1:      andi    t1, t0, 7               /* bytes up to an aligned address */
        beqz    t1, 2f
        beqz    a2, 4f
        sb      a1, 0(t0)
        addi    t0, t0, 1
        addi    a2, a2, -1
        j       1b
2:      bltu    a2, t2, 3f
        sd      t3, 0(t0)
        addi    t0, t0, 8
        addi    a2, a2, -8
        j       2b
3:      beqz    a2, 4f                  /* the tail */
        sb      a1, 0(t0)
        addi    t0, t0, 1
        addi    a2, a2, -1
        j       3b
4:      ret

/* One unit of size bytes from a1 to t0 (through t3) at offset off from
 * both cursors, which then move by step; size bytes fewer left in a2. */
.macro  unit load, store, off, step, size
        \load   t3, \off(a1)
        \store  t3, \off(t0)
        addi    a1, a1, \step
        addi    t0, t0, \step
        addi    a2, a2, -\size
.endm

/* Copy a2 bytes from a1 to t0 and return: doublewords where both cursors
 * can be aligned together, bytes up to there and after (all bytes when
 * they cannot).  memcpy copies upwards from the starts (offsets 0, steps
 * 1 and 8); memmove downwards from the ends, the cursors one past the
 * next unit (offsets and steps -1 and -8). */
.macro  copy off1, step1, off8, step8
        li      t2, 8
        xor     t1, t0, a1
        andi    t1, t1, 7
        bnez    t1, 3f                  /* never both aligned: bytes only */
1:      andi    t1, t0, 7               /* bytes up to an aligned cursor */
        beqz    t1, 2f
        beqz    a2, 4f
        unit    lbu, sb, \off1, \step1, 1
        j       1b
2:      bltu    a2, t2, 3f
        unit    ld, sd, \off8, \step8, 8
        j       2b
3:      beqz    a2, 4f                  /* the rest */
        unit    lbu, sb, \off1, \step1, 1
        j       3b
4:      ret
.endm

/* void *memmove(void *d, const void *s, size_t n)
 *
 * Forward, as memcpy, unless d lies inside [s, s + n): then from the ends
 * down, so that every byte is read before it is overwritten.  (The loader
 * moves its own stack table this way.) */
memmove:
        sub     t0, a0, a1
        bgeu    t0, a2, memcpy          /* d - s >= n, unsigned: d outside s's bytes */
        add     t0, a0, a2              /* the ends */
        add     a1, a1, a2
        copy    -1, -1, -8, -8

/* void *memcpy(void *restrict d, const void *restrict s, size_t n) */
memcpy:
        mv      t0, a0
        copy    0, 1, 0, 8

        .section .note.GNU-stack, "", @progbits
