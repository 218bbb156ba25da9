#include "libsys/elf_defs.h"
#include "libsys/initial_stack.h"
#include "libsys/mem.h"

int auxv_index(const uint64_t *auxv, uint8_t pos[AUX_INDEX_MAX])
{
    const uint64_t *e = auxv;
    __builtin_memset(pos, 0, AUX_INDEX_MAX);    /* (inline: a few stores) */
    /* an index is one byte: the header's limit on the entries */
    for (uint8_t i = 1; e[0] != AT_NULL; e += 2, i++)
        if (e[0] < AUX_INDEX_MAX)
            pos[e[0]] = i;
    return (int)((e - auxv) / 2);
}

void initial_stack_parse(uint64_t *sp, struct initial_stack *s)
{
    s->argc = (int)sp[0];
    s->argv = (char **)(sp + 1);
    s->envp = s->argv + s->argc + 1;
    char **env = s->envp;           /* (counted in a register) */
    while (*env)
        env++;
    s->envc = (int)(env - s->envp);
    s->auxv = (uint64_t *)(env + 1);
    s->auxc = auxv_index(s->auxv, s->auxpos);
    s->pagesz = initial_stack_aux(s, AT_PAGESZ, 4096);
    s->euid = initial_stack_aux(s, AT_EUID, 0);
    s->egid = initial_stack_aux(s, AT_EGID, 0);
    s->secure = initial_stack_aux(s, AT_SECURE, 0);
    s->execfn = (const char *)initial_stack_aux(s, AT_EXECFN, 0);
    /* the kernel copies argv[0] first, then the environment, AT_EXECFN,
     * and below them the platform string and the random bytes */
    static const int above[] = { AT_RANDOM, AT_PLATFORM, AT_BASE_PLATFORM, AT_EXECFN };
    s->strings = (uint64_t)s->argv[0];
    for (unsigned i = 0; i < sizeof above / sizeof above[0]; i++) {
        uint64_t v = initial_stack_aux(s, above[i], (uint64_t)-1);
        if (v < s->strings)
            s->strings = v;
    }
}
