/* Allocates 100 blocks through malloc (counted by count_malloc.so when it
 * is preloaded). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    void *p[100];
    for (int i = 0; i < 100; i++)
        p[i] = malloc(32 + i);
    for (int i = 0; i < 100; i++)
        free(p[i]);
    printf("malloc_user: done\n");
    return 0;
}
