#include "libsys/elf_defs.h"
#include "libsys/mem.h"
#include "stack_build.h"

#define RANDOM_BYTES 16         /* AT_RANDOM points at 16 bytes */

/* AT_EXECFD names a descriptor of the loader's (binfmt_misc), not of the
 * program, so it is not passed on. */
static int aux_kept(uint64_t type) { return type != AT_EXECFD; }

/* Strings the auxv points to, copied with the random bytes in copy mode. */
static int aux_string(uint64_t type)
{
    return type == AT_PLATFORM || type == AT_BASE_PLATFORM;
}

static size_t str_bytes(const char *const *v, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(v[i]) + 1;
    return len;
}

static size_t strings_size(const struct stack_args *a)
{
    size_t n = str_bytes(a->pre, a->npre) + str_bytes(a->argv, a->argc) +
               str_bytes(a->envp, a->envc) + strlen(a->execfn) + 1 + 8 + RANDOM_BYTES;
    for (const uint64_t *e = a->auxv; e[0] != AT_NULL; e += 2)
        if (aux_string(e[0]))
            n += strlen((const char *)e[1]) + 1;
    return n;
}

size_t stack_size(const struct stack_args *a)
{
    size_t words = 1 + a->npre + a->argc + 1 + a->envc + 1 + 2 * (a->auxc + 1);
    size_t strings = a->copy_strings ? strings_size(a) : 0;
    return (words * 8 + strings + 15) & ~(size_t)15;
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

static void put_strs(struct down *d, const char *const *v, size_t n, uint64_t *ptrs)
{
    for (size_t i = n; i--;)
        ptrs[i] = put_down(d, v[i], strlen(v[i]) + 1);
}

uint64_t stack_build(const struct stack_args *a, uint64_t *buf, size_t size,
                     uint64_t top)
{
    uint64_t *argv = buf + 1, *envp = argv + a->npre + a->argc + 1;
    uint64_t *aux = envp + a->envc + 1, execfn = (uint64_t)a->execfn;
    struct down d = { (char *)buf, top - size, size };

    buf[0] = a->npre + a->argc;
    if (a->copy_strings) {
        d.pos -= 8;
        memset(d.buf + d.pos, 0, 8);                /* end marker */
        execfn = put_down(&d, a->execfn, strlen(a->execfn) + 1);
        put_strs(&d, a->envp, a->envc, envp);
        put_strs(&d, a->argv, a->argc, argv + a->npre);
        put_strs(&d, a->pre, a->npre, argv);
    } else {
        memcpy(argv, a->pre, a->npre * 8);
        memcpy(argv + a->npre, a->argv, a->argc * 8);
        memcpy(envp, a->envp, a->envc * 8);
    }
    argv[a->npre + a->argc] = 0;
    envp[a->envc] = 0;
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
        case AT_EXECFN: v = execfn; break;
        case AT_PLATFORM:
        case AT_BASE_PLATFORM:
            if (a->copy_strings)
                v = put_down(&d, (const char *)v, strlen((const char *)v) + 1);
            break;
        case AT_RANDOM:
            if (a->copy_strings)
                v = put_down(&d, (const void *)v, RANDOM_BYTES);
            break;
        }
        if (aux_kept(e[0])) {
            *aux++ = e[0];
            *aux++ = v;
        }
    }
    *aux++ = AT_NULL;
    *aux++ = 0;
    memset(aux, 0, d.pos - (size_t)((char *)aux - (char *)buf));
    return top - size;
}
