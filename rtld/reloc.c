/* Walking an object's relocation tables (gABI "Relocation"): packed
 * relative relocations (DT_RELR), then DT_REL/DT_RELA, then the PLT's
 * DT_JMPREL.  Every place written must lie inside the object. */
#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "arch.h"
#include "reloc.h"
#include "rtld.h"
#include "tls_place.h"

struct rtld_stats rtld_stats;

/* A symbol that nothing defines (in the version asked for): a dlopen
 * fails; at start-up each gets its line and relocation goes on, so that
 * all are reported (rtld stops after relocating). */
static int symbol_missing(struct load_error *err, const struct dso *d, const char *name,
                   const struct version_req *v)
{
    load_fail(err, LOAD_EXIT_NOEXEC, "symbol %s%s%s not found (needed by %s)", name,
              v->name ? "@" : "", v->name ? v->name : "", d->path);
    load_error_file(err, d->path);
    if (rtld_config.running)
        return -1;
    rtld_report(err);
    rtld_stats.unresolved++;
    return 0;
}

/* A place to relocate, the len bytes its type writes (8 for most; a
 * 32-bit type's 4, so that one in the last 4 bytes of a segment is not
 * refused), must lie inside a writable segment of d (gABI: without
 * DT_TEXTREL, which rtld refuses, relocations only touch writable
 * segments).  Places need not be aligned: they are accessed bytewise.
 * What is wrong with one, if anything: */
enum place { PLACE_OK, PLACE_OUTSIDE, PLACE_READ_ONLY };

static enum place place_find(const struct dso *d, uint64_t where, uint64_t len,
                             struct seg_cache *seg)
{
    if (!dso_contains_cached(d, where, len, seg))
        return PLACE_OUTSIDE;
    return seg->flags & PF_W ? PLACE_OK : PLACE_READ_ONLY;
}

/* The common case, a place in the segment of the one before, inline. */
__attribute__((always_inline))
static inline enum place place_check(const struct dso *d, uint64_t where, uint64_t len,
                                     struct seg_cache *seg)
{
    if (seg_cache_holds(seg, where, len) && (seg->flags & PF_W))
        return PLACE_OK;
    return place_find(d, where, len, seg);
}

static int place_refused(enum place p, uint64_t where, uint32_t type, struct load_error *err)
{
    load_fail(err, LOAD_EXIT_NOEXEC, "%s relocates %#lx, %s", arch_reloc_name(type),
              (unsigned long)where,
              p == PLACE_OUTSIDE ? "outside the object" : "in a read-only segment");
    return 0;
}

__attribute__((always_inline))
static inline int place_ok(const struct dso *d, uint64_t where, uint64_t len,
                           struct seg_cache *seg, uint32_t type, struct load_error *err)
{
    enum place p = place_check(d, where, len, seg);
    return p == PLACE_OK || place_refused(p, where, type, err);
}

int reloc_place(uint32_t type, const struct reloc *r, uint64_t len, struct load_error *err)
{
    struct seg_cache seg = SEG_CACHE_EMPTY;
    return place_ok(r->obj, r->where, len, &seg, type, err) ? 0 : -1;
}

/* DT_RELR's places: its entries are link-time addresses or bitmaps, so a
 * bad one is named without a run-time address. */
static int relr_place_ok(struct dso *d, uint64_t where, struct seg_cache *seg,
                         struct load_error *err)
{
    enum place p = place_check(d, where, 8, seg);
    if (p != PLACE_OK)
        load_fail(err, LOAD_EXIT_NOEXEC, "DT_RELR relocates a place %s",
                  p == PLACE_OUTSIDE ? "outside the object" : "in a read-only segment");
    return p == PLACE_OK;
}

static void add64(uint64_t where, uint64_t v)
{
    uint64_t x;
    __builtin_memcpy(&x, (const void *)where, 8);  /* one unaligned load/store */
    x += v;
    __builtin_memcpy((void *)where, &x, 8);
}

static int apply_relr(struct dso *d, struct load_error *err)
{
    const uint64_t *e = (const uint64_t *)d->relr;
    uint64_t where = 0;
    struct seg_cache seg = SEG_CACHE_EMPTY;
    for (uint64_t i = 0; i < d->relrsz / 8; i++) {
        if (!(e[i] & 1)) {          /* an address: relocate it, continue after */
            where = d->base + e[i];
            if (!relr_place_ok(d, where, &seg, err))
                return -1;
            add64(where, d->base);
            where += 8;
            rtld_count(rtld_stats.relocs[reloc_slot(ARCH_R_RELATIVE)]);
            continue;
        }
        /* a bitmap: bit k (1..63) relocates the word k-1 after `where` */
        for (uint64_t bits = e[i] >> 1, k = 0; bits; bits >>= 1, k++) {
            if (!(bits & 1))
                continue;
            if (!relr_place_ok(d, where + 8 * k, &seg, err))
                return -1;
            add64(where + 8 * k, d->base);
            rtld_count(rtld_stats.relocs[reloc_slot(ARCH_R_RELATIVE)]);
        }
        where += 63 * 8;
    }
    return 0;
}

