/* A library whose constructor may dlopen another library (OPENS), built
 * several times: libreenter_NAME.so.  Each constructor must run exactly
 * once, and the library it opens must be constructed before that dlopen
 * returns.  A second run stops the process (exit 3) rather than recursing
 * until the stack overflows. */
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

#define STR_(x) #x
#define STR(x) STR_(x)
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

static int runs;

int CAT(runs_, NAME)(void) { return runs; }

__attribute__((constructor)) static void init(void)
{
    runs++;
    printf("%s: constructor, run %d\n", STR(NAME), runs);
    fflush(stdout);
    if (runs > 1)
        _exit(3);
#ifdef OPENS
    void *h = dlopen("libreenter_" STR(OPENS) ".so", RTLD_NOW);
    int (*opened_runs)(void) = h ? (int (*)(void))dlsym(h, "runs_" STR(OPENS)) : 0;
    if (!opened_runs)
        printf("%s: dlopen of %s failed: %s\n", STR(NAME), STR(OPENS), dlerror());
    else
        printf("%s: dlopen of %s returned, its constructor ran %d time(s)\n", STR(NAME),
               STR(OPENS), opened_runs());
    fflush(stdout);
#endif
}
