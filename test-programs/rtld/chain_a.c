/* rtld test: libchain_a, which needs libchain_b.  A constructor, a
 * destructor and explicit .init_array/.fini_array entries announce
 * themselves on fd 1. */
#include <string.h>
#include <unistd.h>

int chain_b_value(void);

static void say(const char *s)
{
    ssize_t r = write(1, s, strlen(s));
    (void)r;
}

__attribute__((constructor)) static void ctor(void) { say("A: constructor\n"); }
__attribute__((destructor)) static void dtor(void) { say("A: destructor\n"); }
static void init_entry(void) { say("A: init_array entry\n"); }
static void fini_entry(void) { say("A: fini_array entry\n"); }
__attribute__((section(".init_array"), used)) static void (*init_p)(void) = init_entry;
__attribute__((section(".fini_array"), used)) static void (*fini_p)(void) = fini_entry;

int chain_a_value(void)
{
    return 100 + chain_b_value();
}
