/* Reading an object's program headers and dynamic section.  Every address
 * and size taken from them is checked to lie inside the object's own
 * PT_LOAD segments before anything dereferences it. */
#include "arch.h"
#include "libsys/mem.h"
#include "elf_plan.h"
#include "load_error.h"
#include "rtld.h"

#define BAD LOAD_EXIT_NOEXEC

struct dso *dso_head;
unsigned long long dso_adds, dso_subs;

int dso_contains_cached(const struct dso *d, uint64_t addr, uint64_t len, struct seg_cache *seg)
{
    if (seg_cache_holds(seg, addr, len))
        return 1;
    for (size_t i = 0; i < d->phnum; i++) {
        const Elf64_Phdr *p = &d->phdr[i];
        uint64_t start = d->base + p->p_vaddr;
        struct seg_cache s = { start, start + p->p_memsz, p->p_flags };
        if (p->p_type == PT_LOAD && seg_cache_holds(&s, addr, len)) {
            *seg = s;
            return 1;
        }
    }
    return 0;
}

/* One gap [start, end), less the pages of [relro_lo, relro_hi). */
static void gap(uint64_t start, uint64_t end, uint64_t relro_lo, uint64_t relro_hi,
                void (*fn)(uint64_t, uint64_t, void *), void *ctx)
{
    if (start >= relro_lo && start < relro_hi)
        start = relro_hi;
    if (end >= relro_lo && end < relro_hi)
        end = relro_lo;
    if (start < end)
        fn(start, end, ctx);
}

void dso_each_gap(const struct dso *d, uint64_t pg,
                  void (*fn)(uint64_t start, uint64_t end, void *ctx), void *ctx)
{
    uint64_t relro_lo = 0, relro_hi = 0;
    for (size_t i = 0; i < d->phnum; i++)
        if (d->phdr[i].p_type == PT_GNU_RELRO) {   /* as protect_relro rounds it */
            relro_lo = (d->base + d->phdr[i].p_vaddr) & -pg;
            relro_hi = (d->base + d->phdr[i].p_vaddr + d->phdr[i].p_memsz) & -pg;
        }
    for (size_t i = 0; i < d->phnum; i++) {
        const Elf64_Phdr *p = &d->phdr[i];
        if (p->p_type != PT_LOAD || (p->p_flags & (PF_R | PF_W)) != (PF_R | PF_W))
            continue;
        uint64_t lo = d->base + p->p_vaddr, hi = lo + p->p_memsz;
        gap(lo & -pg, lo, relro_lo, relro_hi, fn, ctx);
        /* past the last file page, .bss is anonymous memory nothing has
         * touched: its end is no gap worth taking (musl's malloc clears
         * what it is given, which would make a page resident for it) */
        if ((hi & -pg) < ((lo + p->p_filesz + pg - 1) & -pg))
            gap(hi, (hi + pg - 1) & -pg, relro_lo, relro_hi, fn, ctx);
    }
}

int dso_executable(const struct dso *d, uint64_t addr)
{
    struct seg_cache seg = SEG_CACHE_EMPTY;
    return d && dso_contains_cached(d, addr, 1, &seg) && (seg.flags & PF_X);
}

int dso_contains(const struct dso *d, uint64_t addr, uint64_t len)
{
    struct seg_cache seg = SEG_CACHE_EMPTY;
    return dso_contains_cached(d, addr, len, &seg);
}

/* Decode a DT_GNU_HASH table and count the symbols: one past the highest
 * index any chain reaches (the table does not record it).  Layout (GNU
 * hash, as documented with binutils): nbuckets, symoffset, bloom_size (a
 * power of two), bloom_shift, bloom[bloom_size] (64-bit words),
 * buckets[nbuckets], chains[] whose last entry of each chain has bit 0 set. */
static int gnu_hash_parse(struct dso *d, struct load_error *err)
{
    const uint32_t *h = d->gnu_hash;
    if ((uint64_t)h % 8)        /* its Bloom words are 64-bit */
        return load_fail(err, BAD, "DT_GNU_HASH is misaligned");
    if (!dso_contains(d, (uint64_t)h, 16))
        return load_fail(err, BAD, "DT_GNU_HASH lies outside the object");
    uint32_t nbuckets = h[0], symoffset = h[1], bloom = h[2];
    const uint32_t *buckets = h + 4 + 2 * (uint64_t)bloom;
    /* the shift applies to a 32-bit hash */
    if (bloom == 0 || (bloom & (bloom - 1)) || h[3] >= 32 || bloom > (1u << 26))
        return load_fail(err, BAD, "DT_GNU_HASH has a bad Bloom filter");
    if (!dso_contains(d, (uint64_t)(h + 4), 8 * (uint64_t)bloom) ||
        !dso_contains(d, (uint64_t)buckets, 4 * (uint64_t)nbuckets))
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
    struct seg_cache seg = SEG_CACHE_EMPTY;
    for (;; max++) {
        if (!dso_contains_cached(d, (uint64_t)&chain[max], 4, &seg))
            return load_fail(err, BAD, "DT_GNU_HASH chain runs off the object");
        if (chain[max] & 1)
            break;
    }
    d->nsyms = (uint64_t)max + 1;
    return 0;
}

