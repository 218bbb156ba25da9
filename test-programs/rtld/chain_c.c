/* rtld test: the bottom of the chain libchain_a -> libchain_b ->
 * libchain_c.  A constructor, a destructor, explicit .init_array and
 * .fini_array entries, and DT_INIT/DT_FINI functions (linked with
 * -Wl,-init and -Wl,-fini), each announcing itself on fd 1. */
#include <string.h>
#include <unistd.h>

static void say(const char *s)
{
    ssize_t r = write(1, s, strlen(s));
    (void)r;
}

__attribute__((constructor)) static void ctor(void) { say("C: constructor\n"); }
__attribute__((destructor)) static void dtor(void) { say("C: destructor\n"); }
static void init_entry(void) { say("C: init_array entry\n"); }
static void fini_entry(void) { say("C: fini_array entry\n"); }
__attribute__((section(".init_array"), used)) static void (*init_p)(void) = init_entry;
__attribute__((section(".fini_array"), used)) static void (*fini_p)(void) = fini_entry;

/* DT_INIT runs before DT_INIT_ARRAY, DT_FINI after DT_FINI_ARRAY */
void chain_c_legacy_init(void) { say("C: DT_INIT\n"); }
void chain_c_legacy_fini(void) { say("C: DT_FINI\n"); }

int chain_c_value(void)
{
    return 3;
}
