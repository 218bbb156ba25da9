#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "alloc.h"

#define CHUNK (64 * 1024)

/* The first chunk is static: a program with a few libraries needs no
 * mapping for rtld's bookkeeping at all. */
static char first[16 * 1024] __attribute__((aligned(16)));
static char *cur = first, *end = first + sizeof first;

void *rtld_alloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if ((size_t)(end - cur) < size) {
        size_t len = size > CHUNK ? (size + 4095) & ~(size_t)4095 : CHUNK;
        long r = sys_mmap(NULL, len, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (sys_failed(r))
            return NULL;
        cur = (char *)r;
        end = cur + len;
    }
    void *p = cur;      /* fresh anonymous memory is already zero */
    cur += size;
    return p;
}

char *rtld_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = rtld_alloc(n);
    return p ? memcpy(p, s, n) : NULL;
}
