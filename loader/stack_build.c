#include "libsys/elf_defs.h"
#include "libsys/mem.h"
#include "stack_build.h"

/* AT_EXECFD names a descriptor of the loader's (binfmt_misc), not of the
 * program, so it is not passed on. */
static int aux_kept(uint64_t type) { return type != AT_EXECFD; }

size_t stack_size(const struct stack_args *a)
{
    size_t words = 1 + a->npre + a->argc + 1 + a->envc + 1 + 2 * (a->auxc + 1);
    return (words * 8 + 15) & ~(size_t)15;
}

uint64_t stack_build(const struct stack_args *a, uint64_t *buf, size_t size,
                     uint64_t top)
{
    uint64_t *w = buf;

    *w++ = a->npre + a->argc;
    memcpy(w, a->pre, a->npre * 8);
    w += a->npre;
    memcpy(w, a->argv, a->argc * 8);
    w += a->argc;
    *w++ = 0;
    memcpy(w, a->envp, a->envc * 8);
    w += a->envc;
    *w++ = 0;
    /* The auxv keeps the kernel's order and every entry we do not know;
     * only what describes the program rather than the loader is replaced. */
    for (const uint64_t *e = a->auxv; e[0] != AT_NULL; e += 2) {
        uint64_t v = e[1];
        switch (e[0]) {
        case AT_PHDR:   v = a->phdr; break;
        case AT_PHENT:  v = sizeof(Elf64_Phdr); break;
        case AT_PHNUM:  v = a->phnum; break;
        case AT_BASE:   v = a->base; break;
        case AT_ENTRY:  v = a->entry; break;
        case AT_FLAGS:  v = 0; break;
        case AT_SECURE: v = a->secure; break;
        case AT_EXECFN: v = (uint64_t)a->execfn; break;
        }
        if (aux_kept(e[0])) {
            *w++ = e[0];
            *w++ = v;
        }
    }
    *w++ = AT_NULL;
    *w++ = 0;
    while ((char *)w < (char *)buf + size)
        *w++ = 0;
    return top - size;
}
