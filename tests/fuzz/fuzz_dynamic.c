/* libFuzzer harness: rtld's dynamic-section parser (rtld/dso_parse.c) and
 * symbol lookup (rtld/symbols.c: GNU hash with its Bloom filter, SysV
 * hash, versions) on an image that is the fuzz input (see fuzz_dso.h). */
#include "fuzz_dso.h"
#include "rtld.h"
#include "symbols.h"

static const char *const names[] = {
    "", "a", "main", "printf", "environ", "__libc_start_main", "_init", "foo",
};
static const char *const vers[] = { NULL, "GLIBC_2.2.5", "V1", "" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct load_error err;
    struct fuzz_dso f;
    if (fuzz_dso_parse(&f, data, size, &err) == 0) {
        struct dso *d = &f.d;
        dso_head = d;
        dso_make_global(d);     /* the lookup scope is rebuilt with it */
        /* what dso_parse promises: tables inside the image */
        if (d->strtab && (d->strsz == 0 || d->strtab[d->strsz - 1] != '\0'))
            abort();
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            for (size_t j = 0; j < sizeof vers / sizeof vers[0]; j++) {
                struct version_req v = { vers[j], vers[j] ? (uint32_t)sysv_hash(vers[j]) : 0 };
                uint32_t gh = gnu_hash(names[i]);
                const Elf64_Sym *s = dso_lookup(d, names[i], gh, &v, (int)(j & 1));
                if (s && (s < d->symtab || s >= d->symtab + d->nsyms))
                    abort();
                /* the same name through the other hash table, when present */
                if (d->gnu_hash && d->hash) {
                    const uint32_t *g = d->gnu_hash;
                    d->gnu_hash = NULL;
                    (void)dso_lookup(d, names[i], gh, &v, 0);
                    d->gnu_hash = g;
                }
                struct symdef def;
                (void)lookup(names[i], d, &v, 0, (int)(j & 1), &def);
            }
        }
        /* names taken from the image's own string table */
        for (size_t off = 1, k = 0; d->strtab && off < d->strsz && k < 8; k++) {
            const char *nm = d->strtab + off;
            struct version_req v = { NULL, 0 };
            (void)dso_lookup(d, nm, gnu_hash(nm), &v, 0);
            off += strlen(nm) + 1;
        }
        uint32_t idx[] = { 0, 1, 2, 3, (uint32_t)d->nsyms - 1, (uint32_t)d->nsyms };
        for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) {
            struct version_req v;
            version_wanted(d, idx[i], &v);
            if (v.name && (v.name < d->strtab || v.name >= d->strtab + d->strsz))
                abort();
        }
        dso_head = NULL;
        dso_leave_global(d);
    }
    fuzz_dso_free(&f);
    return 0;
}