/* The definition a relocation of d against symbol symidx binds to, and
 * the value S it gives: 0 for an undefined weak symbol, an IFUNC
 * resolver's choice, a TLS symbol's offset in its module's block. */
static int resolve(struct dso *d, uint32_t symidx, enum reloc_kind kind, struct symdef *def,
                   uint64_t *value, struct load_error *err)
{
    if (symidx >= d->nsyms)
        return load_fail(err, LOAD_EXIT_NOEXEC, "relocation names symbol %u of %zu",
                         symidx, d->nsyms);
    const Elf64_Sym *ref = &d->symtab[symidx];
    if (ref->st_name >= d->strsz)
        return load_fail(err, LOAD_EXIT_NOEXEC, "symbol %u names a string outside the string "
                         "table", symidx);
    const char *name = d->strtab + ref->st_name;
    def->sym = NULL;
    def->dso = NULL;
    if (kind == RK_TLS_MODULE && ELF64_ST_BIND(ref->st_info) == STB_LOCAL) {
        def->sym = ref;             /* a module's own local TLS */
        def->dso = d;
    } else if (symidx) {
        struct version_req v = { NULL, 0 };
        /* only a versioned reference (index 2 and up) names a version */
        if (d->versym && d->verneed && (d->versym[symidx] & VERSYM_VERSION) >= 2)
            version_wanted(d, symidx, &v);
        if (lookup(name, d, &v, kind == RK_COPY, kind == RK_PLT || kind == RK_PLT_SLOT, def)) {
            if (ELF64_ST_BIND(ref->st_info) != STB_WEAK && symbol_missing(err, d, name, &v))
                return -1;
            def->sym = NULL;        /* undefined weak (or missing): address 0 */
        }
    }
    if (symidx && kind != RK_TLS_MODULE)
        rtld_debug(DEBUG_BINDINGS, "binding %s to %s: symbol %s", d->path,
                   def->dso ? def->dso->path : "nothing (weak)", name);
    *value = 0;
    const Elf64_Sym *s = def->sym;
    if (s) {
        *value = def->dso->base + s->st_value;
        if (ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC && s->st_shndx != SHN_UNDEF &&
            !rtld_stats.unresolved) {       /* no resolver runs for a program that will not */
            if (!dso_executable(def->dso, *value))
                return load_fail(err, LOAD_EXIT_NOEXEC, "IFUNC resolver of %s at %#lx is not "
                                 "code of %s", name, (unsigned long)*value, def->dso->path);
            *value = arch_ifunc_call(*value);       /* the resolver's choice */
        }
    }
    /* TLS relocations name an offset in the defining module's block: a
     * TLS symbol's value (gABI: st_value of STT_TLS is an offset in the
     * TLS template), or 0 for symbol 0, the module's own block, whose
     * variables the addend locates */
    if (kind == RK_TLS_MODULE)
        *value = s ? s->st_value : 0;
    return 0;
}

int reloc_put32(uint32_t type, const struct reloc *r, uint64_t v, int64_t min, int64_t max,
                struct load_error *err)
{
    if ((int64_t)v < min || (int64_t)v > max)
        return load_fail(err, LOAD_EXIT_NOEXEC, "%s overflows at %#lx", arch_reloc_name(type),
                         (unsigned long)r->where);
    uint32_t u = (uint32_t)v;
    __builtin_memcpy((void *)r->where, &u, 4);    /* inline, despite -ffreestanding */
    return 0;
}

int reloc_copy(uint32_t type, const struct reloc *r, struct load_error *err)
{
    if (!r->sym)
        return load_fail(err, LOAD_EXIT_NOEXEC, "%s of an undefined symbol",
                         arch_reloc_name(type));
    /* The smaller of the two sizes, as glibc copies: the program's symbol
     * gives its copy's room, the definition what the library has (a
     * program linked against another build of the library); musl copies
     * the program's size, reading past a smaller definition. */
    uint64_t size = r->sym->st_size < r->ref->st_size ? r->sym->st_size : r->ref->st_size;
    if (reloc_place(type, r, size, err))            /* Z bytes, both ranges inside */
        return -1;
    if (!dso_contains(r->def, r->value, size))
        return load_fail(err, LOAD_EXIT_NOEXEC, "%s copies %#lx, outside %s",
                         arch_reloc_name(type), (unsigned long)r->value, r->def->path);
    memmove((void *)r->where, (const void *)r->value, size);
    return 0;
}

