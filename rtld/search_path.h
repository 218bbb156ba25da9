/* Library search-path lists: colon-separated directories with $ORIGIN,
 * $LIB and $PLATFORM. */
#ifndef SEARCH_PATH_H
#define SEARCH_PATH_H

#include <stddef.h>
#include "rtld.h"

/* Call try(dir/name) for each entry of list (NULL: none) until it returns
 * non-zero, and return that; 0 when none did.  origin is the directory
 * $ORIGIN stands for (NULL: entries using it are skipped). */
int search_path_each(const char *list, char sep, const char *name, const char *origin,
                     int (*try)(const char *path, void *ctx), void *ctx);

/* The directory part of path, for $ORIGIN. */
void search_path_origin(const char *path, char *out, size_t cap);

#endif
