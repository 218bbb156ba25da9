/* A minimal stand-in for Criterion's <criterion/criterion.h>, for the unit
 * tests a cross build runs under qemu-user (tests/unit-qemu), where no
 * Criterion library is installed for the CPU: Test() registers a function
 * that cr_main.c's main runs; a failed assertion prints where and why and
 * ends the run with status 1.  Only what those tests use. */
#ifndef CROSS_CRITERION_H
#define CROSS_CRITERION_H

#include <string.h>

struct cr_test {
    const char *name;
    void (*run)(void);
    struct cr_test *next;
};

void cr_register(struct cr_test *t);
__attribute__((noreturn, format(printf, 4, 5)))
void cr_fail(const char *file, int line, const char *what, const char *fmt, ...);

#define Test(suite, name)                                                     \
    static void suite##_##name(void);                                         \
    static struct cr_test suite##_##name##_test = { #suite "::" #name,        \
                                                     suite##_##name, 0 };     \
    __attribute__((constructor)) static void suite##_##name##_register(void) \
    {                                                                         \
        cr_register(&suite##_##name##_test);                                  \
    }                                                                         \
    static void suite##_##name(void)

/* the optional message: a format and its arguments, as in Criterion (a
 * space first: a format string is never empty) */
#define cr_assert_eq(a, b, ...)                                               \
    do {                                                                      \
        if (!((a) == (b)))                                                    \
            cr_fail(__FILE__, __LINE__, #a " == " #b, " " __VA_ARGS__);       \
    } while (0)

#define cr_assert_arr_eq(a, b, size, ...)                                     \
    do {                                                                      \
        if (memcmp((a), (b), (size)) != 0)                                    \
            cr_fail(__FILE__, __LINE__, #a " equal to " #b, " " __VA_ARGS__); \
    } while (0)

#endif
