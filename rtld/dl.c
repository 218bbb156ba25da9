/* dlopen and friends.  A handle is the object's struct dso, whose first
 * member is its link_map (musl's dlinfo(RTLD_DI_LINKMAP) returns the
 * handle itself).  One recursive lock serialises them: a constructor run by
 * dlopen may itself call dlopen. */
#include "libsys/fmt.h"
#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "alloc.h"
#include "arch.h"
#include "debug.h"
#include "dl.h"
#include "musl/rtld_interface.h"
#include "init_fini.h"
#include "reloc.h"
#include "rtld.h"
#include "symbols.h"
#include "tls_place.h"

static volatile int lock_word;
static uint64_t lock_owner;     /* thread pointer of the holder */
static unsigned lock_depth;

static void dl_lock(void)
{
    uint64_t self = arch_thread_pointer();
    if (lock_owner == self) {
        lock_depth++;
        return;
    }
    while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE))
        _syscall0(__NR_sched_yield);
    lock_owner = self;
    lock_depth = 1;
}

static void dl_unlock(void)
{
    if (--lock_depth)
        return;
    lock_owner = 0;
    __atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
}

int dl_valid_handle(const void *handle)
{
    for (struct dso *d = dso_head; d; d = d->next)
        if (d == handle && !d->missing)
            return 1;
    return 0;
}

/* The breadth-first closure of root's dependencies: its local scope. */
static int make_group(struct dso *root)
{
    struct dso **g = rtld_alloc(dso_count() * sizeof *g);
    if (!g)
        return -1;
    size_t len = 0;
    g[len++] = root;
    for (size_t i = 0; i < len; i++)
        for (size_t k = 0; k < g[i]->ndeps; k++) {
            size_t j = 0;
            while (j < len && g[j] != g[i]->deps[k])
                j++;
            if (j == len)
                g[len++] = g[i]->deps[k];
        }
    root->group = g;
    root->ngroup = len;
    return 0;
}

static void unmap(const struct dso *d)
{
    if (d->map_hi > d->map_lo)
        sys_munmap((void *)(d->map_lo & -rtld_config.pagesz),
                   d->map_hi - (d->map_lo & -rtld_config.pagesz));
}

/* Free the objects chained through next from dead, which nothing reaches
 * any more, with the local scopes that no loaded object uses.  When one had
 * TLS, threads free their blocks of it at their next use of dynamic TLS
 * (rtld/musl/glue.c), seeing the unload count change. */
static void free_dead(struct dso *dead)
{
    int had_tls = 0;
    for (struct dso *d = dead; d; d = d->next) {
        had_tls |= d->tls_id != 0;
        if (!d->group || d->group[0] != d)
            continue;               /* a dlopen root owns its group */
        struct dso *user = dso_head;
        while (user && user->group != d->group)
            user = user->next;
        if (!user)
            rtld_free(d->group);
    }
    while (dead) {
        struct dso *next = dead->next;
        dso_free(dead);
        dead = next;
    }
    if (had_tls)
        __atomic_fetch_add(&__rtld_interface.tls_generation, 1, __ATOMIC_RELEASE);
}

/* Undo a failed dlopen: forget, unmap and free the objects it added. */
static void drop_new(struct dso *last_old)
{
    struct dso *dead = last_old->next;
    for (struct dso *d = dead; d; d = d->next)
        unmap(d);
    dso_truncate(last_old);
    free_dead(dead);
}

/* A dlopen step failed: report e and leave the process as it was. */
static void *fail_new(struct dso *last_old, const struct load_error *e, char *err, size_t cap)
{
    fmt_format(err, cap, "%s%s%s", e->has_file ? e->file : "", e->has_file ? ": " : "", e->msg);
    drop_new(last_old);
    return NULL;
}

static void *out_of_memory(struct dso *last_old, const char *file, char *err, size_t cap)
{
    struct load_error e;
    load_fail(&e, LOAD_EXIT_SYSTEM, "out of memory");
    load_error_file(&e, file);
    return fail_new(last_old, &e, err, cap);
}

static void *open_locked(const char *file, int mode, char *err, size_t cap)
{
    struct load_error e;
    struct dso *last_old = dso_tail_get(), *d;

    if (!file)
        return dso_head;            /* the program: the global scope */
    if (mode & RTLD_NOLOAD) {
        d = dso_find(file);
        if (!d)
            fmt_format(err, cap, "%s: not loaded (RTLD_NOLOAD)", file);
    } else {
        d = load_library(file, NULL, &e);
        if (!d || load_dependencies(&e))
            return fail_new(last_old, &e, err, cap);
        if (!d->relocated && make_group(d))
            return out_of_memory(last_old, file, err, cap);
        /* new objects share the root's local scope and get TLS ids */
        for (struct dso *n = last_old->next; n; n = n->next) {
            n->dlopened = 1;
            n->group = d->group;
            n->ngroup = d->ngroup;
            if (n->tls_size)
                n->tls_id = tls_dynamic_id();
        }
        for (struct dso *n = last_old->next; n; n = n->next)
            if (relocate(n, &e))
                return fail_new(last_old, &e, err, cap);
        if (protect_relro(last_old->next, &e))
            return fail_new(last_old, &e, err, cap);
        if (init_fini_order())
            return out_of_memory(last_old, file, err, cap);
        debug_publish();
    }
    /* dlopen(3): a handle's scope is its object and their dependencies, also
     * for an object loaded at startup (no scope yet) or by an earlier dlopen
     * as a dependency (whose scope was that dlopen's) */
    if (d && (!d->group || d->group[0] != d) && make_group(d))
        return out_of_memory(last_old, file, err, cap);     /* nothing new to drop */
    if (d) {
        d->refcnt++;
        if (mode & RTLD_GLOBAL)
            for (size_t i = 0; i < d->ngroup; i++)
                d->group[i]->global = 1;
        if (mode & RTLD_NODELETE)
            d->nodelete = 1;
    }
    return d;
}

