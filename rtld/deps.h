/* Walks over the DT_NEEDED graph (struct dso's deps), breadth first, each
 * costing what it visits.  Callers hold the dl lock: the walk marks the
 * objects it visits (dso.mark) and chains them through dso.walk_next. */
#ifndef DEPS_H
#define DEPS_H

#include <stddef.h>
#include "dso.h"

struct walk {
    struct dso *head, *tail;    /* visited, in breadth-first order */
    size_t count;
};
#define WALK_EMPTY { NULL, NULL, 0 }

/* Add root and what it needs, directly or not, to w, through objects
 * that `take` accepts and w has not visited yet. */
void deps_walk(struct walk *w, struct dso *root, int (*take)(const struct dso *));

/* Clear the marks of w's objects (the chain stays readable). */
void deps_walk_end(struct walk *w);

#endif
