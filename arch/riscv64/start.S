/* Process entry for our freestanding programs (loader, rtld).
 *
 * At entry the kernel leaves sp pointing at argc, with argv, envp and auxv
 * above it, 16-byte aligned (RISC-V psABI, "Process Initialization" and the
 * kernel's create_elf_tables).  We pass that stack pointer to C and clear
 * the return address and frame pointer, so that the outermost frame is
 * recognisable to debuggers.  gp is not set: nothing here is linked with
 * gp-relative relaxation (the linker does none in position-independent
 * output, which ours always is). */

        .text
        .p2align 2
        .globl  _start
        .hidden _start
        .type   _start, @function
_start:
        li      ra, 0
        li      s0, 0
        mv      a0, sp                  /* uintptr_t *sp: &argc */
        call    start_main              /* noreturn */
        unimp

        .section .note.GNU-stack, "", @progbits
