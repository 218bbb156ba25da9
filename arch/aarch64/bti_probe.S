/* bti_probe: does the program run with branch target identification?  An
 * indirect call to code without a landing pad (BTI, Armv8.5-A; in a
 * guarded page, one mapped with PROT_BTI) raises SIGILL, whose handler
 * prints "guarded"; where nothing guards it, the code called prints "not
 * guarded".  Built with -DMARKED it carries the program property asking
 * for BTI (GNU_PROPERTY_AARCH64_FEATURE_1_AND with FEATURE_1_BTI, AAELF64
 * "Program property"), which the kernel honours for a static program
 * (arch/aarch64/arch.h): the end-to-end tests compare it with the loader.
 * Freestanding: system calls only (svc #0, number in x8: asm-generic
 * unistd.h). */
#ifdef MARKED
        .section .note.gnu.property, "a"
        .p2align 3
        .word 4, 16, 5          /* n_namesz, n_descsz, NT_GNU_PROPERTY_TYPE_0 */
        .asciz "GNU"
        .word 0xc0000000, 4     /* GNU_PROPERTY_AARCH64_FEATURE_1_AND, 4 bytes */
        .word 1, 0              /* FEATURE_1_BTI, padding to 8 */
#endif

        .data
        .p2align 3
action:                         /* struct sigaction for rt_sigaction */
        .quad on_sigill         /* handler */
        .quad 0                 /* flags: the handler never returns */
        .quad 0                 /* restorer */
        .quad 0                 /* mask */

        .text
        .global _start
_start:
        mov     x0, #4          /* SIGILL */
        adr     x1, action
        mov     x2, #0
        mov     x3, #8          /* sizeof(sigset_t) */
        mov     x8, #134        /* rt_sigaction */
        svc     #0
        adr     x1, unguarded
        blr     x1              /* no landing pad there */

unguarded:
        adr     x1, no
        mov     x2, #(no_end - no)
        b       say

on_sigill:
        bti     c               /* signal delivery enters like a call */
        adr     x1, yes
        mov     x2, #(yes_end - yes)
say:
        mov     x0, #1
        mov     x8, #64         /* write */
        svc     #0
        mov     x0, #0
        mov     x8, #94         /* exit_group */
        svc     #0

yes:    .ascii "BTI: guarded\n"
yes_end:
no:     .ascii "BTI: not guarded\n"
no_end:
