/* Hash-table lookups (gABI "Hash Table" for DT_HASH; the GNU hash with its
 * Bloom filter as described by binutils and Drepper's "How To Write
 * Shared Libraries" §1.5.3), and the definition rules: a definition is a
 * global, weak or unique symbol of an allowed type with a value; versions
 * as in the LSB. */
#include "libsys/mem.h"
#include "alloc.h"
#include "dso_list.h"
#include "rtld.h"
#include "symbols.h"

uint32_t sysv_hash(const char *s)
{
    uint32_t h = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h = (h << 4) + *p;
        h ^= (h >> 24) & 0xf0;
    }
    return h & 0x0fffffff;
}

uint32_t gnu_hash(const char *s)
{
    uint32_t h = 5381, m = 33;
    /* every lookup hashes its name: one multiplication per character
     * (hidden from the compiler, which would make it three instructions
     * of the same latency), four characters a step */
    __asm__("" : "+r"(m));
    for (const unsigned char *p = (const unsigned char *)s;; p += 4) {
        if (!p[0])
            break;
        h = h * m + p[0];
        if (!p[1])
            break;
        h = h * m + p[1];
        if (!p[2])
            break;
        h = h * m + p[2];
        if (!p[3])
            break;
        h = h * m + p[3];
    }
    return h;
}

/* Is the definition's version the one asked for?  (An object without
 * DT_VERSYM defines all: check() asks only the others.) */
static int version_ok(const struct dso *d, uint32_t idx, const struct version_req *v)
{
    uint16_t vs = d->versym[idx];
    if (!v->name)                   /* unversioned reference: the default */
        return !(vs & VERSYM_HIDDEN);
    if ((vs & VERSYM_VERSION) < 2 || !d->verdef)
        return !(vs & VERSYM_HIDDEN);
    const Elf64_Verdef *vd = d->verdef;
    for (;;) {
        /* the name is the first of vd_cnt Verdaux entries (checked in dso_parse) */
        if (!(vd->vd_flags & VER_FLG_BASE) && vd->vd_ndx == (vs & VERSYM_VERSION) &&
            vd->vd_cnt) {
            const Elf64_Verdaux *aux = (const void *)((const char *)vd + vd->vd_aux);
            return vd->vd_hash == v->hash && aux->vda_name < d->strsz &&
                   !strcmp(d->strtab + aux->vda_name, v->name);
        }
        if (!vd->vd_next)
            return 0;
        vd = (const void *)((const char *)vd + vd->vd_next);
    }
}

#define DEF_BINDS (1u << STB_GLOBAL | 1u << STB_WEAK | 1u << STB_GNU_UNIQUE)
#define DEF_TYPES (1u << STT_NOTYPE | 1u << STT_OBJECT | 1u << STT_FUNC | 1u << STT_TLS | \
                   1u << STT_GNU_IFUNC)

__attribute__((always_inline))
static inline int is_definition(const struct dso *d, const Elf64_Sym *s, int need_def)
{
    unsigned bind = ELF64_ST_BIND(s->st_info), type = ELF64_ST_TYPE(s->st_info);
    if (!(DEF_BINDS >> bind & 1) || !(DEF_TYPES >> type & 1))
        return 0;
    if (s->st_shndx == SHN_UNDEF) {
        /* psABI §5.2: an undefined function in the program with a value is
         * its canonical PLT address, what every object's pointers to the
         * function must equal -- but never the target of a PLT slot. */
        if (need_def || type == STT_TLS || !d->is_main)
            return 0;
    }
    return s->st_value != 0 || type == STT_TLS;
}

/* Each candidate whose hash matches (inline: most lookups end here). */
__attribute__((always_inline))
static inline const Elf64_Sym *check(const struct dso *d, uint32_t i, const char *name,
                                     const struct version_req *v, int need_def)
{
    const Elf64_Sym *s = &d->symtab[i];
    if (!is_definition(d, s, need_def) || s->st_name >= d->strsz ||
        strcmp(d->strtab + s->st_name, name))
        return NULL;
    return !d->versym || version_ok(d, i, v) ? s : NULL;
}

/* The Bloom filter sets two bits per name in one 64-bit word, word h / 64
 * (modulo the word count, a power of two checked in dso_parse): bit h % 64
 * and bit (h >> shift) % 64.  A name with either clear is certainly absent.
 * Most objects in the scope answer a lookup here, so it is inline and
 * division-free; a filter is mostly clear, so the first bit rejects most
 * names and the second is looked at only then (lookup() tests the global
 * scope's filters the same way, with the first bit's mask made once). */
static inline int bloom_may_have(const struct dso *d, uint32_t h)
{
    uint64_t w = d->gh_bloom[(h >> 6) & d->gh_bloom_mask];
    return (w >> (h & 63) & 1) && (w >> ((h >> d->gh_shift) & 63) & 1);
}

/* The GNU hash chain of h, once past the Bloom filter. */
static const Elf64_Sym *gnu_lookup(const struct dso *d, const char *name, uint32_t h,
                                   const struct version_req *v, int need_def)
{
    if (!d->gh_nbuckets)
        return NULL;
    uint32_t i = d->gh_buckets[h % d->gh_nbuckets];
    if (i < d->gh_symoffset)
        return NULL;
    for (; i < d->nsyms; i++) {
        uint32_t ch = d->gh_chain[i];
        if ((ch | 1) == (h | 1)) {      /* bit 0 marks the chain's end */
            const Elf64_Sym *s = check(d, i, name, v, need_def);
            if (s)
                return s;
        }
        if (ch & 1)
            break;
    }
    return NULL;
}

static const Elf64_Sym *sysv_lookup(const struct dso *d, const char *name,
                                    const struct version_req *v, int need_def)
{
    const uint32_t *t = d->hash;
    uint32_t nbucket = t[0], nchain = t[1], h = sysv_hash(name);
    const uint32_t *chain = t + 2 + nbucket;
    if (!nbucket)
        return NULL;
    /* a chain longer than the table has a loop */
    uint32_t steps = 0;
    for (uint32_t i = t[2 + h % nbucket]; i && i < nchain && steps++ < nchain; i = chain[i]) {
        const Elf64_Sym *s = check(d, i, name, v, need_def);
        if (s)
            return s;
    }
    return NULL;
}

static const Elf64_Sym *lookup_past_bloom(const struct dso *d, const char *name, uint32_t gh,
                                          const struct version_req *v, int need_def)
{
    if (d->gnu_hash)
        return gnu_lookup(d, name, gh, v, need_def);
    if (d->hash)
        return sysv_lookup(d, name, v, need_def);
    return NULL;
}

const Elf64_Sym *dso_lookup(const struct dso *d, const char *name, uint32_t gh,
                            const struct version_req *v, int need_def)
{
    return bloom_may_have(d, gh) ? lookup_past_bloom(d, name, gh, v, need_def) : NULL;
}

void version_wanted(const struct dso *d, uint32_t sym, struct version_req *v)
{
    v->name = NULL;
    v->hash = 0;
    if (!d->versym || !d->verneed || sym >= d->nsyms)
        return;
    uint16_t want = d->versym[sym] & VERSYM_VERSION;
    if (want < 2)
        return;
    const Elf64_Verneed *vn = d->verneed;
    for (;;) {
        const Elf64_Vernaux *a = (const void *)((const char *)vn + vn->vn_aux);
        for (uint16_t i = 0; i < vn->vn_cnt; i++) {
            if (a->vna_other == want && a->vna_name < d->strsz) {
                v->name = d->strtab + a->vna_name;
                v->hash = a->vna_hash;
                return;
            }
            a = (const void *)((const char *)a + a->vna_next);
        }
        if (!vn->vn_next)
            return;
        vn = (const void *)((const char *)vn + vn->vn_next);
    }
}

unsigned long dso_scope_changes;

struct dso *dso_global_head;
static struct dso *dso_global_tail;

void dso_make_global(struct dso *d)
{
    if (d->global)
        return;
    d->global = 1;
    dso_list_append(&dso_global_head, &dso_global_tail, d, offsetof(struct dso, global_next));
    dso_scope_changes++;
}

void dso_leave_global(struct dso *d)
{
    if (!d->global)
        return;
    d->global = 0;
    dso_list_remove(&dso_global_head, &dso_global_tail, d, offsetof(struct dso, global_next));
    dso_scope_changes++;
}

/* Of the objects on dso_global_head's list (all `global`; an object being
 * unloaded leaves it first, dl.c), those to search: --list's missing ones
 * are not. */
static int in_global_scope(const struct dso *d)
{
    return !d->missing;
}

/* The global scope -- dso_global_head's list -- as an array rebuilt
 * after a change.  A lookup walks
 * only what it may search, and reads of each object only its entry and
 * one word of its Bloom filter.  The objects' records lie one per page (in
 * the libraries' page ends) and their filters too, often at the same
 * offset in the page (libraries built alike): the same cache set for all,
 * which holds a dozen lines.  So the entries lie together, and in a scope
 * of more objects than that the array also holds copies of the filters
 * (up to 2 KiB each), one cache line apart. */
#define BLOOM_COPY_FROM 12  /* objects in the scope: fewer share a set well */
#define BLOOM_COPIED 256    /* words: a filter this small is copied */
#define BLOOM_PAD    8      /* words after each copy: a stride of a power of
                               two would map the same word of every copy to
                               few cache sets again */
struct scope_entry {
    const uint64_t   *bloom;
    uint32_t          bloom_mask;
    uint16_t          shift;
    uint16_t          is_main;
    const struct dso *d;
};
static struct scope_entry *scope;   /* scope_len entries, then the copies */
static size_t scope_len, scope_size;
static unsigned long scope_built = ~0ul;

/* Is the array current?  0 when it cannot be made (out of memory): the
 * lookup then walks the objects themselves. */
static int global_scope(void)
{
    if (scope_built == dso_scope_changes)
        return 1;
    size_t n = 0, words = 0;
    for (const struct dso *d = dso_global_head; d; d = d->global_next)
        if (in_global_scope(d)) {
            n++;
            words += d->gh_bloom_mask < BLOOM_COPIED ? d->gh_bloom_mask + 1 + BLOOM_PAD : 0;
        }
    int copies = n > BLOOM_COPY_FROM;
    words = copies ? words : 0;
    size_t size = n * sizeof *scope + words * sizeof(uint64_t);
    if (size > scope_size) {
        size = (size + 255) & ~(size_t)255;     /* rebuilt whole on a change anyway */
        struct scope_entry *s = rtld_alloc(size);
        if (!s)
            return 0;
        rtld_free(scope);
        scope = s;
        scope_size = size;
    }
    struct scope_entry *e = scope;
    uint64_t *copy = (uint64_t *)(scope + n);
    for (const struct dso *d = dso_global_head; d; d = d->global_next) {
        if (!in_global_scope(d))
            continue;
        const uint64_t *bloom = d->gh_bloom;
        if (copies && d->gh_bloom_mask < BLOOM_COPIED) {
            memcpy(copy, bloom, (d->gh_bloom_mask + 1) * sizeof *copy);
            bloom = copy;
            copy += d->gh_bloom_mask + 1 + BLOOM_PAD;
        }
        *e++ = (struct scope_entry){ .bloom = bloom, .bloom_mask = d->gh_bloom_mask,
                                     .shift = (uint16_t)d->gh_shift,
                                     .is_main = d->is_main, .d = d };
    }
    scope_len = n;
    scope_built = dso_scope_changes;
    return 1;
}

int lookup(const char *name, const struct dso *from, const struct version_req *v,
           int skip_main, int need_def, struct symdef *out)
{
    uint32_t h = gnu_hash(name);
    rtld_count(rtld_stats.lookups);
    out->dso = NULL;
    if (from && from->symbolic && (out->sym = dso_lookup(from, name, h, v, need_def)))
        out->dso = from;
    /* the global scope, then the local scope of an object dlopen'ed
     * without RTLD_GLOBAL (its dlopen root and that root's dependencies) */
    if (!out->dso && global_scope()) {
        uint64_t first = 1ull << (h & 63);      /* (bloom_may_have, for each filter) */
        for (const struct scope_entry *e = scope, *end = scope + scope_len; e < end; e++) {
            uint64_t w = e->bloom[(h >> 6) & e->bloom_mask];
            if (!(w & first) || !(w >> ((h >> e->shift) & 63) & 1) || (skip_main && e->is_main))
                continue;
            if ((out->sym = lookup_past_bloom(e->d, name, h, v, need_def))) {
                out->dso = e->d;
                break;
            }
        }
    } else if (!out->dso) {
        for (const struct dso *d = dso_global_head; d && !out->dso; d = d->global_next)
            if (in_global_scope(d) && !(skip_main && d->is_main) &&
                (out->sym = dso_lookup(d, name, h, v, need_def)))
                out->dso = d;
    }
    for (size_t i = 0; from && i < from->ngroup && !out->dso; i++)
        if ((out->sym = dso_lookup(from->group[i], name, h, v, need_def)))
            out->dso = from->group[i];
    rtld_debug(DEBUG_SYMBOLS, "symbol %s%s%s: %s %s", name, v->name ? "@" : "",
               v->name ? v->name : "", out->dso ? "found in" : "not found",
               out->dso ? out->dso->path : "");
    return out->dso ? 0 : -1;
}