/* The tables of one object mostly share a segment: the checks below
 * remember the last one found in *seg. */
static int check_table(struct dso *d, uint64_t addr, uint64_t len, const char *what,
                       struct seg_cache *seg, struct load_error *err)
{
    if (addr && !dso_contains_cached(d, addr, len, seg))
        return load_fail(err, BAD, "%s lies outside the object", what);
    return 0;
}

/* A table at link-time address vaddr (0: absent) of len bytes: its
 * run-time address in *out, once it is known to lie inside the object and
 * to be aligned for the structures read from it. */
static int table(struct dso *d, uint64_t vaddr, uint64_t len, unsigned align, const char *what,
                 uint64_t *out, struct seg_cache *seg, struct load_error *err)
{
    *out = 0;
    if (!vaddr)
        return 0;
    uint64_t a = d->base + vaddr;
    if (!dso_contains_cached(d, a, len, seg))
        return load_fail(err, BAD, "%s lies outside the object", what);
    if (a % align)
        return load_fail(err, BAD, "%s is misaligned", what);
    *out = a;
    return 0;
}

/* Version definitions and needs (LSB "Symbol Versioning") are lists linked
 * by byte offsets: every entry and every name is checked once here, so the
 * lookups can follow them freely.  A list longer than this has a loop. */
#define VERSION_LIST_MAX 65536

static int entry_ok(const struct dso *d, const void *p, size_t size)
{
    return (uint64_t)p % 4 == 0 && dso_contains(d, (uint64_t)p, size);
}

static int check_verdef(struct dso *d, struct load_error *err)
{
    const Elf64_Verdef *vd = d->verdef;
    for (int n = 0; vd; n++) {
        if (n == VERSION_LIST_MAX || !entry_ok(d, vd, sizeof *vd))
            return load_fail(err, BAD, "DT_VERDEF lies outside the object");
        const Elf64_Verdaux *a = (const void *)((const char *)vd + vd->vd_aux);
        for (unsigned i = 0; i < vd->vd_cnt; i++) {
            if (!entry_ok(d, a, sizeof *a) || a->vda_name >= d->strsz)
                return load_fail(err, BAD, "DT_VERDEF lies outside the object");
            a = (const void *)((const char *)a + a->vda_next);
        }
        vd = vd->vd_next ? (const void *)((const char *)vd + vd->vd_next) : NULL;
    }
    return 0;
}

