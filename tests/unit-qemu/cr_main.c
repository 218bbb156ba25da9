/* main and the failure report of the Criterion stand-in
 * (criterion/criterion.h): every registered test in turn. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "criterion/criterion.h"

static struct cr_test *tests;

void cr_register(struct cr_test *t)
{
    t->next = tests;
    tests = t;
}

static const char *running;

void cr_fail(const char *file, int line, const char *what, const char *fmt, ...)
{
    va_list ap;
    printf("FAIL %s: %s:%d: %s:", running, file, line, what);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    exit(1);
}

int main(void)
{
    int n = 0;
    for (struct cr_test *t = tests; t; t = t->next, n++) {
        running = t->name;
        t->run();
        printf("PASS %s\n", t->name);
    }
    printf("%d tests passed\n", n);
    return n ? 0 : 1;
}
