/* 64 MiB of .bss: mostly anonymous pages past the file.  Every byte must
 * read as zero and be writable. */
#include <stdio.h>

#define SIZE (64u << 20)
static unsigned char big[SIZE];

int main(void)
{
    unsigned long nonzero = 0;
    for (unsigned i = 0; i < SIZE; i++)
        nonzero += big[i] != 0;
    for (unsigned i = 0; i < SIZE; i += 4096)
        big[i] = (unsigned char)i;
    unsigned long sum = 0;
    for (unsigned i = 0; i < SIZE; i += 4096)
        sum += big[i];
    printf("bss %u bytes, %lu nonzero at start, page sum %lu\n", SIZE, nonzero, sum);
    return nonzero != 0;
}
