/* rtld test: constructor and destructor order.  The program needs only
 * libchain_a, which needs libchain_b, which needs libchain_c: constructors
 * must run C, B, A, then the program's; after main returns, the atexit
 * handler, then destructors in reverse: the program's, A, B, C. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int chain_a_value(void);

static void say(const char *s)
{
    ssize_t r = write(1, s, strlen(s));
    (void)r;
}

__attribute__((constructor)) static void ctor(void) { say("main: constructor\n"); }
__attribute__((destructor)) static void dtor(void) { say("main: destructor\n"); }
static void init_entry(void) { say("main: init_array entry\n"); }
static void fini_entry(void) { say("main: fini_array entry\n"); }
__attribute__((section(".init_array"), used)) static void (*init_p)(void) = init_entry;
__attribute__((section(".fini_array"), used)) static void (*fini_p)(void) = fini_entry;

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
