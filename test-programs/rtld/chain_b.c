/* rtld test: libchain_b, which needs libchain_c.  A constructor, a
 * destructor and explicit .init_array/.fini_array entries announce
 * themselves on fd 1; the constructor uses stdio. */
#include <errno.h>
#include <stdio.h>
#include "announce.h"

int chain_c_value(void);

/* stdio and errno (thread-local) are ready when constructors run */
__attribute__((constructor)) static void ctor(void)
{
    errno = 0;
    printf("B: constructor (printf, errno %d)\n", errno);
    fflush(stdout);
}
ANNOUNCE_INIT_FINI("B");

int chain_b_value(void)
{
    return 20 + chain_c_value();
}
