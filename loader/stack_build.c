#include "libsys/elf_defs.h"
#include "libsys/mem.h"
#include "stack_build.h"

#define RANDOM_BYTES 16         /* AT_RANDOM points at 16 bytes */

/* Strings the auxv points to, copied with the random bytes in copy mode. */
static const int aux_strings[] = { AT_PLATFORM, AT_BASE_PLATFORM };

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
    for (unsigned i = 0; i < sizeof aux_strings / sizeof aux_strings[0]; i++)
        if (a->auxpos[aux_strings[i]])
            n += strlen((const char *)a->auxv[2 * a->auxpos[aux_strings[i]] - 1]) + 1;
    return n;
}

int stack_fits(uint64_t sp, uint64_t stack_top, uint64_t limit, uint64_t pagesz)
{
    uint64_t low = (sp - 8) & -pagesz;
    return sp >= 8 && low < stack_top && stack_top - low <= limit;
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

/* argv's tail, envp and auxv as one block, NULL ends included, as the
 * kernel lays them out (create_elf_tables) and as the loader and rtld pass
 * their own: moved at once, and buf may overlap it (in place). */
static int one_block(const struct stack_args *a)
{
    return a->envp == a->argv + a->argc + 1 &&
           (const void *)a->auxv == (const void *)(a->envp + a->envc + 1);
}

static void set_aux(uint64_t *aux, const uint8_t *pos, int type, uint64_t value)
{
    if (pos[type])
        aux[2 * pos[type] - 1] = value;
}

uint64_t stack_build(const struct stack_args *a, uint64_t *buf, size_t size,
                     uint64_t top)
{
    uint64_t *argv = buf + 1, *envp = argv + a->npre + a->argc + 1;
    uint64_t *aux = envp + a->envc + 1, execfn = (uint64_t)a->execfn;
    struct down d = { (char *)buf, top - size, size };

    /* the tables first: in place, nothing else may overwrite them unread */
    if (one_block(a)) {
        memmove(argv + a->npre, a->argv, (a->argc + 1 + a->envc + 1 + 2 * (a->auxc + 1)) * 8);
    } else {
        memcpy(argv + a->npre, a->argv, a->argc * 8);
        memcpy(envp, a->envp, a->envc * 8);
        memcpy(aux, a->auxv, (a->auxc + 1) * 16);
        argv[a->npre + a->argc] = 0;
        envp[a->envc] = 0;
    }
    buf[0] = a->npre + a->argc;
    memcpy(argv, a->pre, a->npre * 8);
    if (a->copy_strings) {
        d.pos -= 8;
        memset(d.buf + d.pos, 0, 8);                /* end marker */
        execfn = put_down(&d, a->execfn, strlen(a->execfn) + 1);
        put_strs(&d, a->envp, a->envc, envp);
        put_strs(&d, a->argv, a->argc, argv + a->npre);
        put_strs(&d, a->pre, a->npre, argv);
    }
    /* The auxv keeps the kernel's order and every entry we do not know;
     * only what describes the program rather than the loader is replaced. */
    set_aux(aux, a->auxpos, AT_PHDR, a->phdr);
    set_aux(aux, a->auxpos, AT_PHENT, sizeof(Elf64_Phdr));
    set_aux(aux, a->auxpos, AT_PHNUM, a->phnum);
    set_aux(aux, a->auxpos, AT_BASE, a->base);
    set_aux(aux, a->auxpos, AT_ENTRY, a->entry);
    set_aux(aux, a->auxpos, AT_FLAGS, 0);
    set_aux(aux, a->auxpos, AT_SECURE, a->secure);
    set_aux(aux, a->auxpos, AT_EXECFN, execfn);
    if (a->copy_strings) {
        for (unsigned i = 0; i < sizeof aux_strings / sizeof aux_strings[0]; i++) {
            uint64_t *v = &aux[2 * a->auxpos[aux_strings[i]] - 1];
            if (a->auxpos[aux_strings[i]])
                *v = put_down(&d, (const char *)*v, strlen((const char *)*v) + 1);
        }
        if (a->auxpos[AT_RANDOM]) {
            uint64_t *v = &aux[2 * a->auxpos[AT_RANDOM] - 1];
            *v = put_down(&d, (const void *)*v, RANDOM_BYTES);
        }
    }
    /* AT_EXECFD names a descriptor of the loader's (binfmt_misc), not of the
     * program: drop the entry */
    if (a->auxpos[AT_EXECFD]) {
        uint64_t *e = &aux[2 * (a->auxpos[AT_EXECFD] - 1)];
        memmove(e, e + 2, (size_t)((char *)(aux + 2 * (a->auxc + 1)) - (char *)(e + 2)));
        aux[2 * a->auxc] = aux[2 * a->auxc + 1] = 0;
    }
    aux += 2 * (a->auxc + 1);
    memset(aux, 0, d.pos - (size_t)((char *)aux - (char *)buf));
    return top - size;
}
