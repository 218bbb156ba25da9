/* rtld test: DT_PREINIT_ARRAY.  The gABI runs a program's pre-initialisation
 * functions before any constructor, its libraries' included.  musl's
 * dynamic linker ignores DT_PREINIT_ARRAY, so the test states the expected
 * output instead of comparing with it. */
#include "announce.h"

int chain_a_value(void);

static void pre1(void) { say("main: preinit_array entry 1\n"); }
static void pre2(void) { say("main: preinit_array entry 2\n"); }
__attribute__((section(".preinit_array"), used)) static void (*pre_p[])(void) = { pre1, pre2 };
__attribute__((constructor)) static void ctor(void) { say("main: constructor\n"); }

int main(void)
{
    say(chain_a_value() == 123 ? "main: running\n" : "main: wrong chain value\n");
    return 0;
}
