/* A destructor that calls dlclose during a dlclose: each object is
 * destroyed once, a dependency of the object being unloaded stays until
 * that object is gone, and everything is unloaded in the end.  musl never
 * unloads, so the expected output is stated in tests/dl/run_dl.sh. */
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include "objects.h"

static unsigned long long subs;
static int subs_cb(struct dl_phdr_info *i, size_t s, void *d)
{
    (void)s;
    (void)d;
    subs = i->dlpi_subs;
    return 1;
}

int main(void)
{
    setvbuf(stdout, 0, _IONBF, 0);
    for (int round = 0; round < 2; round++) {
        void *outer = dlopen("./libnest_outer.so", RTLD_NOW);
        if (!outer) {
            printf("dlopen: %s\n", dlerror());
            return 1;
        }
        printf("main: dlclose of outer: %d\n", dlclose(outer));
        dl_iterate_phdr(subs_cb, 0);
        printf("main: listed: outer %s, inner %s, shared %s; objects unloaded so far: %llu\n",
               listed("libnest_outer.so") ? "yes" : "no", listed("libnest_inner.so") ? "yes" : "no",
               listed("libnest_shared.so") ? "yes" : "no", subs);
    }
    return 0;
}
