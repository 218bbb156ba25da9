/* The small library of bench/dl_bench.sh: one function, some data, calls
 * into libc (so relocations against it). */
#include <string.h>

static char buf[64];

int bench_fn(int x)
{
    strcpy(buf, "x");
    return x + (int)strlen(buf);
}
