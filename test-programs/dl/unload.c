/* dlclose unloads: the destructor runs at dlclose, dl_iterate_phdr no
 * longer lists the plugin and its dependency and counts them out
 * (dlpi_subs); their mappings are kept for reuse, and a second dlopen
 * constructs a fresh copy with fresh data and TLS; 2000 cycles of dlopen
 * and dlclose leave no memory behind.  What is kept goes back to the
 * system: once more than 128 unloaded libraries are kept (here, copies of
 * a library in the directory argv[1], libcopy000.so ...), the oldest half
 * are unmapped; a library with more than 4 MiB of writable data is
 * unmapped at its dlclose.  musl never unloads, so the expected output is
 * stated in tests/dl/run_dl.sh. */
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include "objects.h"
#include "vm_data.h"

#define COPIES 200
#define KEPT_MAX 128        /* rtld/load.c */

static unsigned long long subs;
static int subs_cb(struct dl_phdr_info *i, size_t s, void *d) { (void)s; (void)d; subs = i->dlpi_subs; return 1; }
static const char *yes(int b) { return b ? "yes" : "no"; }

int main(int argc, char **argv) {
    if (argc != 2)
        return 2;
    for (int round = 0; round < 2; round++) {
        void *h = dlopen("./libplugin_tls.so", RTLD_NOW);
        int (*bump)(int) = (int (*)(int))dlsym(h, "plugin_bump");
        int n = 0; dl_iterate_phdr(count_loaded, &n);
        printf("round %d: bump %d, objects %d, plugin listed %s, dependency listed %s\n", round,
               bump(1), n, yes(listed("libplugin_tls.so")), yes(listed("libplugin_dep.so")));
        fflush(stdout);
        dlclose(h);
        n = 0; dl_iterate_phdr(count_loaded, &n); dl_iterate_phdr(subs_cb, 0);
        printf("after dlclose: objects %d, subs %llu, plugin listed %s, dependency listed %s, "
               "both kept mapped %s\n", n, subs, yes(listed("libplugin_tls.so")),
               yes(listed("libplugin_dep.so")),
               yes(mapped("libplugin_tls.so") && mapped("libplugin_dep.so")));
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
           yes(vm_data_kib() - before < 256));
    /* 8 MiB of .bss, dirtied: too much to keep */
    int (*dirty)(void);
    if (!(h = dlopen("./libplugin_bigdata.so", RTLD_NOW)) ||
        !(dirty = (int (*)(void))dlsym(h, "bigdata_dirty")) || dirty() || dlclose(h))
        return 1;
    printf("a library with 8 MiB of data: unmapped at its dlclose: %s\n",
           yes(!mapped("libplugin_bigdata.so")));
    /* more unloaded libraries than are kept */
    char path[4096], name[32];
    for (int i = 0; i < COPIES; i++) {
        snprintf(path, sizeof path, "%s/libcopy%03d.so", argv[1], i);
        if (!(h = dlopen(path, RTLD_NOW)) || dlclose(h))
            return 1;
    }
    int kept = 0;
    for (int i = 0; i < COPIES; i++) {
        snprintf(name, sizeof name, "/libcopy%03d.so", i);
        kept += mapped(name) != 0;
    }
    printf("%d more libraries unloaded: the plugin and its dependency unmapped %s, "
           "at most %d kept %s\n", COPIES, yes(!mapped("libplugin_tls.so") && !mapped("libplugin_dep.so")),
           KEPT_MAX, yes(kept <= KEPT_MAX));
    return 0;
}
