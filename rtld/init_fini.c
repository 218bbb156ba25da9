#include "alloc.h"
#include "arch.h"
#include "deps.h"
#include "dso.h"
#include "dso_list.h"
#include "init_fini.h"
#include "lock.h"
#include "rtld.h"

/* dso.ctor_visitor of an object whose constructing thread did not survive
 * a fork (no thread pointer is 1) */
#define ABANDONED 1ul

enum { INIT_NONE, INIT_DONE, INIT_DESTROYED };     /* dso.init_state */

/* Objects whose constructors started, the latest first (init/fini lock). */
static struct dso *fini_head;
static uint64_t fini_count;

static struct dso **startup_queue;
static struct dso *no_objects[1];       /* an empty queue */

static int constructed(const struct dso *d)
{
    return __atomic_load_n(&d->init_state, __ATOMIC_ACQUIRE) != INIT_NONE;
}

int constructing(const struct dso *d)
{
    return __atomic_load_n(&d->ctor_visitor, __ATOMIC_RELAXED) != 0;
}

static int unconstructed(const struct dso *d)
{
    return !constructed(d);
}

/* Depth-first post-order from root over objects not yet marked or
 * constructed, appended to queue[*len]; cnt bounds the objects visited.
 * The stack grows down from queue[cnt]: an object is on the stack or in
 * the queue, never both (musl's queue_ctors does the same).  A dependency
 * cycle is cut where it closes. */
static void post_order(struct dso *root, struct dso **queue, size_t *len, size_t cnt)
{
    if (root->mark || constructed(root))
        return;
    size_t top = cnt;
    root->mark = 1;
    root->next_dep = 0;
    queue[--top] = root;
    while (top < cnt) {
        struct dso *d = queue[top++];
        while (d->next_dep < d->ndeps) {
            struct dso *dep = d->deps[d->next_dep];
            if (dep->mark || constructed(dep)) {
                d->next_dep++;
                continue;
            }
            queue[--top] = d;
            d = dep;
            d->mark = 1;
            d->next_dep = 0;
        }
        queue[(*len)++] = d;
    }
}

struct dso **init_queue(struct dso *root, struct load_error *err)
{
    size_t cnt = dso_count();
    if (root) {                     /* count what the queue can hold */
        struct walk w = WALK_EMPTY;
        deps_walk(&w, root, unconstructed);
        deps_walk_end(&w);
        cnt = w.count;
    }
    if (!cnt)
        return no_objects;
    struct dso **queue = rtld_alloc((cnt + 1) * sizeof *queue);
    if (!queue) {
        load_fail(err, LOAD_EXIT_SYSTEM, "out of memory");
        return NULL;
    }
    size_t len = 0;
    for (struct dso *d = root ? root : dso_head; d; d = root ? NULL : d->next)
        post_order(d, queue, &len, cnt);
    queue[len] = NULL;
    struct dso *abandoned = NULL;
    for (size_t i = 0; i < len; i++) {
        queue[i]->mark = 0;
        if (__atomic_load_n(&queue[i]->ctor_visitor, __ATOMIC_RELAXED) == ABANDONED)
            abandoned = queue[i];
    }
    if (abandoned) {
        rtld_free(queue);
        load_fail(err, LOAD_EXIT_NOEXEC, "state of %s is inconsistent: a thread that fork left "
                  "behind was running its constructors", abandoned->path);
        return NULL;
    }
    return queue;
}

void init_queue_free(struct dso **queue)
{
    if (queue != no_objects)
        rtld_free(queue);
}

typedef void (*init_fn)(void);

static void run_array(uint64_t array, uint64_t size, int reverse)
{
    init_fn *f = (init_fn *)array;
    size_t n = size / sizeof *f;
    for (size_t i = 0; i < n; i++) {
        init_fn fn = f[reverse ? n - 1 - i : i];
        /* gABI: 0 and -1 entries are ignored */
        if (fn && fn != (init_fn)-1)
            fn();
    }
}

