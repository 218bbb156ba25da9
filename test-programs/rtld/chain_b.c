/* rtld test: libchain_b, which needs libchain_c.  A constructor, a
 * destructor and explicit .init_array/.fini_array entries announce
 * themselves on fd 1; the constructor uses stdio. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int chain_c_value(void);

static void say(const char *s)
{
    ssize_t r = write(1, s, strlen(s));
    (void)r;
}

/* stdio and errno (thread-local) are ready when constructors run */
__attribute__((constructor)) static void ctor(void)
{
    errno = 0;
    printf("B: constructor (printf, errno %d)\n", errno);
    fflush(stdout);
}
__attribute__((destructor)) static void dtor(void) { say("B: destructor\n"); }
static void init_entry(void) { say("B: init_array entry\n"); }
static void fini_entry(void) { say("B: fini_array entry\n"); }
__attribute__((section(".init_array"), used)) static void (*init_p)(void) = init_entry;
__attribute__((section(".fini_array"), used)) static void (*fini_p)(void) = fini_entry;

int chain_b_value(void)
{
    return 20 + chain_c_value();
}