static int check_verneed(struct dso *d, struct load_error *err)
{
    const Elf64_Verneed *vn = d->verneed;
    for (int n = 0; vn; n++) {
        if (n == VERSION_LIST_MAX || !entry_ok(d, vn, sizeof *vn))
            return load_fail(err, BAD, "DT_VERNEED lies outside the object");
        const Elf64_Vernaux *a = (const void *)((const char *)vn + vn->vn_aux);
        for (unsigned i = 0; i < vn->vn_cnt; i++) {
            if (!entry_ok(d, a, sizeof *a) || a->vna_name >= d->strsz)
                return load_fail(err, BAD, "DT_VERNEED lies outside the object");
            a = (const void *)((const char *)a + a->vna_next);
        }
        vn = vn->vn_next ? (const void *)((const char *)vn + vn->vn_next) : NULL;
    }
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
    static const uint64_t every_bit = ~0ull;
    d->gh_bloom = &every_bit;       /* until DT_GNU_HASH: every name may be there */
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
            /* a block every thread gets: refuse sizes no thread could have */
            if (p->p_filesz > p->p_memsz || (p->p_align & (p->p_align - 1)) ||
                p->p_memsz >= (1ull << 32) || p->p_align >= (1ull << 32))
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
    /* The dynamic section's page is written after it is read (the GOT
     * beside it, in RELRO): a write as its first touch gives one page
     * fault where a read then a write take two. */
    if (plan_page_writable(d->phdr, d->phnum, (uint64_t)d->dynamic - d->base,
                           rtld_config.pagesz))
        arch_write_touch((void *)d->dynamic, rtld_config.hwcap);
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
    struct seg_cache seg = SEG_CACHE_EMPTY;
    d->strsz = v[DT_STRSZ];
    d->strtab = v[DT_STRTAB] ? (const char *)(b + v[DT_STRTAB]) : NULL;
    if (!d->strtab || check_table(d, (uint64_t)d->strtab, d->strsz, "DT_STRTAB", &seg, err))
        return d->strtab ? -1 : load_fail(err, BAD, "no DT_STRTAB");
    if (d->strsz == 0 || d->strtab[d->strsz - 1] != '\0')
        return load_fail(err, BAD, "string table is not NUL-terminated");
    d->symtab = v[DT_SYMTAB] ? (const Elf64_Sym *)(b + v[DT_SYMTAB]) : NULL;
    if (v[DT_SYMENT] && v[DT_SYMENT] != sizeof(Elf64_Sym))
        return load_fail(err, BAD, "bad DT_SYMENT %lu", (unsigned long)v[DT_SYMENT]);
    uint64_t hash;
    if (table(d, v[DT_HASH], 8, 4, "DT_HASH", &hash, &seg, err))
        return -1;
    if (hash) {
        d->hash = (const uint32_t *)hash;
        if (check_table(d, hash, 8 + 4 * ((uint64_t)d->hash[0] + d->hash[1]), "DT_HASH", &seg, err))
            return -1;
        d->nsyms = d->hash[1];
    }
    if (gnu_hash) {
        d->gnu_hash = (const uint32_t *)(b + gnu_hash);
        if (gnu_hash_parse(d, err))
            return -1;
    }
    uint64_t syms;
    if (d->nsyms && (!d->symtab ||
        table(d, v[DT_SYMTAB], d->nsyms * sizeof(Elf64_Sym), 8, "DT_SYMTAB", &syms, &seg, err)))
        return d->symtab ? -1 : load_fail(err, BAD, "no DT_SYMTAB");
    /* st_name of each symbol is checked against strsz when it is compared */
    uint64_t vs, vd, vn;
    if (table(d, versym, 2 * d->nsyms, 2, "DT_VERSYM", &vs, &seg, err) ||
        table(d, verdef, sizeof(Elf64_Verdef), 4, "DT_VERDEF", &vd, &seg, err) ||
        table(d, verneed, sizeof(Elf64_Verneed), 4, "DT_VERNEED", &vn, &seg, err))
        return -1;
    d->versym = (const uint16_t *)vs;
    d->verdef = (const Elf64_Verdef *)vd;
    d->verneed = (const Elf64_Verneed *)vn;
    if (check_verdef(d, err) || check_verneed(d, err))
        return -1;

    /* a size without its table is no table (as glibc takes it) */
    d->relasz = v[DT_RELA] ? v[DT_RELASZ] : 0;
    d->relsz = v[DT_REL] ? v[DT_RELSZ] : 0;
    d->relrsz = v[DT_RELR] ? v[DT_RELRSZ] : 0;
    d->pltrelsz = v[DT_JMPREL] ? v[DT_PLTRELSZ] : 0;
    d->init_arraysz = v[DT_INIT_ARRAY] ? v[DT_INIT_ARRAYSZ] : 0;
    d->fini_arraysz = v[DT_FINI_ARRAY] ? v[DT_FINI_ARRAYSZ] : 0;
    d->preinit_arraysz = v[DT_PREINIT_ARRAY] ? v[DT_PREINIT_ARRAYSZ] : 0;
    d->pltrel_is_rela = v[DT_PLTREL] != DT_REL;
    if (table(d, v[DT_RELA], d->relasz, 8, "DT_RELA", &d->rela, &seg, err) ||
        table(d, v[DT_REL], d->relsz, 8, "DT_REL", &d->rel, &seg, err) ||
        table(d, v[DT_RELR], d->relrsz, 8, "DT_RELR", &d->relr, &seg, err) ||
        table(d, v[DT_JMPREL], d->pltrelsz, 8, "DT_JMPREL", &d->jmprel, &seg, err) ||
        table(d, v[DT_INIT], 1, 1, "DT_INIT", &d->init, &seg, err) ||
        table(d, v[DT_FINI], 1, 1, "DT_FINI", &d->fini, &seg, err) ||
        table(d, v[DT_INIT_ARRAY], d->init_arraysz, 8, "DT_INIT_ARRAY", &d->init_array, &seg, err) ||
        table(d, v[DT_FINI_ARRAY], d->fini_arraysz, 8, "DT_FINI_ARRAY", &d->fini_array, &seg, err) ||
        table(d, v[DT_PREINIT_ARRAY], d->preinit_arraysz, 8, "DT_PREINIT_ARRAY",
              &d->preinit_array, &seg, err))
        return -1;

    if (dyn_string(d, v[DT_RPATH], "DT_RPATH", &d->rpath, err) ||
        dyn_string(d, v[DT_RUNPATH], "DT_RUNPATH", &d->runpath, err) ||
        dyn_string(d, v[DT_SONAME], "DT_SONAME", &d->soname, err))
        return -1;
    return 0;
}
