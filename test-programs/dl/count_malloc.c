/* An LD_PRELOAD library that counts malloc calls and forwards them to the
 * next definition with dlsym(RTLD_NEXT, "malloc"). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long calls;
static void *(*next_malloc)(size_t);

void *malloc(size_t n)
{
    if (!next_malloc)
        next_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    calls++;
    return next_malloc(n);
}

__attribute__((destructor)) static void report(void)
{
    fprintf(stderr, "count_malloc: at least 100 calls: %s\n", calls >= 100 ? "yes" : "no");
}