void *dl_open(const char *file, int mode, char *err, size_t cap)
{
    dl_lock();
    void *h = open_locked(file, mode, err, cap);
    if (h)
        run_constructors();     /* only those not yet run */
    dl_unlock();
    return h;
}

static struct dso *containing(uint64_t addr)
{
    for (struct dso *d = dso_head; d; d = d->next)
        if (!d->missing && addr >= d->map_lo && addr < d->map_hi)
            return d;
    return NULL;
}

void *dl_sym(void *handle, const char *name, void *caller, char *err, size_t cap)
{
    struct version_req none = { NULL, 0 };
    struct symdef def = { NULL, NULL };
    struct dso *h = handle;
    int found = 0;
    uint32_t gh = gnu_hash(name);

    dl_lock();
    if (handle == RTLD_DEFAULT || handle == dso_head) {
        found = !lookup(name, containing((uint64_t)caller), &none, 0, 1, &def);
    } else if (handle == RTLD_NEXT) {
        /* the next definition after the caller's object, in load order */
        struct dso *c = containing((uint64_t)caller);
        for (struct dso *d = c ? c->next : NULL; d && !found; d = d->next)
            if (d->global && !d->missing && (def.sym = dso_lookup(d, name, gh, &none, 1)))
                def.dso = d, found = 1;
    } else if (dl_valid_handle(handle)) {
        for (size_t i = 0; i < h->ngroup && !found; i++)
            if ((def.sym = dso_lookup(h->group[i], name, gh, &none, 1)))
                def.dso = h->group[i], found = 1;
    } else {
        fmt_format(err, cap, "invalid handle %p", handle);
        dl_unlock();
        return NULL;
    }
    dl_unlock();
    if (!found) {
        fmt_format(err, cap, "symbol %s not found", name);
        return NULL;
    }
    uint64_t v = def.dso->base + def.sym->st_value;
    if (ELF64_ST_TYPE(def.sym->st_info) == STT_GNU_IFUNC)
        v = ((uint64_t (*)(void))v)();
    if (ELF64_ST_TYPE(def.sym->st_info) == STT_TLS)
        v = (uint64_t)tls_address(def.dso, def.sym->st_value);
    return (void *)v;
}

int dl_addr(const void *addr, struct dl_info *info)
{
    uint64_t a = (uint64_t)addr;
    dl_lock();
    struct dso *d = containing(a);
    if (!d) {
        dl_unlock();
        return 0;
    }
    /* the nearest exported symbol at or below addr that contains it (a
     * sized symbol must reach it), as musl's dladdr decides */
    const Elf64_Sym *best = NULL;
    for (size_t i = 0; i < d->nsyms; i++) {
        const Elf64_Sym *s = &d->symtab[i];
        uint64_t v = d->base + s->st_value;
        unsigned bind = ELF64_ST_BIND(s->st_info), type = ELF64_ST_TYPE(s->st_info);
        if (!s->st_value || v > a || s->st_name >= d->strsz ||
            (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE) ||
            (type != STT_NOTYPE && type != STT_OBJECT && type != STT_FUNC))
            continue;
        if (!best || v > d->base + best->st_value)
            best = s;
    }
    if (best && best->st_size && a - (d->base + best->st_value) >= best->st_size)
        best = NULL;
    *info = (struct dl_info){ d->is_main ? dso_head->path : d->path, (void *)d->map_lo,
                              best ? d->strtab + best->st_name : NULL,
                              best ? (void *)(d->base + best->st_value) : NULL };
    dl_unlock();
    return 1;
}

/* After a dlclose: objects loaded by dlopen that no live dlopen root (one
 * with references left, or RTLD_NODELETE) reaches any more are destroyed
 * -- destructors in reverse constructor order -- and unmapped. */
static void collect(void)
{
    for (struct dso *d = dso_head; d; d = d->next)
        d->live = !d->dlopened;
    for (struct dso *d = dso_head; d; d = d->next)
        if (d->dlopened && (d->refcnt || d->nodelete))
            for (size_t i = 0; i < d->ngroup; i++)
                d->group[i]->live = 1;
    int any = 0;
    for (struct dso *d = dso_head; d; d = d->next)
        any |= !d->live;
    if (!any)
        return;
    debug_deleting();
    init_fini_forget_dead();
    struct dso *dead = NULL;
    for (struct dso *prev = dso_head, *d = prev->next; d; d = prev->next) {
        if (d->live) {
            prev = d;
            continue;
        }
        dso_unlink(prev, d);
        dso_subs++;
        unmap(d);
        d->next = dead;             /* unlinked: next now chains the dead */
        dead = d;
    }
    debug_publish();
    free_dead(dead);
}

int dl_close(void *handle, char *err, size_t cap)
{
    struct dso *d = handle;
    dl_lock();
    if (!dl_valid_handle(handle) || (d->dlopened && !d->refcnt)) {
        fmt_format(err, cap, "invalid handle %p", handle);
        dl_unlock();
        return -1;
    }
    if (d->refcnt && !--d->refcnt && d->dlopened && !d->nodelete)
        collect();
    dl_unlock();
    return 0;
}

int dl_tls_module(size_t id, struct rtld_tls_module *out)
{
    int found = 0;
    dl_lock();
    for (struct dso *d = dso_head; d && !found; d = d->next)
        if ((found = d->tls_id == id))
            *out = (struct rtld_tls_module){ d->tls_image, d->tls_len, d->tls_size,
                                             d->tls_align, d->tls_offset };
    dl_unlock();
    return found;
}
