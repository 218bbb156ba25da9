/* Reading an object's program headers and dynamic section.  Every address
 * and size taken from them is checked to lie inside the object's own
 * PT_LOAD segments before anything dereferences it. */
#include "libsys/mem.h"
#include "load_error.h"
#include "dso.h"

#define BAD LOAD_EXIT_NOEXEC

struct dso *dso_head;
unsigned long long dso_adds, dso_subs;

size_t dso_count(void)
{
    size_t n = 0;
    for (const struct dso *d = dso_head; d; d = d->next)
        n++;
    return n;
}

static int in_range(uint64_t addr, uint64_t len, uint64_t start, uint64_t end)
{
    return addr >= start && addr <= end && len <= end - addr;
}

int dso_contains_cached(const struct dso *d, uint64_t addr, uint64_t len, uint64_t seg[2])
{
    if (in_range(addr, len, seg[0], seg[1]))
        return 1;
    for (size_t i = 0; i < d->phnum; i++) {
        const Elf64_Phdr *p = &d->phdr[i];
        uint64_t start = d->base + p->p_vaddr;
        if (p->p_type == PT_LOAD && in_range(addr, len, start, start + p->p_memsz)) {
            seg[0] = start;
            seg[1] = start + p->p_memsz;
            return 1;
        }
    }
    return 0;
}

int dso_contains(const struct dso *d, uint64_t addr, uint64_t len)
{
    uint64_t seg[2] = { 1, 0 };     /* an empty range: always searched */
    return dso_contains_cached(d, addr, len, seg);
}

/* Decode a DT_GNU_HASH table and count the symbols: one past the highest
 * index any chain reaches (the table does not record it).  Layout (GNU
 * hash, as documented with binutils): nbuckets, symoffset, bloom_size (a
 * power of two), bloom_shift, bloom[bloom_size] (64-bit words),
 * buckets[nbuckets], chains[] whose last entry of each chain has bit 0 set. */
static int gnu_hash_parse(struct dso *d, struct load_error *err)
{
    const uint32_t *h = d->gnu_hash;
    if (!dso_contains(d, (uint64_t)h, 16))
        return load_fail(err, BAD, "DT_GNU_HASH lies outside the object");
    uint32_t nbuckets = h[0], symoffset = h[1], bloom = h[2];
    const uint32_t *buckets = h + 4 + 2 * (uint64_t)bloom;
    if (bloom == 0 || (bloom & (bloom - 1)) || h[3] >= 64)
        return load_fail(err, BAD, "DT_GNU_HASH has a bad Bloom filter");
    if (!dso_contains(d, (uint64_t)buckets, 4 * (uint64_t)nbuckets))
        return load_fail(err, BAD, "DT_GNU_HASH lies outside the object");
    d->gh_nbuckets = nbuckets;
    d->gh_symoffset = symoffset;
    d->gh_bloom_mask = bloom - 1;
    d->gh_shift = h[3];
    d->gh_bloom = (const uint64_t *)(h + 4);
    d->gh_buckets = buckets;
    d->gh_chain = buckets + nbuckets - symoffset;
    if (d->hash) {          /* DT_HASH's nchain already counted them */
        if (d->nsyms > symoffset &&
            !dso_contains(d, (uint64_t)&d->gh_chain[symoffset], 4 * (d->nsyms - symoffset)))
            return load_fail(err, BAD, "DT_GNU_HASH chains lie outside the object");
        return 0;
    }
    uint32_t max = 0;
    for (uint32_t i = 0; i < nbuckets; i++)
        if (buckets[i] > max)
            max = buckets[i];
    if (max < symoffset) {
        d->nsyms = symoffset;
        return 0;
    }
    const uint32_t *chain = buckets + nbuckets - symoffset;
    uint64_t seg[2] = { 1, 0 };
    for (;; max++) {
        if (!dso_contains_cached(d, (uint64_t)&chain[max], 4, seg))
            return load_fail(err, BAD, "DT_GNU_HASH chain runs off the object");
        if (chain[max] & 1)
            break;
    }
    d->nsyms = (uint64_t)max + 1;
    return 0;
}

