/* memset, memcpy and memmove for riscv64: eight bytes per iteration on
 * aligned addresses, the rest one byte at a time (for memcpy and memmove
 * everything, when source and destination cannot both be aligned).  Misaligned doubleword
 * accesses may trap and be emulated by the kernel, slowly (RISC-V
 * unprivileged ISA §2.6), so the doubleword loop runs only on aligned
 * addresses. */

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

/* void *memmove(void *d, const void *s, size_t n)
 *
 * Forward, as memcpy, unless d lies inside [s, s + n): then from the ends
 * down, as memcpy does upwards, so that every byte is read before it is
 * overwritten.  (The loader moves its own stack table this way.) */
memmove:
        sub     t0, a0, a1
        bgeu    t0, a2, memcpy          /* d - s >= n, unsigned: d outside s's bytes */
        add     t0, a0, a2              /* the ends */
        add     a1, a1, a2
        li      t2, 8
        xor     t1, t0, a1
        andi    t1, t1, 7
        bnez    t1, 3f                  /* never both aligned: bytes only */
1:      andi    t1, t0, 7               /* bytes down to aligned ends */
        beqz    t1, 2f
        beqz    a2, 4f
        lbu     t3, -1(a1)
        sb      t3, -1(t0)
        addi    a1, a1, -1
        addi    t0, t0, -1
        addi    a2, a2, -1
        j       1b
2:      bltu    a2, t2, 3f
        ld      t3, -8(a1)
        sd      t3, -8(t0)
        addi    a1, a1, -8
        addi    t0, t0, -8
        addi    a2, a2, -8
        j       2b
3:      beqz    a2, 4f                  /* the rest */
        lbu     t3, -1(a1)
        sb      t3, -1(t0)
        addi    a1, a1, -1
        addi    t0, t0, -1
        addi    a2, a2, -1
        j       3b
4:      ret

/* void *memcpy(void *restrict d, const void *restrict s, size_t n) */
memcpy:
        mv      t0, a0
        li      t2, 8
        xor     t1, a0, a1
        andi    t1, t1, 7
        bnez    t1, 3f                  /* never both aligned: bytes only */
1:      andi    t1, t0, 7               /* bytes up to aligned addresses */
        beqz    t1, 2f
        beqz    a2, 4f
        lbu     t3, 0(a1)
        sb      t3, 0(t0)
        addi    a1, a1, 1
        addi    t0, t0, 1
        addi    a2, a2, -1
        j       1b
2:      bltu    a2, t2, 3f
        ld      t3, 0(a1)
        sd      t3, 0(t0)
        addi    a1, a1, 8
        addi    t0, t0, 8
        addi    a2, a2, -8
        j       2b
3:      beqz    a2, 4f                  /* the tail */
        lbu     t3, 0(a1)
        sb      t3, 0(t0)
        addi    a1, a1, 1
        addi    t0, t0, 1
        addi    a2, a2, -1
        j       3b
4:      ret

        .section .note.GNU-stack, "", @progbits
