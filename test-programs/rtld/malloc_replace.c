/* rtld test: the program replaces malloc, free and realloc (not calloc),
 * as musl allows: the C library's own allocations (strdup, calloc, stdio
 * buffers) must come from the program's allocator, and musl's calloc must
 * know malloc was replaced (its dynamic linker tells it) and clear the
 * memory itself instead of asking its own allocator about it, and refuse
 * aligned allocations it cannot make with the program's malloc. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Alignas(16) unsigned char arena[1 << 20];
static size_t used;
static volatile unsigned long calls;     /* volatile: libc calls are "leaf" to gcc */

static int ours(const void *p)
{
    return (const unsigned char *)p >= arena && (const unsigned char *)p < arena + sizeof arena;
}

void *malloc(size_t n)
{
    calls++;
    size_t need = (n + 16 + 15) & ~(size_t)15;
    if (need > sizeof arena - used)
        return NULL;
    unsigned char *p = arena + used;
    used += need;
    memcpy(p, &n, sizeof n);        /* the size, for realloc */
    memset(p + 16, 0xa5, n);        /* not zero: calloc must clear it */
    return p + 16;
}

void free(void *p)
{
    (void)p;
}

void *realloc(void *p, size_t n)
{
    void *q = malloc(n);
    if (p && q) {
        size_t old;
        memcpy(&old, (unsigned char *)p - 16, sizeof old);
        memcpy(q, p, old < n ? old : n);
    }
    return q;
}

int main(void)
{
    unsigned long before = calls;
    char *s = strdup("duplicated by libc");
    printf("strdup: \"%s\", from the program's malloc: %s\n", s, ours(s) && calls > before ? "yes" : "no");
    /* musl refuses aligned allocation when malloc is replaced but
     * aligned_alloc is not: its own allocator cannot serve it */
    void *a = NULL;
    int e = posix_memalign(&a, 64, 100);
    printf("posix_memalign: %s\n", e == ENOMEM ? "ENOMEM" : e ? "other error" : "allocated");
    before = calls;
    int *z = calloc(100, sizeof *z);
    int zero = 1;
    for (int i = 0; z && i < 100; i++)
        zero &= z[i] == 0;
    printf("calloc: from the program's malloc: %s, cleared: %s\n",
           z && ours(z) && calls > before ? "yes" : "no", zero ? "yes" : "no");
    char *r = realloc(s, 100);
    printf("realloc keeps the contents: %s\n", r && !strcmp(r, "duplicated by libc") ? "yes" : "no");
    free(r);
    free(z);
    return 0;
}
