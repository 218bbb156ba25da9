/* rtld tests of initialisation order: say() writes straight to fd 1, with
 * no stdio buffer, so the lines appear in the order the functions ran.
 * ANNOUNCE_INIT_FINI(WHO) defines a destructor and explicit .init_array
 * and .fini_array entries announcing themselves as "WHO: destructor",
 * "WHO: init_array entry" and "WHO: fini_array entry". */
#ifndef ANNOUNCE_H
#define ANNOUNCE_H

#include <string.h>
#include <unistd.h>

static void say(const char *s)
{
    ssize_t r = write(1, s, strlen(s));
    (void)r;
}

#define ANNOUNCE_INIT_FINI(who)                                                             \
    __attribute__((destructor)) static void dtor(void) { say(who ": destructor\n"); }       \
    static void init_entry(void) { say(who ": init_array entry\n"); }                       \
    static void fini_entry(void) { say(who ": fini_array entry\n"); }                       \
    __attribute__((section(".init_array"), used)) static void (*init_p)(void) = init_entry; \
    __attribute__((section(".fini_array"), used)) static void (*fini_p)(void) = fini_entry

#endif
