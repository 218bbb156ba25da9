/* rtld test: the bottom of the chain libchain_a -> libchain_b ->
 * libchain_c.  A constructor, a destructor, explicit .init_array and
 * .fini_array entries, and DT_INIT/DT_FINI functions (linked with
 * -Wl,-init and -Wl,-fini), each announcing itself on fd 1. */
#include "announce.h"

__attribute__((constructor)) static void ctor(void) { say("C: constructor\n"); }
ANNOUNCE_INIT_FINI("C");

/* DT_INIT runs before DT_INIT_ARRAY, DT_FINI after DT_FINI_ARRAY */
void chain_c_legacy_init(void) { say("C: DT_INIT\n"); }
void chain_c_legacy_fini(void) { say("C: DT_FINI\n"); }

int chain_c_value(void)
{
    return 3;
}
