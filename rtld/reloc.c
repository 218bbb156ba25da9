/* Walking an object's relocation tables (gABI "Relocation"): packed
 * relative relocations (DT_RELR), then DT_REL/DT_RELA, then the PLT's
 * DT_JMPREL.  Every place written must lie inside the object. */
#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "arch.h"
#include "reloc.h"
#include "rtld.h"

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

/* A place to relocate must be 8 bytes inside a writable segment of d
 * (gABI: without DT_TEXTREL, which rtld refuses, relocations only touch
 * writable segments).  Places need not be aligned: they are accessed
 * bytewise.  What is wrong with one, if anything: */
enum place { PLACE_OK, PLACE_OUTSIDE, PLACE_READ_ONLY };

static enum place place_check(struct dso *d, uint64_t where, struct seg_cache *seg)
{
    if (seg_cache_holds(seg, where, 8) && (seg->flags & PF_W))
        return PLACE_OK;        /* the common case, inline */
    if (!dso_contains_cached(d, where, 8, seg))
        return PLACE_OUTSIDE;
    return seg->flags & PF_W ? PLACE_OK : PLACE_READ_ONLY;
}

static int place_ok(struct dso *d, uint64_t where, struct seg_cache *seg, uint32_t type,
                    struct load_error *err)
{
    enum place p = place_check(d, where, seg);
    if (p != PLACE_OK)
        load_fail(err, LOAD_EXIT_NOEXEC, "%s relocates %#lx, %s", arch_reloc_name(type),
                  (unsigned long)where,
                  p == PLACE_OUTSIDE ? "outside the object" : "in a read-only segment");
    return p == PLACE_OK;
}

/* DT_RELR's places: its entries are link-time addresses or bitmaps, so a
 * bad one is named without a run-time address. */
static int relr_place_ok(struct dso *d, uint64_t where, struct seg_cache *seg,
                         struct load_error *err)
{
    enum place p = place_check(d, where, seg);
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
            rtld_stats.relocs[ARCH_R_RELATIVE]++;
            continue;
        }
        /* a bitmap: bit k (1..63) relocates the word k-1 after `where` */
        for (uint64_t bits = e[i] >> 1, k = 0; bits; bits >>= 1, k++) {
            if (!(bits & 1))
                continue;
            if (!relr_place_ok(d, where + 8 * k, &seg, err))
                return -1;
            add64(where + 8 * k, d->base);
            rtld_stats.relocs[ARCH_R_RELATIVE]++;
        }
        where += 63 * 8;
    }
    return 0;
}

static int resolve(struct reloc *r, uint32_t symidx, enum reloc_kind kind,
                   struct load_error *err)
{
    struct dso *d = r->obj;
    if (symidx >= d->nsyms)
        return load_fail(err, LOAD_EXIT_NOEXEC, "relocation names symbol %u of %zu",
                         symidx, d->nsyms);
    const Elf64_Sym *ref = &d->symtab[symidx];
    if (ref->st_name >= d->strsz)
        return load_fail(err, LOAD_EXIT_NOEXEC, "symbol %u names a string outside the string "
                         "table", symidx);
    const char *name = d->strtab + ref->st_name;
    struct symdef def = { NULL, NULL };

    if (kind == RK_TLS_MODULE && ELF64_ST_BIND(ref->st_info) == STB_LOCAL) {
        def.sym = ref;              /* a module's own local TLS */
        def.dso = d;
    } else if (symidx) {
        struct version_req v;
        version_wanted(d, symidx, &v);
        if (lookup(name, d, &v, kind == RK_COPY, kind == RK_PLT, &def)) {
            if (ELF64_ST_BIND(ref->st_info) != STB_WEAK && symbol_missing(err, d, name, &v))
                return -1;
            def.sym = NULL;         /* undefined weak (or missing): address 0 */
        }
    }
    r->sym = def.sym;
    r->def = def.dso;
    if (symidx && kind != RK_TLS_MODULE)
        rtld_debug(DEBUG_BINDINGS, "binding %s to %s: symbol %s", d->path,
                   def.dso ? def.dso->path : "nothing (weak)", name);
    r->value = 0;
    if (def.sym) {
        r->value = def.dso->base + def.sym->st_value;
        if (ELF64_ST_TYPE(def.sym->st_info) == STT_GNU_IFUNC && def.sym->st_shndx != SHN_UNDEF &&
            !rtld_stats.unresolved) {       /* no resolver runs for a program that will not */
            if (!dso_executable(def.dso, r->value))
                return load_fail(err, LOAD_EXIT_NOEXEC, "IFUNC resolver of %s at %#lx is not "
                                 "code of %s", name, (unsigned long)r->value, def.dso->path);
            r->value = ((uint64_t (*)(void))r->value)();    /* the resolver's choice */
        }
        if (ELF64_ST_TYPE(def.sym->st_info) == STT_TLS)
            r->value = def.sym->st_value;   /* an offset in the module's block */
    }
    return 0;
}

static int apply_table(struct dso *d, uint64_t table, uint64_t size, int rela,
                       struct load_error *err)
{
    size_t ent = rela ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);
    struct seg_cache seg = SEG_CACHE_EMPTY;
    for (uint64_t off = 0; off + ent <= size; off += ent) {
        const Elf64_Rela *e = (const Elf64_Rela *)(table + off);
        uint32_t type = ELF64_R_TYPE(e->r_info);
        enum reloc_kind kind = arch_reloc_kind(type);
        struct reloc r = { .obj = d, .where = d->base + e->r_offset };

        rtld_stats.relocs[type < 64 ? type : 0]++;
        if (kind == RK_NONE)
            continue;
        if (kind == RK_UNKNOWN)
            return load_fail(err, LOAD_EXIT_NOEXEC, "unsupported relocation type %u", type);
        if (kind == RK_IRELATIVE && rtld_stats.unresolved)
            continue;       /* no resolver runs for a program that will not */
        if (!place_ok(d, r.where, &seg, type, err))
            return -1;
        r.addend = 0;
        if (rela)
            r.addend = e->r_addend;
        else if (arch_reloc_implicit_addend(type))
            __builtin_memcpy(&r.addend, (const void *)r.where, 8);
        if (kind != RK_RELATIVE && kind != RK_IRELATIVE &&
            resolve(&r, ELF64_R_SYM(e->r_info), kind, err))
            return -1;
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
    int r = apply_relr(d, err) ||
            apply_table(d, d->rel, d->relsz, 0, err) ||
            apply_table(d, d->rela, d->relasz, 1, err) ||
            apply_table(d, d->jmprel, d->pltrelsz, d->pltrel_is_rela, err);
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
