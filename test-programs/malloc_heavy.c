/* Many allocations of mixed sizes, small ones from brk, big ones mmap'ed,
 * with a checksum of their contents: heap setup must work as after execve. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <unistd.h>
#include "malloc_churn.h"

#define SLOTS 4096

int main(void)
{
    static char *slot[SLOTS];
    static size_t len[SLOTS];
    unsigned long sum = 0;
    if (malloc_churn(slot, len, SLOTS, 40, 0, &sum))
        return 1;
    void *p = sbrk(0);
    printf("checksum %lu, brk %s\n", sum, p == (void *)-1 ? "failed" : "works");
    return 0;
}
