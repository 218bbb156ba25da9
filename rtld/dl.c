/* dlopen and friends.  A handle is the object's struct dso, whose first
 * member is its link_map (musl's dlinfo(RTLD_DI_LINKMAP) returns the
 * handle itself).  The dl lock covers loading, lookups and unloading;
 * constructors and destructors run outside it (init_fini.h), so that they
 * may wait for threads that use the linker, and may call dlopen and
 * dlclose themselves.  Each pass costs what the call loads or unloads. */
#include "libsys/fmt.h"
#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "alloc.h"
#include "arch.h"
#include "debug.h"
#include "deps.h"
#include "dl.h"
#include "musl/rtld_interface.h"
#include "init_fini.h"
#include "lock.h"
#include "reloc.h"
#include "rtld.h"
#include "symbols.h"
#include "tls_place.h"

int dl_valid_handle(const void *handle)
{
    int valid = 0;
    dl_lock();
    for (struct dso *d = dso_head; d && !valid; d = d->next)
        valid = d == handle && !d->missing;
    dl_unlock();
    return valid;
}

static int any(const struct dso *d)
{
    (void)d;
    return 1;
}

/* The breadth-first closure of root's dependencies: its local scope. */
static int make_group(struct dso *root)
{
    struct walk w = WALK_EMPTY;
    deps_walk(&w, root, any);
    deps_walk_end(&w);
    struct dso **g = rtld_alloc(w.count * sizeof *g);
    if (!g)
        return -1;
    size_t len = 0;
    for (struct dso *d = w.head; d; d = d->walk_next)
        g[len++] = d;
    root->group = g;
    root->ngroup = len;
    return 0;
}

/* Undo a failed dlopen: forget, unmap and free the objects it added. */
static void drop_new(struct dso *last_old)
{
    for (struct dso *d = dso_tail_get(), *prev; d != last_old; d = prev) {
        prev = d->prev;
        if (d->tls_id)
            tls_release_id(d);
        dso_unmap(d);
        dso_unlink(d);
        dso_free(d);
    }
}

/* A dlopen step failed: report e and leave the process as it was. */
static struct dso *fail_new(struct dso *last_old, const struct load_error *e, char *err,
                            size_t cap)
{
    fmt_format(err, cap, "%s%s%s", e->has_file ? e->file : "", e->has_file ? ": " : "", e->msg);
    drop_new(last_old);
    return NULL;
}

static struct dso *out_of_memory(struct dso *last_old, const char *file, char *err, size_t cap)
{
    struct load_error e;
    load_fail(&e, LOAD_EXIT_SYSTEM, "out of memory");
    load_error_file(&e, file);
    return fail_new(last_old, &e, err, cap);
}

/* Load, relocate and protect root's new dependencies (the objects after
 * last_old); they share root's local scope while relocating. */
static int link_new(struct dso *root, struct dso *last_old, struct load_error *e)
{
    struct dso *first = last_old->next;
    if (load_dependencies(first, e))
        return -1;
    if (make_group(root)) {
        load_fail(e, LOAD_EXIT_SYSTEM, "out of memory");
        return -1;
    }
    for (struct dso *n = first; n; n = n->next) {
        n->dlopened = 1;
        n->group = root->group;
        n->ngroup = root->ngroup;
        if (n->tls_size)
            tls_dynamic_id(n);
    }
    for (struct dso *n = first; n; n = n->next)
        if (relocate(n, e))
            return -1;
    if (protect_relro(first, e))
        return -1;
    for (struct dso *n = first->next; n; n = n->next)    /* first is root */
        n->group = NULL, n->ngroup = 0;     /* root's alone from now on */
    return 0;
}

