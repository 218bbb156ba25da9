/* The resolvers rtld puts in TLS descriptors (R_AARCH64_TLSDESC,
 * arch/aarch64/reloc_aarch64.c).  The code calls one with the descriptor's
 * address in x0 and adds the x0 it returns, the variable's offset from the
 * thread pointer, to TPIDR_EL0.  Unlike an ordinary call, the resolver
 * must preserve every register but x0, the link register and the
 * condition flags (the TLS descriptor ABI: GCC emits the call without
 * saving anything). */

/* Save or restore (op stp or ldp) x5-x18 at sp, 112 bytes. */
        .macro  gprs op
        \op     x5, x6, [sp]
        \op     x7, x8, [sp, #16]
        \op     x9, x10, [sp, #32]
        \op     x11, x12, [sp, #48]
        \op     x13, x14, [sp, #64]
        \op     x15, x16, [sp, #80]
        \op     x17, x18, [sp, #96]
        .endm

/* Save or restore (op st1 or ld1) v0-v31 at x16, 512 bytes. */
        .macro  simd op
        .irp    regs, "v0.16b-v3.16b", "v4.16b-v7.16b", "v8.16b-v11.16b", "v12.16b-v15.16b", \
                      "v16.16b-v19.16b", "v20.16b-v23.16b", "v24.16b-v27.16b", "v28.16b-v31.16b"
        \op     {\regs}, [x16], #64
        .endr
        .endm

        .text
        .p2align 2
        .globl  arch_tlsdesc_static, arch_tlsdesc_dynamic
        .hidden arch_tlsdesc_static, arch_tlsdesc_dynamic, arch_tlsdesc_get_addr
        .hidden arch_tlsdesc_unloads
        .type   arch_tlsdesc_static, %function
        .type   arch_tlsdesc_dynamic, %function

/* Static TLS: the argument is the offset itself. */
arch_tlsdesc_static:
        ldr     x0, [x0, #8]
        ret

/* A module loaded by dlopen: the argument is module id << 32 | offset.
 * The thread's dtv (musl keeps its address in the last word of struct
 * pthread, just below the thread pointer, in TLS variant I; dtv[0] is its
 * length n, dtv[id] the module's block or 0) gives the block when this
 * thread has one and no module with TLS was unloaded since the dtv was
 * last swept (dtv[n + 1], in a dtv long enough for a dynamic module's id:
 * rtld/musl/glue.c): the unloaded module's id may be this module's now.
 * Otherwise our libc's __tls_get_addr sweeps the dtv and makes the block. */
arch_tlsdesc_dynamic:
        stp     x1, x2, [sp, #-32]!
        stp     x3, x4, [sp, #16]
        ldr     x0, [x0, #8]
        mrs     x1, tpidr_el0
        ldr     x2, [x1, #-8]           /* dtv */
        lsr     x3, x0, #32             /* module id */
        ldr     x4, [x2]
        cmp     x3, x4
        b.hi    1f                      /* beyond this thread's dtv */
        add     x4, x2, x4, lsl #3
        ldr     x4, [x4, #8]            /* the unload count at its last sweep */
        adrp    x1, arch_tlsdesc_unloads
        ldr     x1, [x1, :lo12:arch_tlsdesc_unloads]
        ldar    x1, [x1]                /* as the glue reads it: acquire */
        cmp     x4, x1
        b.ne    1f                      /* unloads since */
        ldr     x4, [x2, x3, lsl #3]
        cbz     x4, 1f                  /* no block yet */
        and     x0, x0, #0xffffffff
        add     x0, x0, x4
        mrs     x1, tpidr_el0
        sub     x0, x0, x1              /* block + offset - TP */
        ldp     x3, x4, [sp, #16]
        ldp     x1, x2, [sp], #32
        ret
        /* __tls_get_addr is C: keep every register an ordinary call may
         * change, the SIMD registers whole (AAPCS64 §6.1.2 preserves only
         * the low halves of v8-v15) */
1:      sub     sp, sp, #(16 * 8 + 32 * 16)
        gprs    stp
        stp     x29, x30, [sp, #112]
        add     x29, sp, #112           /* a frame record for debuggers */
        add     x16, sp, #128
        simd    st1
        and     x4, x0, #0xffffffff
        stp     x3, x4, [sp, #-16]!     /* { module id, offset } */
        mov     x0, sp
        adrp    x16, arch_tlsdesc_get_addr
        ldr     x16, [x16, :lo12:arch_tlsdesc_get_addr]
        blr     x16                     /* the variable's address */
        mrs     x1, tpidr_el0
        sub     x0, x0, x1
        add     sp, sp, #16
        add     x16, sp, #128
        simd    ld1
        ldp     x29, x30, [sp, #112]
        gprs    ldp
        add     sp, sp, #(16 * 8 + 32 * 16)
        ldp     x3, x4, [sp, #16]
        ldp     x1, x2, [sp], #32
        ret

        .section .note.GNU-stack, "", %progbits
