#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "alloc.h"
#include "rtld.h"

#define CHUNK     (64 * 1024)
#define GRAIN     16                /* block sizes are multiples; keeps 16-byte alignment */
#define MIN_BLOCK 32                /* the header, and a free block's next pointer */
#define EXACT_MAX 1024              /* blocks up to this size are cut to measure */
#define MAX_SHIFT 14                /* larger blocks are mappings of their own */
#define HEADER    16                /* before each block */

/* The first chunk is static: a program with a few libraries needs no
 * mapping for rtld's bookkeeping at all.  It follows the small variables
 * of rtld and musl (musl/layout.ld): its start shares their last page. */
static char first[32 * 1024] __attribute__((aligned(16), section(".bss.rtld_arena")));
static char *cur = first, *end = first + sizeof first;
static char *spare, *spare_end;     /* rtld_alloc_spare's */
static uint64_t *spare_used;
/* Freed blocks, one list per block size up to EXACT_MAX (what a dlopen
 * frees, the next asks again), then one per power of two. */
static void *free_list[EXACT_MAX / GRAIN + MAX_SHIFT + 1];

struct header {
    size_t size;                    /* the block's size, or its mapping's length */
    size_t unused;
};

/* The block that holds `bytes` (header included): small ones to the next
 * GRAIN, so that the records of many libraries waste no pages, larger ones
 * to a power of two. */
static size_t block_size(size_t bytes)
{
    if (bytes <= EXACT_MAX)
        return bytes < MIN_BLOCK ? MIN_BLOCK : (bytes + GRAIN - 1) & ~(size_t)(GRAIN - 1);
    size_t block = EXACT_MAX;
    while (block < bytes)
        block *= 2;
    return block;
}

/* The free list of blocks of this size. */
static unsigned list_of(size_t block)
{
    if (block <= EXACT_MAX)
        return (unsigned)(block / GRAIN);
    unsigned shift = 0;
    while (((size_t)1 << shift) < block)
        shift++;
    return EXACT_MAX / GRAIN + shift;
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
    size_t block = block_size(size + HEADER);
    unsigned list = list_of(block);
    if ((h = free_list[list])) {
        free_list[list] = *(void **)(h + 1);
        memset(h + 1, 0, block - HEADER);
        return h + 1;
    }
    if (spare && (size_t)(spare_end - spare) >= block) {
        h = (struct header *)spare;
        memset(h, 0, block);            /* a page end may hold file bytes */
        spare += block;
        *spare_used = (uint64_t)spare;
        h->size = block;
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
    unsigned list = list_of(h->size);
    *(void **)p = free_list[list];
    free_list[list] = h;
}

void rtld_alloc_spare(uint64_t start, uint64_t end, uint64_t *used_hi)
{
    start = (start + GRAIN - 1) & ~(uint64_t)(GRAIN - 1);
    end &= ~(uint64_t)(GRAIN - 1);
    spare = NULL;                       /* the rest of the last one is left */
    if (end < start + MIN_BLOCK)
        return;
    spare = (char *)start;
    spare_end = (char *)end;
    spare_used = used_hi;
    *used_hi = start;
}

char *rtld_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = rtld_alloc(n);
    return p ? memcpy(p, s, n) : NULL;
}
