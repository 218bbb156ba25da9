/* The small library of bench/dl_bench.sh: one function, some data, calls
 * into libc (so relocations against it); built with -DBENCH_TLS, the
 * function also uses __thread data (each load a module with TLS). */
#include <string.h>

static char buf[64];
#ifdef BENCH_TLS
__thread int bench_last;        /* exported, so that the store stays */
#define KEEP(x) (bench_last = (x))
#else
#define KEEP(x) (x)
#endif

int bench_fn(int x)
{
    strcpy(buf, "x");
    return KEEP(x) + (int)strlen(buf);
}
