/* rtld's memory: blocks cut to measure (to 16 bytes up to 1 KiB, to a
 * power of two above), from a static first chunk and then from anonymous
 * mappings; what dlclose frees goes on a free list of its size and is used
 * again.  Callers hold the dl lock (or run before the program). */
#ifndef ALLOC_H
#define ALLOC_H

#include <stddef.h>

/* Zeroed, 16-byte aligned memory; NULL when the system has none. */
void *rtld_alloc(size_t size);
char *rtld_strdup(const char *s);

/* Give back a block from rtld_alloc (NULL is ignored). */
void rtld_free(void *p);

#endif