static void construct(const struct dso *d)
{
    if (ARCH_LEGACY_INITFINI && d->init)
        ((init_fn)d->init)();
    run_array(d->init_array, d->init_arraysz, 0);
}

static void destruct(const struct dso *d)
{
    run_array(d->fini_array, d->fini_arraysz, 1);
    if (ARCH_LEGACY_INITFINI && d->fini)
        ((init_fn)d->fini)();
}

/* The fini list, under the init/fini lock. */
static void fini_push(struct dso *d)
{
    d->fini_seq = ++fini_count;
    d->fini_prev = NULL;
    d->fini_next = fini_head;
    if (fini_head)
        fini_head->fini_prev = d;
    fini_head = d;
}

static void fini_remove(struct dso *d)
{
    dso_list_remove(&fini_head, NULL, d, offsetof(struct dso, fini_next));
}

/* Another living thread is constructing d: wait for it. */
static int others_constructing(const struct dso *d, unsigned long self)
{
    return d->ctor_visitor && d->ctor_visitor != self && d->ctor_visitor != ABANDONED;
}

void run_init_queue(struct dso **queue)
{
    unsigned long self = lock_self();
    init_fini_lock();
    for (size_t i = 0; queue[i]; i++) {
        struct dso *d = queue[i];
        while (others_constructing(d, self))
            init_fini_wait();
        if (d->ctor_visitor || d->init_state != INIT_NONE)
            continue;       /* constructed, or this thread is constructing it */
        d->ctor_visitor = self;
        fini_push(d);
        init_fini_unlock();
        construct(d);
        init_fini_lock();
        __atomic_store_n(&d->ctor_visitor, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&d->init_state, INIT_DONE, __ATOMIC_RELEASE);
        init_fini_wake();
    }
    init_fini_unlock();
}

int init_fini_startup(void)
{
    RTLD_LARGE static struct load_error unused;
    startup_queue = init_queue(NULL, &unused);
    return startup_queue ? 0 : -1;
}

void run_constructors(void)
{
    static int preinit_done;
    if (!preinit_done) {
        preinit_done = 1;
        run_array(dso_head->preinit_array, dso_head->preinit_arraysz, 0);
    }
    if (!startup_queue)
        return;
    run_init_queue(startup_queue);
    dl_lock();
    init_queue_free(startup_queue);
    startup_queue = NULL;
    dl_unlock();
}

/* Take d's destructors for this thread to run: 1 when they are due. */
static int claim_destructors(struct dso *d)
{
    if (d->init_state != INIT_DONE)
        return 0;
    fini_remove(d);
    d->init_state = INIT_DESTROYED;
    return 1;
}

static int exiting;

int exiting_started(void)
{
    return __atomic_load_n(&exiting, __ATOMIC_ACQUIRE);
}

void run_destructors(void)
{
    __atomic_store_n(&exiting, 1, __ATOMIC_RELEASE);
    unsigned long self = lock_self();
    init_fini_lock();
    for (struct dso *d = fini_head; d;) {
        if (others_constructing(d, self)) {
            init_fini_wait();
            d = fini_head;
        } else if (claim_destructors(d)) {
            init_fini_unlock();
            destruct(d);
            init_fini_lock();
            d = fini_head;      /* a destructor may have unloaded others */
        } else {
            d = d->fini_next;   /* this thread's own constructor, unfinished */
        }
    }
    init_fini_unlock();
}

void destroy(struct dso *d)
{
    init_fini_lock();
    int due = claim_destructors(d);
    init_fini_unlock();
    if (due)
        destruct(d);
}

int destroy_before(const struct dso *a, const struct dso *b)
{
    return a->fini_seq > b->fini_seq;
}

void init_fini_atfork(int who)
{
    if (who < 0) {
        init_fini_lock();
        return;
    }
    unsigned long self = lock_self();
    for (struct dso *d = fini_head; who && d; d = d->fini_next)
        if (d->ctor_visitor && d->ctor_visitor != self)
            d->ctor_visitor = ABANDONED;
    init_fini_unlock();
}
