#include "deps.h"

/* Mark d and append it to w's chain, unless visited or refused. */
static int visit(struct walk *w, struct dso *d, int (*take)(const struct dso *))
{
    if (d->mark || !take(d))
        return 0;
    d->mark = 1;
    d->walk_next = NULL;
    if (w->tail)
        w->tail->walk_next = d;
    else
        w->head = d;
    w->tail = d;
    w->count++;
    return 1;
}

void deps_walk(struct walk *w, struct dso *root, int (*take)(const struct dso *))
{
    if (!visit(w, root, take))
        return;
    for (struct dso *d = root; d; d = d->walk_next)     /* the chain is the queue */
        for (size_t i = 0; i < d->ndeps; i++)
            visit(w, d->deps[i], take);
}

void deps_walk_end(struct walk *w)
{
    for (struct dso *d = w->head; d; d = d->walk_next)
        d->mark = 0;
}
