/* Library search-path lists: colon-separated directories with $ORIGIN,
 * $LIB and $PLATFORM. */
#ifndef SEARCH_PATH_H
#define SEARCH_PATH_H

#include <stddef.h>
#include "rtld.h"

/* The longest path a candidate may be, its NUL included (PATH_MAX) */
#define SEARCH_PATH_MAX 4096

/* Call try(dir/name) for each entry of list (NULL: none) until it returns
 * non-zero, and return that; 0 when none did.  origin is the directory
 * $ORIGIN stands for (NULL: entries using it are skipped).  Each candidate
 * is written to out, SEARCH_PATH_MAX bytes. */
int search_path_each(const char *list, char sep, const char *name, const char *origin,
                     char *out, int (*try)(const char *path, void *ctx), void *ctx);

/* The directory part of path, for $ORIGIN. */
void search_path_origin(const char *path, char *out, size_t cap);

#endif
