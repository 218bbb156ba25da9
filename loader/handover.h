/* The hand-over from the loader to the program: build the program's initial
 * stack table and the last steps, next to a copy of arch_enter, in memory
 * that is not the loader's file, and run that copy.  Its steps give the
 * process the program's name, unmap every other page of the loader, then
 * describe the program to the kernel with one prctl(PR_SET_MM,
 * PR_SET_MM_MAP): /proc/PID/exe (exe_fd, where the
 * caller may replace it), cmdline and environ bounds, the saved auxv, the
 * brk area and the code/data bounds; then close the descriptors, move the
 * table into place if it is not there yet, and jump.  Whatever the kernel
 * refuses, the program still runs.
 *
 * Usually the table is rebuilt in place of the loader's own (its strings
 * stay where the kernel put them) and the rest fits on the hand-over page:
 * the last page of the loader's .bss (loader/handover-page.ld), which
 * becomes the trampoline and is the last page of the loader to go: the
 * vDSO's code unmaps it and returns to the entry point (vdso_exit.h; where
 * the vDSO offers no such code, that page stays mapped).  Copied strings
 * (--argv0, #! scripts) may reach below the loader's own frames: then
 * everything is built in a fresh mapping, moved into place by the
 * trampoline, which is that mapping.
 *
 * A process that may not replace its exe file needs no trampoline when the
 * table is in place: the steps run from the loader's own text, and the
 * vDSO's code unmaps all of the loader at once. */
#ifndef HANDOVER_H
#define HANDOVER_H

#include <stdint.h>
#include "elf_validate.h"
#include "stack_build.h"

/* Static variables that every run writes go on the hand-over page too, so
 * that a run writes one page of the loader's memory (and its stack). */
#define HANDOVER_PAGE __attribute__((section(".bss.hot")))

struct handover {
    const struct stack_args *sa;
    uint64_t top;               /* the image ends here (stack_build) */
    size_t   size;              /* stack_size(sa) */
    uint64_t entry;             /* where the program starts (interpreter's entry) */
    const struct elf_info *prog;/* the program, loaded at bias */
    uint64_t bias;
    uint64_t brk;               /* heap start (placement.h) */
    int      exe_fd, interp_fd; /* the program's (becomes /proc/PID/exe) and the
                                   interpreter's descriptor, or -1 */
    uint32_t euid;              /* AT_EUID */
    const char *name;           /* the program's name, its comm (/proc/PID/comm),
                                   a string that stays mapped */
    uint64_t vdso;              /* AT_SYSINFO_EHDR, or 0 */
    uint64_t reserve_used;      /* where what was mapped into the loader's
                                   reserve begins (handover-page.ld), else the
                                   end of its image: the loader ends there */
    uint64_t env_end;           /* where the kernel's environment strings end
                                   (AT_EXECFN's string starts), when the
                                   image keeps them in place (!sa->copy_strings) */
    uint64_t pagesz;
};

/* Returns only when the mapping for the hand-over cannot be made: -errno.
 * Without copy_strings, sa's tables must be the loader's own initial stack
 * table, which the image replaces (stack_build in place). */
long handover(const struct handover *h);

#endif
