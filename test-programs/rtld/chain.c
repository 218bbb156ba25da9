/* rtld test: constructor and destructor order.  The program needs only
 * libchain_a, which needs libchain_b, which needs libchain_c: constructors
 * must run C, B, A, then the program's; after main returns, the atexit
 * handler, then destructors in reverse: the program's, A, B, C. */
#include <stdio.h>
#include <stdlib.h>
#include "announce.h"

int chain_a_value(void);

__attribute__((constructor)) static void ctor(void) { say("main: constructor\n"); }
ANNOUNCE_INIT_FINI("main");

static void at_exit(void)
{
    say("main: atexit handler\n");
}

int main(void)
{
    atexit(at_exit);
    printf("main: chain value %d\n", chain_a_value());
    fflush(stdout);
    say("main: returning\n");
    return 0;
}
