/* Libraries for nested dlclose, built as libnest_NAME.so.  "outer" needs
 * "shared" (DT_NEEDED); its constructor also opens "inner" and "shared"
 * with dlopen, and its destructor closes both: "inner" goes at once,
 * "shared" only once "outer" itself is gone. */
#include <dlfcn.h>
#include <stdio.h>

#define STR_(x) #x
#define STR(x) STR_(x)

static int destructed;

#ifdef OUTER
int shared_value(void);
static void *inner, *shared;

__attribute__((constructor)) static void init(void)
{
    inner = dlopen("./libnest_inner.so", RTLD_NOW);
    shared = dlopen("./libnest_shared.so", RTLD_NOW);
    if (!inner || !shared)
        printf("outer: dlopen: %s\n", dlerror());
}
#else
int shared_value(void) { return 42; }
#endif

__attribute__((destructor)) static void fini(void)
{
    printf("%s: destructor, run %d\n", STR(NAME), ++destructed);
    fflush(stdout);
#ifdef OUTER
    printf("outer: dlclose of inner: %d\n", dlclose(inner));
    printf("outer: dlclose of shared: %d, shared_value() = %d\n", dlclose(shared), shared_value());
    fflush(stdout);
#endif
}
