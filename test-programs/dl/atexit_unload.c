/* Exit handlers of a dlclose'd plugin run when it is unloaded (after its
 * destructors, as glibc's __cxa_finalize does), not at exit, when its code
 * is gone; the handlers of the program and of a plugin still loaded keep
 * their order.  musl never unloads, so the expected output is stated in
 * tests/dl/run_dl.sh. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include "objects.h"

static void first(void) { puts("main: first atexit handler"); }
static void last(void) { puts("main: last atexit handler"); }

int main(void)
{
    setvbuf(stdout, 0, _IONBF, 0);
    atexit(first);
    void *plugin = dlopen("./libatexit_plugin.so", RTLD_NOW);
    void *keep = dlopen("./libatexit_keep.so", RTLD_NOW);
    if (!plugin || !keep) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    atexit(last);
    puts("main: dlclose of the plugin");
    dlclose(plugin);
    printf("main: after dlclose the plugin is listed: %s\n",
           listed("libatexit_plugin.so") ? "yes" : "no");
    return 0;
}
