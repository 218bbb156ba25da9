/* rtld test: libchain_a, which needs libchain_b.  A constructor, a
 * destructor and explicit .init_array/.fini_array entries announce
 * themselves on fd 1. */
#include "announce.h"

int chain_b_value(void);

__attribute__((constructor)) static void ctor(void) { say("A: constructor\n"); }
ANNOUNCE_INIT_FINI("A");

int chain_a_value(void)
{
    return 100 + chain_b_value();
}
