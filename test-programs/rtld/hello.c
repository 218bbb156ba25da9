/* rtld test: a dynamically linked musl program heavy on stdio and malloc.
 * Prints its arguments (argv[0] only when asked, as it names the binary),
 * formatted numbers, and a checksum over many allocations of mixed sizes,
 * small ones from the heap, big ones mmap'ed. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../malloc_churn.h"

#define SLOTS 2048

extern char **environ;

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    static char *slot[SLOTS];
    static size_t len[SLOTS];
    unsigned long sum = 0;

    if (argc > 1 && !strcmp(argv[1], "argv0"))
        printf("argv[0] = %s\n", argv[0]);
    printf("hello from a dynamically linked musl program, argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = \"%s\"\n", i, argv[i]);
    int nenv = 0;
    for (char **e = environ; *e; e++)
        nenv++;
    printf("environment: %d entries, HOME=%s\n", nenv, getenv("HOME") ? getenv("HOME") : "(unset)");
    printf("numbers: %d %5.2f %e %g %Lf %#x %lld %s\n", -42, 3.14159, 6.02214076e23, 1e-5,
           (long double)1 / 3, 255, -9223372036854775807LL - 1, "end");
    char buf[64];
    snprintf(buf, sizeof buf, "%08.3f|%-6s|%+d", 2.5, "ab", 7);
    printf("snprintf: %s, strtod: %.3f\n", buf, strtod("12.375e1", NULL));

    if (malloc_churn(slot, len, SLOTS, 30, 1, &sum))
        return 1;
    for (int i = 0; i < SLOTS; i++)
        free(slot[i]);

    long *v = calloc(1000, sizeof *v);
    if (!v)
        return 1;
    for (int i = 0; i < 1000; i++)
        v[i] = (long)((i * 7919L) % 1009) - 500;
    qsort(v, 1000, sizeof *v, cmp_long);
    printf("sorted: %ld %ld %ld, checksum %lu\n", v[0], v[500], v[999], sum);
    free(v);
    fprintf(stderr, "hello: a line on stderr\n");
    return 0;
}