static int check_table(struct dso *d, uint64_t addr, uint64_t len, const char *what,
                       struct load_error *err)
{
    if (addr && !dso_contains(d, addr, len))
        return load_fail(err, BAD, "%s lies outside the object", what);
    return 0;
}

/* A string-table offset from a tag (0: absent). */
static int dyn_string(const struct dso *d, uint64_t off, const char *tag, const char **out,
                      struct load_error *err)
{
    if (off >= d->strsz)
        return load_fail(err, BAD, "%s names a string outside the string table", tag);
    *out = off ? d->strtab + off : NULL;
    return 0;
}

int dso_parse(struct dso *d, struct load_error *err)
{
    uint64_t v[DT_RELR + 1] = { 0 }, gnu_hash = 0, versym = 0, verdef = 0, verneed = 0,
             flags = 0, ndyn = 0;
    d->map_lo = (uint64_t)-1;
    for (size_t i = 0; i < d->phnum; i++) {
        const Elf64_Phdr *p = &d->phdr[i];
        if (p->p_type == PT_LOAD) {
            if (d->base + p->p_vaddr < d->map_lo)
                d->map_lo = d->base + p->p_vaddr;
            if (d->base + p->p_vaddr + p->p_memsz > d->map_hi)
                d->map_hi = d->base + p->p_vaddr + p->p_memsz;
        } else if (p->p_type == PT_DYNAMIC) {
            d->dynamic = (const Elf64_Dyn *)(d->base + p->p_vaddr);
            ndyn = p->p_memsz / sizeof(Elf64_Dyn);
        } else if (p->p_type == PT_TLS) {
            if (p->p_filesz > p->p_memsz || (p->p_align & (p->p_align - 1)))
                return load_fail(err, BAD, "bad PT_TLS segment");
            d->tls_image = (const void *)(d->base + p->p_vaddr);
            d->tls_len = p->p_filesz;
            d->tls_size = p->p_memsz;
            d->tls_align = p->p_align ? p->p_align : 1;
        }
    }
    if (d->tls_len && !dso_contains(d, (uint64_t)d->tls_image, d->tls_len))
        return load_fail(err, BAD, "PT_TLS lies outside the object");
    if (!d->dynamic)
        return 0;           /* a static program under rtld: nothing to link */

    if (!dso_contains(d, (uint64_t)d->dynamic, ndyn * sizeof(Elf64_Dyn)))
        return load_fail(err, BAD, "dynamic section lies outside the object");
    const Elf64_Dyn *dyn = d->dynamic;
    for (size_t n = 0;; n++, dyn++) {
        if (n == ndyn)
            return load_fail(err, BAD, "dynamic section has no DT_NULL");
        if (dyn->d_tag == DT_NULL)
            break;
        switch (dyn->d_tag) {
        case DT_GNU_HASH:  gnu_hash = dyn->d_val; break;
        case DT_VERSYM:    versym = dyn->d_val; break;
        case DT_VERDEF:    verdef = dyn->d_val; break;
        case DT_VERNEED:   verneed = dyn->d_val; break;
        case DT_FLAGS:     flags = dyn->d_val; break;
        case DT_TEXTREL:   d->textrel = 1; break;
        case DT_SYMBOLIC:  d->symbolic = 1; break;
        case DT_BIND_NOW:  break;   /* rtld always binds immediately */
        default:
            if (dyn->d_tag >= 0 && dyn->d_tag <= DT_RELR)
                v[dyn->d_tag] = dyn->d_val;
        }
    }
    d->textrel |= !!(flags & DF_TEXTREL);
    d->symbolic |= !!(flags & DF_SYMBOLIC);

    /* Address-valued tags are link-time addresses: add the bias. */
    uint64_t b = d->base;
    d->strsz = v[DT_STRSZ];
    d->strtab = v[DT_STRTAB] ? (const char *)(b + v[DT_STRTAB]) : NULL;
    if (!d->strtab || check_table(d, (uint64_t)d->strtab, d->strsz, "DT_STRTAB", err))
        return d->strtab ? -1 : load_fail(err, BAD, "no DT_STRTAB");
    if (d->strsz == 0 || d->strtab[d->strsz - 1] != '\0')
        return load_fail(err, BAD, "string table is not NUL-terminated");
    d->symtab = v[DT_SYMTAB] ? (const Elf64_Sym *)(b + v[DT_SYMTAB]) : NULL;
    if (v[DT_SYMENT] && v[DT_SYMENT] != sizeof(Elf64_Sym))
        return load_fail(err, BAD, "bad DT_SYMENT %lu", (unsigned long)v[DT_SYMENT]);
    if (v[DT_HASH]) {
        d->hash = (const uint32_t *)(b + v[DT_HASH]);
        if (check_table(d, (uint64_t)d->hash, 8, "DT_HASH", err) ||
            check_table(d, (uint64_t)d->hash, 8 + 4 * ((uint64_t)d->hash[0] + d->hash[1]),
                        "DT_HASH", err))
            return -1;
        d->nsyms = d->hash[1];
    }
    if (gnu_hash) {
        d->gnu_hash = (const uint32_t *)(b + gnu_hash);
        if (gnu_hash_parse(d, err))
            return -1;
    }
    if (d->nsyms && (!d->symtab ||
        check_table(d, (uint64_t)d->symtab, d->nsyms * sizeof(Elf64_Sym), "DT_SYMTAB", err)))
        return d->symtab ? -1 : load_fail(err, BAD, "no DT_SYMTAB");
    /* st_name of each symbol is checked against strsz when it is compared */
    if (versym) {
        d->versym = (const uint16_t *)(b + versym);
        if (check_table(d, (uint64_t)d->versym, 2 * d->nsyms, "DT_VERSYM", err))
            return -1;
    }
    d->verdef = verdef ? (const Elf64_Verdef *)(b + verdef) : NULL;
    d->verneed = verneed ? (const Elf64_Verneed *)(b + verneed) : NULL;

    d->rela = v[DT_RELA] ? b + v[DT_RELA] : 0;
    d->relasz = v[DT_RELASZ];
    d->rel = v[DT_REL] ? b + v[DT_REL] : 0;
    d->relsz = v[DT_RELSZ];
    d->relr = v[DT_RELR] ? b + v[DT_RELR] : 0;
    d->relrsz = v[DT_RELRSZ];
    d->jmprel = v[DT_JMPREL] ? b + v[DT_JMPREL] : 0;
    d->pltrelsz = v[DT_PLTRELSZ];
    d->pltrel_is_rela = v[DT_PLTREL] != DT_REL;
    if (check_table(d, d->rela, d->relasz, "DT_RELA", err) ||
        check_table(d, d->rel, d->relsz, "DT_REL", err) ||
        check_table(d, d->relr, d->relrsz, "DT_RELR", err) ||
        check_table(d, d->jmprel, d->pltrelsz, "DT_JMPREL", err))
        return -1;

    d->init = v[DT_INIT] ? b + v[DT_INIT] : 0;
    d->fini = v[DT_FINI] ? b + v[DT_FINI] : 0;
    d->init_array = v[DT_INIT_ARRAY] ? b + v[DT_INIT_ARRAY] : 0;
    d->init_arraysz = v[DT_INIT_ARRAYSZ];
    d->fini_array = v[DT_FINI_ARRAY] ? b + v[DT_FINI_ARRAY] : 0;
    d->fini_arraysz = v[DT_FINI_ARRAYSZ];
    d->preinit_array = v[DT_PREINIT_ARRAY] ? b + v[DT_PREINIT_ARRAY] : 0;
    d->preinit_arraysz = v[DT_PREINIT_ARRAYSZ];
    if (check_table(d, d->init_array, d->init_arraysz, "DT_INIT_ARRAY", err) ||
        check_table(d, d->fini_array, d->fini_arraysz, "DT_FINI_ARRAY", err) ||
        check_table(d, d->preinit_array, d->preinit_arraysz, "DT_PREINIT_ARRAY", err))
        return -1;

    if (dyn_string(d, v[DT_RPATH], "DT_RPATH", &d->rpath, err) ||
        dyn_string(d, v[DT_RUNPATH], "DT_RUNPATH", &d->runpath, err) ||
        dyn_string(d, v[DT_SONAME], "DT_SONAME", &d->soname, err))
        return -1;
    return 0;
}
