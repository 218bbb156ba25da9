/* A plugin with 1 MiB of __thread data: each thread that touches it gets
 * its own block (test-programs/dl/thread_exit.c, tls_reuse.c). */
#include <string.h>

static __thread char big[1 << 20];

/* 1 when this thread's block was still zero, then scribble on it */
int bigtls_touch(int v)
{
    int fresh = big[0] == 0 && big[sizeof big - 1] == 0;
    memset(big, v, sizeof big);
    return fresh;
}

/* This thread's block: big is the module's only TLS, at its start */
void *bigtls_block(void)
{
    return big;
}