/* dlopen's work under the dl lock; *queue gets the constructors to run. */
static struct dso *open_locked(const char *file, int mode, struct dso ***queue, char *err,
                               size_t cap)
{
    struct load_error e;
    struct dso *last_old = dso_tail_get(), *d;

    *queue = NULL;
    if (!file)
        return dso_head;            /* the program: the global scope */
    if (mode & RTLD_NOLOAD) {
        d = dso_find(file);
        if (!d) {
            fmt_format(err, cap, "%s: not loaded (RTLD_NOLOAD)", file);
            return NULL;
        }
    } else {
        d = load_library(file, NULL, &e);
        /* a new object is appended after last_old */
        if (!d || (last_old->next && link_new(d, last_old, &e)))
            return fail_new(last_old, &e, err, cap);
    }
    *queue = init_queue(d, &e);
    if (!*queue) {
        load_error_file(&e, file);
        return fail_new(last_old, &e, err, cap);
    }
    /* dlopen(3): a handle's scope is its object and their dependencies, also
     * for an object loaded at startup (no scope yet) or by an earlier dlopen
     * as a dependency (whose scope was that dlopen's) */
    if (!d->group && make_group(d)) {
        init_queue_free(*queue);
        *queue = NULL;
        return out_of_memory(last_old, file, err, cap);     /* nothing new to drop */
    }
    d->refcnt++;
    if (mode & RTLD_GLOBAL)
        for (size_t i = 0; i < d->ngroup; i++)
            dso_make_global(d->group[i]);
    if (mode & RTLD_NODELETE)
        d->nodelete = 1;
    if (last_old->next)
        debug_publish();
    return d;
}

