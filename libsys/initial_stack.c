#include "libsys/elf_defs.h"
#include "libsys/initial_stack.h"

void initial_stack_parse(uint64_t *sp, struct initial_stack *s)
{
    s->argc = (int)sp[0];
    s->argv = (char **)(sp + 1);
    s->envp = s->argv + s->argc + 1;
    for (s->envc = 0; s->envp[s->envc]; s->envc++)
        ;
    s->auxv = (uint64_t *)(s->envp + s->envc + 1);
    s->pagesz = 4096;
    s->euid = s->egid = s->secure = 0;
    s->strings = (uint64_t)s->argv[0];  /* the kernel copies argv[0] first */
    uint64_t *a = s->auxv;
    for (; a[0] != AT_NULL; a += 2) {
        switch (a[0]) {
        case AT_PAGESZ: s->pagesz = a[1]; break;
        case AT_EUID:   s->euid = a[1]; break;
        case AT_EGID:   s->egid = a[1]; break;
        case AT_SECURE: s->secure = a[1]; break;
        case AT_RANDOM:
        case AT_PLATFORM:
        case AT_BASE_PLATFORM:
        case AT_EXECFN:
            if (a[1] < s->strings)
                s->strings = a[1];
        }
    }
    s->auxc = (int)((a - s->auxv) / 2);
}

uint64_t auxv_get(const uint64_t *auxv, uint64_t type, uint64_t dflt)
{
    for (; auxv[0] != AT_NULL; auxv += 2)
        if (auxv[0] == type)
            return auxv[1];
    return dflt;
}
