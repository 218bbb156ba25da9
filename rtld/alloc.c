#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "alloc.h"
#include "rtld.h"

#define CHUNK     (64 * 1024)
#define MIN_SHIFT 5                 /* the smallest block: 32 bytes */
#define MAX_SHIFT 14                /* larger blocks are mappings of their own */
#define HEADER    16                /* before each block; keeps 16-byte alignment */

/* The first chunk is static: a program with a few libraries needs no
 * mapping for rtld's bookkeeping at all. */
static char first[32 * 1024] __attribute__((aligned(16)));   /* beside the small variables */
static char *cur = first, *end = first + sizeof first;
static void *free_list[MAX_SHIFT + 1];

struct header {
    size_t size;                    /* the block's class size, or its mapping's length */
    size_t unused;
};

/* The class of a block of at least `bytes` (header included): its shift. */
static unsigned size_class(size_t bytes)
{
    unsigned shift = MIN_SHIFT;
    while (((size_t)1 << shift) < bytes)
        shift++;
    return shift;
}

static void *map(size_t len)
{
    long r = sys_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return sys_failed(r) ? NULL : (void *)r;
}

void *rtld_alloc(size_t size)
{
    struct header *h;
    if (size > ((size_t)1 << MAX_SHIFT) - HEADER) {
        size_t len = (size + HEADER + 4095) & ~(size_t)4095;
        if (!(h = map(len)))
            return NULL;
        h->size = len;
        return h + 1;
    }
    unsigned shift = size_class(size + HEADER);
    size_t block = (size_t)1 << shift;
    if ((h = free_list[shift])) {
        free_list[shift] = *(void **)(h + 1);
        memset(h + 1, 0, block - HEADER);
        return h + 1;
    }
    if ((size_t)(end - cur) < block) {  /* the rest of this chunk is left unused */
        if (!(cur = map(CHUNK)))
            return NULL;
        end = cur + CHUNK;
    }
    h = (struct header *)cur;           /* fresh memory is already zero */
    cur += block;
    h->size = block;
    return h + 1;
}

void rtld_free(void *p)
{
    if (!p)
        return;
    struct header *h = (struct header *)p - 1;
    if (h->size > ((size_t)1 << MAX_SHIFT)) {
        sys_munmap(h, h->size);
        return;
    }
    unsigned shift = size_class(h->size);
    *(void **)p = free_list[shift];
    free_list[shift] = h;
}

char *rtld_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = rtld_alloc(n);
    return p ? memcpy(p, s, n) : NULL;
}
