/* dlclose unloads: the destructor runs at dlclose, the plugin and its
 * dependency are unmapped and dl_iterate_phdr counts them out (dlpi_subs);
 * a second dlopen constructs a fresh copy with fresh TLS; 2000 cycles of
 * dlopen and dlclose leave no memory behind.  musl never unloads, so the
 * expected output is stated in tests/dl/run_dl.sh. */
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include "mapped.h"
#include "vm_data.h"
static int count_cb(struct dl_phdr_info *i, size_t s, void *d) { (void)i; (void)s; ++*(int *)d; return 0; }
static unsigned long long subs;
static int subs_cb(struct dl_phdr_info *i, size_t s, void *d) { (void)s; (void)d; subs = i->dlpi_subs; return 1; }
int main(void) {
    for (int round = 0; round < 2; round++) {
        void *h = dlopen("./libplugin_tls.so", RTLD_NOW);
        int (*bump)(int) = (int (*)(int))dlsym(h, "plugin_bump");
        int n = 0; dl_iterate_phdr(count_cb, &n);
        printf("round %d: bump %d, objects %d, plugin mapped %s, dependency mapped %s\n", round, bump(1), n,
               mapped("libplugin_tls.so") ? "yes" : "no", mapped("libplugin_dep.so") ? "yes" : "no");
        fflush(stdout);
        dlclose(h);
        n = 0; dl_iterate_phdr(count_cb, &n); dl_iterate_phdr(subs_cb, 0);
        printf("after dlclose: objects %d, subs %llu, plugin mapped %s, dependency mapped %s\n", n, subs,
               mapped("libplugin_tls.so") ? "yes" : "no", mapped("libplugin_dep.so") ? "yes" : "no");
    }
    void *h = dlopen("./libplugin_tls.so", RTLD_NOW);
    dlclose(h);
    int r = dlclose(h);
    printf("dlclose of a closed handle: %d (%s)\n", r, dlerror() ? "dlerror set" : "no dlerror");
    /* a plugin without constructors, unloaded and loaded again and again;
     * every tenth time this thread uses its 1 MiB of TLS */
    long before = vm_data_kib();
    for (int i = 0; i < 2000; i++) {
        int (*touch)(int);
        if (!(h = dlopen("./libplugin_bigtls.so", RTLD_NOW)) ||
            !(touch = (int (*)(int))dlsym(h, "bigtls_touch")) || (i % 10 == 0 && !touch(1)) ||
            dlclose(h))
            return 1;
    }
    printf("2000 dlopen/dlclose cycles: data grew by less than 256 KiB: %s\n",
           vm_data_kib() - before < 256 ? "yes" : "no");
    return 0;
}
