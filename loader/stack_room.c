#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "stack_build.h"
#include "stack_room.h"


int stack_room(const struct initial_stack *st, uint64_t sp, uint64_t pagesz,
               struct load_error *err)
{
    volatile char here;         /* our own frame: mapped, like all above it */
    if (sp >= (uint64_t)&here || !st->execfn)
        return 0;
    uint64_t top = (uint64_t)st->execfn + strlen(st->execfn) + 1 + 8;
    uint64_t limit;
    long r = sys_getrlimit_cur(RLIMIT_STACK, &limit);
    if (r == 0 && stack_fits(sp, top, limit, pagesz))
        return 0;
    return load_fail(err, LOAD_EXIT_SYSTEM, "the stack cannot hold the program's %lu bytes "
                     "of arguments, environment and auxiliary vector (RLIMIT_STACK %lu)",
                     (unsigned long)(top - sp), r ? 0ul : (unsigned long)limit);
}
