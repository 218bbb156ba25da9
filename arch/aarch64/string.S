/* memset, memcpy and memmove for aarch64: the bulk moves eight bytes per
 * iteration, the remainder one byte at a time.  Unaligned doubleword accesses are
 * allowed on normal memory (Linux runs user space with SCTLR_EL1.A clear);
 * only general registers are used (-mgeneral-regs-only code calls these). */

        .text
        .p2align 2
        .globl  memset, memcpy, memmove
        .hidden memset, memcpy, memmove
        .type   memset, %function
        .type   memcpy, %function
        .type   memmove, %function

/* void *memset(void *d, int c, size_t n) */
memset:
        mov     x3, x0                  /* x0 stays the return value */
        and     x1, x1, #0xff
        mov     x4, #0x0101010101010101
        mul     x1, x1, x4              /* the byte in all eight lanes */
1:      cmp     x2, #8
        b.lo    2f
        str     x1, [x3], #8
        sub     x2, x2, #8
        b       1b
2:      cbz     x2, 3f
        strb    w1, [x3], #1
        sub     x2, x2, #1
        b       2b
3:      ret

/* void *memmove(void *d, const void *s, size_t n)
 *
 * Forward, as memcpy, unless d lies inside [s, s + n): then from the top
 * down, doublewords first, so that every byte is read before it is
 * overwritten.  (The loader moves its own stack table this way.) */
memmove:
        sub     x3, x0, x1
        cmp     x3, x2                  /* d - s < n, unsigned: d inside s's bytes */
        b.hs    memcpy
        add     x1, x1, x2              /* the ends */
        add     x3, x0, x2
1:      cmp     x2, #8
        b.lo    2f
        ldr     x4, [x1, #-8]!
        str     x4, [x3, #-8]!
        sub     x2, x2, #8
        b       1b
2:      cbz     x2, 3f
        ldrb    w4, [x1, #-1]!
        strb    w4, [x3, #-1]!
        sub     x2, x2, #1
        b       2b
3:      ret

/* void *memcpy(void *restrict d, const void *restrict s, size_t n) */
memcpy:
        mov     x3, x0
1:      cmp     x2, #8
        b.lo    2f
        ldr     x4, [x1], #8
        str     x4, [x3], #8
        sub     x2, x2, #8
        b       1b
2:      cbz     x2, 3f
        ldrb    w4, [x1], #1
        strb    w4, [x3], #1
        sub     x2, x2, #1
        b       2b
3:      ret

        .section .note.GNU-stack, "", %progbits