int reloc_irelative(uint32_t type, const struct reloc *r, struct load_error *err)
{
    uint64_t resolver = r->obj->base + (uint64_t)r->addend;
    if (!dso_executable(r->obj, resolver))
        return load_fail(err, LOAD_EXIT_NOEXEC, "%s calls %#lx, not code of the object",
                         arch_reloc_name(type), (unsigned long)resolver);
    reloc_put64(r, arch_ifunc_call(resolver));
    return 0;
}

int reloc_tpoff(const struct reloc *r, uint64_t *tpoff, struct load_error *err)
{
    if (!r->def || !r->def->tls_id)
        return load_fail(err, LOAD_EXIT_NOEXEC, "TLS relocation against a module without TLS");
    if (!r->def->tls_static)    /* loaded by dlopen: no static place */
        return load_fail(err, LOAD_EXIT_NOEXEC, "initial-exec TLS of %s, which was "
                         "loaded at run time", r->def->path);
    *tpoff = tls_block_from_tp(r->def) + r->value + (uint64_t)r->addend;
    return 0;
}

int reloc_tpoff64(const struct reloc *r, struct load_error *err)
{
    uint64_t tpoff = 0;
    if (reloc_tpoff(r, &tpoff, err))
        return -1;
    reloc_put64(r, tpoff);
    return 0;
}

/* The addend of a REL or RELA entry e for a place of width bytes at
 * `where` (checked): a REL entry's is the place's contents, its 4 bytes
 * sign-extended for a 32-bit type (as i386's REL fields hold them); a COPY
 * (width 0) has none. */
__attribute__((always_inline))
static inline int64_t addend(const Elf64_Rela *e, int rela, uint32_t type, uint64_t where,
                             unsigned width)
{
    if (rela)
        return e->r_addend;
    if (!width || !arch_reloc_implicit_addend(type))
        return 0;
    if (width == 4) {
        int32_t a;
        __builtin_memcpy(&a, (const void *)where, 4);
        return a;
    }
    int64_t a;
    __builtin_memcpy(&a, (const void *)where, 8);
    return a;
}

/* A run of R_*_RELATIVE entries (B + A, gABI) from `from`, the bulk of
 * most tables (linkers put them first): a loop of its own, compiled once
 * for RELA and once for REL, keeping the writable segment of the last
 * place at hand.  How many entries it applied, or -1 with err set. */
__attribute__((always_inline))
static inline long relative_run_of(struct dso *d, uint64_t from, uint64_t end, size_t ent,
                                   const int rela, struct seg_cache *seg,
                                   struct load_error *err)
{
    const uint64_t base = d->base;
    uint64_t at = from, lo = 1, last = 0;   /* places in [lo, last] are writable */
    for (; at + ent <= end; at += ent) {
        const Elf64_Rela *e = (const Elf64_Rela *)at;
        if (ELF64_R_TYPE(e->r_info) != ARCH_R_RELATIVE)
            break;
        uint64_t where = base + e->r_offset;
        if (where < lo || where > last) {
            if (!place_ok(d, where, 8, seg, ARCH_R_RELATIVE, err))
                return -1;
            lo = seg->start;
            last = seg->end - 8;            /* holds at least where's 8 bytes */
        }
        uint64_t v = base + (uint64_t)addend(e, rela, ARCH_R_RELATIVE, where, 8);
        __builtin_memcpy((void *)where, &v, 8);
    }
    long n = (long)((at - from) / ent);
    if (rtld_config.debug & DEBUG_STATISTICS)
        rtld_stats.relocs[reloc_slot(ARCH_R_RELATIVE)] += (uint64_t)n;
    return n;
}

static long relative_run(struct dso *d, uint64_t from, uint64_t end, size_t ent, int rela,
                         struct seg_cache *seg, struct load_error *err)
{
    return rela ? relative_run_of(d, from, end, ent, 1, seg, err)
                : relative_run_of(d, from, end, ent, 0, seg, err);
}

