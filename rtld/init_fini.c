#include "alloc.h"
#include "arch.h"
#include "dso.h"
#include "init_fini.h"

static struct dso **order;      /* dependencies first */
static size_t norder, nconstructed, capacity;
static int preinit_done;

/* Depth-first post-order over DT_NEEDED, iterative so that a long chain of
 * libraries cannot overflow the stack; a dependency cycle is cut where it
 * closes (its members' relative order is then unspecified, as in glibc). */
int init_fini_order(void)
{
    size_t n = dso_count();
    if (n > capacity) {             /* dlopen adds objects: grow */
        struct dso **bigger = rtld_alloc(2 * n * sizeof *order);
        if (!bigger)
            return -1;
        for (size_t i = 0; i < norder; i++)
            bigger[i] = order[i];
        rtld_free(order);
        order = bigger;
        capacity = 2 * n;
    }
    struct dso **stack = rtld_alloc(n * sizeof *stack);
    size_t *next_dep = rtld_alloc(n * sizeof *next_dep);
    if (!stack || !next_dep) {
        rtld_free(stack);
        rtld_free(next_dep);
        return -1;
    }
    for (struct dso *root = dso_head; root; root = root->next) {
        if (root->ctor_queued)
            continue;
        size_t sp = 0;
        stack[sp] = root;
        next_dep[sp++] = 0;
        root->ctor_queued = 1;
        while (sp) {
            struct dso *d = stack[sp - 1];
            if (next_dep[sp - 1] < d->ndeps) {
                struct dso *dep = d->deps[next_dep[sp - 1]++];
                if (!dep->ctor_queued) {
                    dep->ctor_queued = 1;
                    stack[sp] = dep;
                    next_dep[sp++] = 0;
                }
                continue;
            }
            order[norder++] = d;
            sp--;
        }
    }
    rtld_free(stack);
    rtld_free(next_dep);
    return 0;
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

void run_constructors(void)
{
    struct dso *main = dso_head;
    if (!preinit_done) {
        preinit_done = 1;
        run_array(main->preinit_array, main->preinit_arraysz, 0);
    }
    for (; nconstructed < norder; nconstructed++) {
        struct dso *d = order[nconstructed];
        if (ARCH_LEGACY_INITFINI && d->init)
            ((init_fn)d->init)();
        run_array(d->init_array, d->init_arraysz, 0);
        d->constructed = 1;
    }
}

static void destruct(struct dso *d)
{
    run_array(d->fini_array, d->fini_arraysz, 1);
    if (ARCH_LEGACY_INITFINI && d->fini)
        ((init_fn)d->fini)();
}

void init_fini_forget_dead(void)
{
    for (size_t i = norder; i--;)
        if (!order[i]->live && i < nconstructed)
            destruct(order[i]);
    size_t kept = 0, kept_constructed = 0;
    for (size_t i = 0; i < norder; i++) {
        if (!order[i]->live)
            continue;
        kept_constructed += i < nconstructed;
        order[kept++] = order[i];
    }
    norder = kept;
    nconstructed = kept_constructed;
}

void run_destructors(void)
{
    while (nconstructed)
        destruct(order[--nconstructed]);
}
