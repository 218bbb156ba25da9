/* The hand-over from the loader to the program: build the program's initial
 * stack image and the last steps in one fresh anonymous mapping that also
 * holds a copy of arch_enter, and run that copy.  Its steps unmap every
 * loader segment, then describe the program to the kernel with one
 * prctl(PR_SET_MM, PR_SET_MM_MAP): /proc/PID/exe (exe_fd, where the caller
 * may replace it), cmdline and environ bounds, the saved auxv, the brk area
 * and the code/data bounds; then close the descriptors, copy the image into
 * place and jump.  Whatever the kernel refuses, the program still runs. */
#ifndef HANDOVER_H
#define HANDOVER_H

#include <stdint.h>
#include "elf_validate.h"
#include "stack_build.h"

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
    uint64_t env_end;           /* where the kernel's environment strings end
                                   (AT_EXECFN's string starts), when the
                                   image keeps them in place (!sa->copy_strings) */
    uint64_t pagesz;
};

/* Returns only when the mapping for the hand-over cannot be made: -errno. */
long handover(const struct handover *h);

#endif
