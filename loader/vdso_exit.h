/* The loader's exit: the hand-over trampoline (handover.c) cannot unmap
 * itself and go on, so its last system call, that unmapping, is made by
 * code that every process has mapped anyway, the vDSO (AT_SYSINFO_EHDR): a
 * system-call instruction followed by a return, which arch_enter points at
 * the program's entry point (libsys/enter_plan.h).  The CPU's arch.h names
 * the vDSO function to look in (ARCH_VDSO_EXIT_FUNCTION, whose slow path is
 * a plain system call) and recognises the sequence (arch_exit_gadget). */
#ifndef VDSO_EXIT_H
#define VDSO_EXIT_H

#include <stdint.h>

/* The sequence's address in the vDSO whose ELF header is at vdso (0: none),
 * and the words it pops before returning; 0 when there is no vDSO or no
 * such sequence. */
uint64_t vdso_exit_find(uint64_t vdso, uint64_t *frame);

#endif
