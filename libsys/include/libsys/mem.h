/* Memory and string helpers.  They carry the standard names because the
 * compiler emits calls to memcpy/memset/memmove/memcmp on its own, even in
 * freestanding code; hosted unit tests get the C library's versions. */
#ifndef LIBSYS_MEM_H
#define LIBSYS_MEM_H

#include <stddef.h>

void  *memcpy(void *restrict d, const void *restrict s, size_t n);
void  *memmove(void *d, const void *s, size_t n);
void  *memset(void *d, int c, size_t n);
int    memcmp(const void *a, const void *b, size_t n);
void  *memchr(const void *s, int c, size_t n);
void  *memrchr(const void *s, int c, size_t n);    /* the last c, as glibc's */
size_t strlen(const char *s);
int    strcmp(const char *a, const char *b);
int    strncmp(const char *a, const char *b, size_t n);
char  *strchr(const char *s, int c);

#endif
