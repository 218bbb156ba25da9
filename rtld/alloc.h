/* rtld's memory: a bump allocator over anonymous mappings.  Objects live
 * as long as the process (until dlclose arrives), so nothing is freed. */
#ifndef ALLOC_H
#define ALLOC_H

#include <stddef.h>

/* Zeroed, 16-byte aligned memory; NULL when the system has none. */
void *rtld_alloc(size_t size);
char *rtld_strdup(const char *s);

#endif
