/* Many allocations of mixed sizes, small ones from brk, big ones mmap'ed,
 * with a checksum of their contents: heap setup must work as after execve. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 4096

int main(void)
{
    static char *slot[SLOTS];
    static size_t len[SLOTS];
    unsigned long sum = 0, seed = 12345;
    for (int round = 0; round < 40; round++) {
        for (int i = 0; i < SLOTS; i++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            if (slot[i] && (seed >> 60) < 8) {
                for (size_t k = 0; k < len[i]; k += 97)
                    sum += (unsigned char)slot[i][k];
                free(slot[i]);
                slot[i] = NULL;
            } else if (!slot[i]) {
                len[i] = (seed >> 33) % ((seed >> 62) == 3 ? 300000 : 2000) + 1;
                slot[i] = malloc(len[i]);
                if (!slot[i])
                    return 1;
                memset(slot[i], (int)(i + round), len[i]);
            }
        }
    }
    void *p = sbrk(0);
    printf("checksum %lu, brk %s\n", sum, p == (void *)-1 ? "failed" : "works");
    return 0;
}
