#include "libsys/elf_defs.h"
#include "libsys/initial_stack.h"

void initial_stack_parse(uint64_t *sp, struct initial_stack *s)
{
    s->argc = (int)sp[0];
    s->argv = (char **)(sp + 1);
    s->envp = s->argv + s->argc + 1;
    char **e = s->envp;
    while (*e)
        e++;
    s->auxv = (uint64_t *)(e + 1);
}

uint64_t auxv_get(const uint64_t *auxv, uint64_t type, uint64_t dflt)
{
    for (; auxv[0] != AT_NULL; auxv += 2)
        if (auxv[0] == type)
            return auxv[1];
    return dflt;
}
