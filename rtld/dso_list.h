/* The lists objects are on, each through a pair of their own fields, next
 * then prev (struct dso): the load order, the global scope, the
 * destructors' order.  links is offsetof the pair's next. */
#ifndef RTLD_DSO_LIST_H
#define RTLD_DSO_LIST_H

#include <stddef.h>
#include "dso.h"

static inline struct dso **dso_list_next(struct dso *d, size_t links)
{
    return (struct dso **)((char *)d + links);
}

static inline struct dso **dso_list_prev(struct dso *d, size_t links)
{
    return dso_list_next(d, links) + 1;
}

/* Add d at the list's end. */
static inline void dso_list_append(struct dso **head, struct dso **tail, struct dso *d,
                                   size_t links)
{
    *dso_list_next(d, links) = NULL;
    *dso_list_prev(d, links) = *tail;
    if (*tail)
        *dso_list_next(*tail, links) = d;
    else
        *head = d;
    *tail = d;
}

/* Take d out of the list (tail NULL: a list kept without its end). */
static inline void dso_list_remove(struct dso **head, struct dso **tail, struct dso *d,
                                   size_t links)
{
    struct dso *next = *dso_list_next(d, links), *prev = *dso_list_prev(d, links);
    if (prev)
        *dso_list_next(prev, links) = next;
    else
        *head = next;
    if (next)
        *dso_list_prev(next, links) = prev;
    else if (tail)
        *tail = prev;
}

#endif