void *dl_open(const char *file, int mode, char *err, size_t cap)
{
    struct dso **queue;
    dl_lock();
    struct dso *d = open_locked(file, mode, &queue, err, cap);
    dl_unlock();
    if (queue) {
        run_init_queue(queue);
        dl_lock();
        init_queue_free(queue);
        dl_unlock();
    }
    return d;
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
        /* the program's canonical PLT address counts, as for a GLOB_DAT
         * (psABI §5.2): a pointer from dlsym equals the program's own */
        found = !lookup(name, containing((uint64_t)caller), &none, 0, 0, &def);
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
    if (!found) {
        dl_unlock();
        fmt_format(err, cap, "symbol %s not found", name);
        return NULL;
    }
    /* under the (recursive) lock, as glibc's dlsym: another thread's
     * dlclose must not unload the object before its IFUNC resolver has run
     * or the calling thread's block of its TLS is found (or made) */
    uint64_t v = def.dso->base + def.sym->st_value;
    if (ELF64_ST_TYPE(def.sym->st_info) == STT_GNU_IFUNC)
        v = ((uint64_t (*)(void))v)();
    if (ELF64_ST_TYPE(def.sym->st_info) == STT_TLS)
        v = (uint64_t)tls_address(def.dso, def.sym->st_value);
    dl_unlock();
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

/* Can d go at all: loaded by dlopen, not RTLD_NODELETE, not going already? */
static int unloadable(const struct dso *d)
{
    return d->dlopened && !d->nodelete && !d->unloading;
}

/* Of the walked objects (w: what lost a reference or a user, and what they
 * need), those that nothing keeps any more are marked unloading and added
 * to *dying, the most recently constructed first.  An object is kept by a
 * reference (dlopen), a constructor running, or a user outside the walk
 * (an object that needs it, including one being unloaded: it goes only
 * after that one), and it keeps what it needs.  A dependency cycle inside
 * the walk keeps nothing. */
static void doom(struct walk *w, struct dso **dying)
{
    struct dso *alive = NULL;       /* a stack, through work_next */
    for (struct dso *d = w->head; d; d = d->walk_next)
        d->inner = 0;
    for (struct dso *d = w->head; d; d = d->walk_next)
        for (size_t i = 0; i < d->ndeps; i++)
            d->deps[i]->inner += d->deps[i]->mark;
    for (struct dso *d = w->head; d; d = d->walk_next)
        if (d->refcnt || d->users > d->inner || constructing(d)) {
            d->mark = 2;
            d->work_next = alive;
            alive = d;
        }
    while (alive) {
        struct dso *d = alive;
        alive = d->work_next;
        for (size_t i = 0; i < d->ndeps; i++)
            if (d->deps[i]->mark == 1) {
                d->deps[i]->mark = 2;
                d->deps[i]->work_next = alive;
                alive = d->deps[i];
            }
    }
    for (struct dso *d = w->head; d; d = d->walk_next) {
        if (d->mark == 2)
            continue;
        d->unloading = 1;
        dso_leave_global(d);            /* no symbol lookup finds it any more */
        struct dso **at = dying;
        while (*at && !destroy_before(d, *at))
            at = &(*at)->gone_next;
        d->gone_next = *at;
        *at = d;
    }
    deps_walk_end(w);
}

/* dl_iterate_phdr calls back without the lock, as musl does (a callback
 * may wait for a thread that uses the linker or forks).  What dlclose
 * unloads meanwhile is unlinked at once, but held mapped until every walk
 * that began before that has ended, then kept as after any dlclose: a
 * callback may read the object it was given while another thread unloads
 * it (unwinders read its PT_GNU_EH_FRAME; glibc's dlclose waits for the
 * walks), and a walk can always step from an object to the next (an
 * unlinked object keeps its successor of then, unlinked later if at all).
 * Objects are numbered as they are unlinked, and each walk under way
 * notes in a slot how many were before it began, its thread and its
 * frame.  A walk that never ends (a callback that longjmps out) would hold
 * them for ever: its thread's next walk from a frame no deeper finds it
 * abandoned (stacks grow down on every CPU rtld runs on; a walk inside a
 * callback is deeper; one from another stack of the thread, a handler's on
 * sigaltstack or a coroutine's, may take a walk under way for abandoned,
 * which then holds nothing), and past HELD_MAX the rest is unmapped at
 * once, and only their records wait. */
#define WALK_SLOTS 16
#define HELD_MAX 1024
static uint64_t unlinked;               /* objects unlinked so far */
static struct {
    uint64_t began;                     /* 1 + unlinked when it began; 0: free */
    unsigned long thread;               /* lock_self() of its thread */
    uintptr_t frame;                    /* dl_each_object's frame */
} walk[WALK_SLOTS];
static unsigned slotless, nheld;        /* walks without a slot; objects held */
static struct dso *held, *unmapped;     /* the latest unlinked first */

static unsigned walk_begin(uintptr_t frame)
{
    unsigned long self = lock_self();
    for (unsigned i = 0; i < WALK_SLOTS; i++)
        if (walk[i].began && walk[i].thread == self && walk[i].frame <= frame)
            walk[i].began = 0;          /* abandoned: its frame is gone */
    for (unsigned i = 0; i < WALK_SLOTS; i++)
        if (!walk[i].began) {
            walk[i].began = unlinked + 1;
            walk[i].thread = self;
            walk[i].frame = frame;
            return i;
        }
    slotless++;
    return WALK_SLOTS;
}

/* How many objects were unlinked before the oldest walk under way began
 * (UINT64_MAX: none is under way); 0 while a walk has no slot. */
static uint64_t unlinked_before_walks(void)
{
    uint64_t upto = UINT64_MAX;
    for (unsigned i = 0; i < WALK_SLOTS; i++)
        if (walk[i].began && walk[i].began - 1 < upto)
            upto = walk[i].began - 1;
    return slotless ? 0 : upto;
}

/* Cut off *list the objects unlinked as number upto or earlier. */
static struct dso *unlinked_upto(struct dso **list, uint64_t upto)
{
    while (*list && (*list)->unlinked_seq > upto)
        list = &(*list)->gone_next;
    struct dso *d = *list;
    *list = NULL;
    return d;
}

/* Keep (load.c) the held objects no walk may see any more, and free the
 * records of the unmapped ones. */
static void release_unseen(void)
{
    uint64_t upto = unlinked_before_walks();
    for (struct dso *d = unlinked_upto(&held, upto), *next; d; d = next) {
        next = d->gone_next;
        nheld--;
        dso_keep(d);
    }
    for (struct dso *d = unlinked_upto(&unmapped, upto), *next; d; d = next) {
        next = d->gone_next;
        dso_free(d);
    }
}

int dl_each_object(int (*fn)(const struct dso *d, void *ctx), void *ctx)
{
    int r = 0;
    uintptr_t frame = (uintptr_t)__builtin_frame_address(0);
    dl_lock();
    unsigned slot = walk_begin(frame);
    /* the objects loaded when it began, as glibc's walk under its lock
     * sees them: one that follows objects loaded meanwhile could chase the
     * end of the list for as long as another thread loads and unloads */
    unsigned long long last = dso_adds;
    for (struct dso *d = dso_head; d && !r && d->added_seq <= last; d = d->next) {
        dl_unlock();
        r = fn(d, ctx);
        dl_lock();
    }
    if (slot == WALK_SLOTS)
        slotless--;
    else if (walk[slot].thread == lock_self() && walk[slot].frame == frame)
        walk[slot].began = 0;       /* (else taken for abandoned, and given again) */
    release_unseen();
    dl_unlock();
    return r;
}

void dl_walks_forked(void)
{
    unsigned long self = lock_self();
    for (unsigned i = 0; i < WALK_SLOTS; i++)
        if (walk[i].thread != self)
            walk[i].began = 0;
    release_unseen();
}

/* After their destructors: unlink the dying objects, and keep them mapped
 * for reuse (load.c) -- during a dl_iterate_phdr, once it has ended.
 * Returns the objects that go because these went (they were users). */
static struct dso *bury(struct dso *dying)
{
    struct walk w = WALK_EMPTY;
    debug_deleting();
    for (struct dso *d = dying; d; d = d->gone_next) {
        dso_unlink(d);
        d->unlinked_seq = ++unlinked;
        dso_subs++;
        if (d->tls_id)
            tls_release_id(d);
    }
    for (struct dso *d = dying; d; d = d->gone_next)
        for (size_t i = 0; i < d->ndeps; i++)
            if (!d->deps[i]->refcnt)
                deps_walk(&w, d->deps[i], unloadable);
    debug_publish();
    while (dying) {
        struct dso *d = dying;
        dying = d->gone_next;
        if (exiting_started())
            continue;       /* exit may be running its destructors: it stays */
        if (unlinked_before_walks() == UINT64_MAX) {
            dso_keep(d);
        } else if (nheld < HELD_MAX) {
            d->gone_next = held;
            held = d;
            nheld++;
        } else {
            dso_unmap(d);
            d->gone_next = unmapped;
            unmapped = d;
        }
    }
    struct dso *more = NULL;
    doom(&w, &more);
    return more;
}

/* Destroy the dying objects, outside the lock: destructors, then the exit
 * handlers they registered (glibc's dlclose runs __cxa_finalize last);
 * then bury them, and so on for what goes with them. */
static void unload(struct dso *dying)
{
    while (dying) {
        for (struct dso *d = dying; d; d = d->gone_next) {
            destroy(d);
            if (__rtld_interface.run_exit_handlers)
                __rtld_interface.run_exit_handlers(d->map_lo, d->map_hi);
        }
        dl_lock();
        dying = bury(dying);
        dl_unlock();
    }
}

int dl_close(void *handle, char *err, size_t cap)
{
    struct dso *d = handle, *dying = NULL;
    dl_lock();
    if (!dl_valid_handle(handle) || (d->dlopened && !d->refcnt)) {
        fmt_format(err, cap, "invalid handle %p", handle);
        dl_unlock();
        return -1;
    }
    if (d->refcnt && !--d->refcnt && !exiting_started()) {
        struct walk w = WALK_EMPTY;
        deps_walk(&w, d, unloadable);
        doom(&w, &dying);
    }
    dl_unlock();
    unload(dying);
    return 0;
}

int dl_tls_module(size_t id, struct rtld_tls_module *out)
{
    int found = 0;
    dl_lock();
    for (struct dso *d = dso_head; d && !found; d = d->next)
        if ((found = d->tls_id == id))
            *out = (struct rtld_tls_module){ d->tls_image, d->tls_len, d->tls_size,
                                             d->tls_align, d->tls_offset, d->tls_instance };
    dl_unlock();
    return found;
}
