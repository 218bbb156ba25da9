/* The allocation pattern of malloc_heavy.c and rtld/hello.c: ROUNDS passes
 * over SLOTS slots (slot[], with their lengths in len[], all empty at first),
 * a pseudo-random choice for each: free a full slot, after adding a sample
 * of its bytes to *sum, or fill an empty one with a mixed size, small ones
 * from brk, big ones mmap'ed; with SHRINK, realloc a full slot it does not
 * free to about half its size.  Returns -1 if an allocation fails, else 0,
 * slots left allocated. */
#ifndef MALLOC_CHURN_H
#define MALLOC_CHURN_H

#include <stdlib.h>
#include <string.h>

static int malloc_churn(char **slot, size_t *len, int slots, int rounds, int shrink,
                        unsigned long *sum)
{
    unsigned long seed = 12345;
    for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < slots; i++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            if (slot[i] && (seed >> 60) < 8) {
                for (size_t k = 0; k < len[i]; k += 97)
                    *sum += (unsigned char)slot[i][k];
                free(slot[i]);
                slot[i] = NULL;
            } else if (!slot[i]) {
                len[i] = (seed >> 33) % ((seed >> 62) == 3 ? 300000 : 2000) + 1;
                slot[i] = malloc(len[i]);
                if (!slot[i])
                    return -1;
                memset(slot[i], (int)(i + round), len[i]);
            } else if (shrink) {
                len[i] = len[i] / 2 + 1;
                slot[i] = realloc(slot[i], len[i]);
                if (!slot[i])
                    return -1;
            }
        }
    }
    return 0;
}

#endif
