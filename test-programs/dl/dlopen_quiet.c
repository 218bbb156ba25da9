/* For fault injection (tests/resources/fault_sweep.py): dlopen a plugin and
 * its dependency, call into it, dlclose it; print nothing when all works,
 * else "dlopen failed: DLERROR" and exit 3.  Its own system calls are
 * musl's start and exit and, on failure, malloc's for the message. */
#include <dlfcn.h>
#include <stdio.h>

int main(void)
{
    void *h = dlopen("./libplugin_tls.so", RTLD_NOW);
    int (*compute)(int) = h ? (int (*)(int))dlsym(h, "plugin_compute") : 0;
    if (!compute) {
        printf("dlopen failed: %s\n", dlerror());
        return 3;
    }
    return compute(20) == 41 && !dlclose(h) ? 0 : 1;
}
