#include "libsys/elf_defs.h"
#include "libsys/mem.h"
#include "stack_build.h"

#define RANDOM_BYTES 16         /* AT_RANDOM points at 16 bytes */

static size_t count(const char *const *v)
{
    size_t n = 0;
    while (v[n])
        n++;
    return n;
}

static size_t str_bytes(const char *const *v, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(v[i]) + 1;
    return len;
}

/* Which template entries the image keeps: AT_EXECFD names a descriptor of
 * the loader's, not of the program. */
static int aux_kept(uint64_t type) { return type != AT_EXECFD; }

static size_t aux_count(const uint64_t *auxv)
{
    size_t n = 1;   /* AT_NULL */
    for (; auxv[0] != AT_NULL; auxv += 2)
        n += aux_kept(auxv[0]);
    return n;
}

/* The auxv strings that are copied with it, in the kernel's order. */
static const uint64_t aux_strings[] = { AT_PLATFORM, AT_BASE_PLATFORM };

static const char *aux_string(const uint64_t *auxv, uint64_t type)
{
    for (; auxv[0] != AT_NULL; auxv += 2)
        if (auxv[0] == type)
            return (const char *)auxv[1];
    return NULL;
}

static size_t aux_string_bytes(const uint64_t *auxv)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof aux_strings / sizeof aux_strings[0]; i++)
        if (aux_string(auxv, aux_strings[i]))
            n += strlen(aux_string(auxv, aux_strings[i])) + 1;
    return n;
}

static size_t strings_size(const struct stack_args *a)
{
    return str_bytes(a->pre, a->npre) + str_bytes(a->argv, a->argc) +
           str_bytes(a->envp, count(a->envp)) + strlen(a->execfn) + 1 + 8 +
           aux_string_bytes(a->auxv) + RANDOM_BYTES;
}

static size_t table_size(const struct stack_args *a)
{
    return 8 * (1 + a->npre + a->argc + 1 + count(a->envp) + 1) +
           16 * aux_count(a->auxv);
}

size_t stack_size(const struct stack_args *a)
{
    return (strings_size(a) + table_size(a) + 15) & ~(size_t)15;
}

/* Copies strings downward from the top of the image. */
struct down {
    char    *buf;       /* image start */
    uint64_t base;      /* its final address */
    size_t   pos;       /* offset of the lowest byte written so far */
};

static uint64_t put_down(struct down *d, const void *src, size_t len)
{
    d->pos -= len;
    memcpy(d->buf + d->pos, src, len);
    return d->base + d->pos;
}

static uint64_t put_str(struct down *d, const char *s)
{
    return put_down(d, s, strlen(s) + 1);
}

uint64_t stack_build(const struct stack_args *a, void *buf, uint64_t top)
{
    size_t size = stack_size(a), envc = count(a->envp), argc = a->npre + a->argc;
    struct down d = { buf, top - size, size };
    uint64_t *tab = buf;
    uint64_t *argv_p = tab + 1, *envp_p = argv_p + argc + 1, *aux = envp_p + envc + 1;

    memset(buf, 0, size);
    d.pos -= 8;                                     /* end marker */
    uint64_t execfn = put_str(&d, a->execfn);
    for (size_t i = envc; i--;)
        envp_p[i] = put_str(&d, a->envp[i]);
    for (size_t i = a->argc; i--;)
        argv_p[a->npre + i] = put_str(&d, a->argv[i]);
    for (size_t i = a->npre; i--;)
        argv_p[i] = put_str(&d, a->pre[i]);
    tab[0] = argc;
    uint64_t copied[sizeof aux_strings / sizeof aux_strings[0]];
    for (size_t i = 0; i < sizeof aux_strings / sizeof aux_strings[0]; i++) {
        const char *str = aux_string(a->auxv, aux_strings[i]);
        copied[i] = str ? put_str(&d, str) : 0;
    }
    uint64_t random = put_down(&d, a->random, RANDOM_BYTES);

    /* The auxv keeps the kernel's order and every entry we do not know;
     * only what describes the program (not the loader) is replaced. */
    for (const uint64_t *e = a->auxv; e[0] != AT_NULL; e += 2) {
        if (!aux_kept(e[0]))
            continue;
        uint64_t v = e[1];
        switch (e[0]) {
        case AT_PHDR:   v = a->phdr; break;
        case AT_PHENT:  v = sizeof(Elf64_Phdr); break;
        case AT_PHNUM:  v = a->phnum; break;
        case AT_BASE:   v = a->base; break;
        case AT_ENTRY:  v = a->entry; break;
        case AT_FLAGS:  v = 0; break;
        case AT_SECURE: v = a->secure; break;
        case AT_EXECFN: v = execfn; break;
        case AT_RANDOM: v = random; break;
        case AT_PLATFORM: v = copied[0]; break;
        case AT_BASE_PLATFORM: v = copied[1]; break;
        }
        *aux++ = e[0];
        *aux++ = v;
    }
    return top - size;
}