static int apply_table(struct dso *d, uint64_t table, uint64_t size, int rela,
                       struct load_error *err)
{
    size_t ent = rela ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);
    struct seg_cache seg = SEG_CACHE_EMPTY;
    uint32_t kind_of = ~0u;         /* the type whose kind is in kind */
    enum reloc_kind kind = RK_UNKNOWN;
    unsigned width = 8;             /* of kind's places (COPY: its own, checked later) */
    for (uint64_t off = 0; off + ent <= size;) {
        const Elf64_Rela *e = (const Elf64_Rela *)(table + off);
        uint32_t type = ELF64_R_TYPE(e->r_info);
        uint64_t where = d->base + e->r_offset;
        if (type == ARCH_R_RELATIVE && !d->is_rtld) {   /* rtld's own: self_relocate */
            long n = relative_run(d, table + off, table + size, ent, rela, &seg, err);
            if (n < 0)
                return -1;
            off += (uint64_t)n * ent;
            continue;
        }
        off += ent;
        rtld_count(rtld_stats.relocs[reloc_slot(type)]);
        if (type != kind_of) {              /* runs of one type are the rule */
            kind = arch_reloc_kind(type);
            kind_of = type;
            width = kind == RK_COPY ? 0 : kind == RK_SYMBOL32 ? 4 : 8;
        }
        if (kind == RK_NONE || type == ARCH_R_RELATIVE)
            continue;
        if (kind == RK_UNKNOWN)
            return load_fail(err, LOAD_EXIT_NOEXEC, "unsupported relocation type %u", type);
        if (kind == RK_IRELATIVE && rtld_stats.unresolved)
            continue;       /* no resolver runs for a program that will not */
        if (!place_ok(d, where, width, &seg, type, err))
            return -1;
        struct symdef def = { NULL, NULL };
        uint64_t value = 0;
        int named = kind != RK_RELATIVE && kind != RK_IRELATIVE;
        if (named && resolve(d, ELF64_R_SYM(e->r_info), kind, &def, &value, err))
            return -1;
        if (kind == RK_SYMBOL_SLOT || kind == RK_PLT_SLOT) {
            __builtin_memcpy((void *)where, &value, 8);
            continue;
        }
        struct reloc r = { .obj = d, .where = where, .addend = addend(e, rela, type, where, width),
                           .value = value, .sym = def.sym, .def = def.dso, .rela = rela,
                           /* (resolve checked the index) */
                           .ref = named ? &d->symtab[ELF64_R_SYM(e->r_info)] : NULL };
        if (arch_reloc_apply(type, &r, err))
            return -1;
    }
    return 0;
}

int relocate(struct dso *d, struct load_error *err)
{
    if (d->relocated)
        return 0;
    rtld_debug(DEBUG_RELOC, "relocating %s", d->path);
    /* binutils lets DT_RELA's range take in DT_JMPREL's on some CPUs
     * (riscv64): each entry is applied, and a missing symbol reported,
     * once, as glibc's ld.so does (musl walks such entries twice) */
    uint64_t table = d->pltrel_is_rela ? d->rela : d->rel;
    uint64_t tablesz = d->pltrel_is_rela ? d->relasz : d->relsz;
    int plt_inside = d->jmprel >= table && d->jmprel - table <= tablesz &&
                     d->pltrelsz <= tablesz - (d->jmprel - table);
    int r = (!d->is_rtld && apply_relr(d, err)) ||
            apply_table(d, d->rel, d->relsz, 0, err) ||
            apply_table(d, d->rela, d->relasz, 1, err) ||
            (!plt_inside && apply_table(d, d->jmprel, d->pltrelsz, d->pltrel_is_rela, err));
    if (r) {
        load_error_file(err, d->path);
        return -1;
    }
    d->relocated = 1;
    return 0;
}

/* PT_GNU_RELRO: read-only once relocated (the GNU extension to the gABI).
 * Making part of a mapping read-only splits it, which needs a free map slot
 * (vm.max_map_count): like musl and glibc, refuse the load when it fails. */
int protect_relro(struct dso *from, struct load_error *err)
{
    for (struct dso *d = from; d; d = d->next) {
        for (size_t i = 0; i < d->phnum; i++) {
            const Elf64_Phdr *p = &d->phdr[i];
            if (p->p_type != PT_GNU_RELRO)
                continue;
            uint64_t start = (d->base + p->p_vaddr) & -rtld_config.pagesz;
            uint64_t end = (d->base + p->p_vaddr + p->p_memsz) & -rtld_config.pagesz;
            long r = end > start ? sys_mprotect((void *)start, end - start, PROT_READ) : 0;
            if (r) {
                load_fail(err, LOAD_EXIT_SYSTEM, "cannot make RELRO read-only: %s",
                          sys_strerror(r));
                load_error_file(err, d->path);
                return -1;
            }
        }
    }
    return 0;
}
