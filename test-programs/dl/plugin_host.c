/* Plugin host: dlopen by path, missing and RTLD_NOLOAD cases, dlsym of
 * functions and of a TLS variable, plugin TLS used from a thread created
 * before the dlopen and one after, dladdr inside and outside any object,
 * dlerror, the scope of a handle to a plugin's dependency.  Its output must equal the run under musl's own linker. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
static void *h;
static int (*bump)(int);
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int loaded;
static void *early(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m); while (!loaded) pthread_cond_wait(&cv, &m); pthread_mutex_unlock(&m);
    int a = bump(1), b = bump(1);
    printf("early thread: %d %d\n", a, b);
    return 0;
}
static void *late(void *arg) { (void)arg; printf("late thread: %d\n", bump(5)); return 0; }
int main(void) {
    pthread_t t1, t2;
    pthread_create(&t1, 0, early, 0);
    printf("missing: %s\n", dlopen("libnope.so", RTLD_NOW) ? "loaded?!" : "NULL");
    const char *e = dlerror(); printf("dlerror set: %s\n", e ? "yes" : "no");
    printf("noload before: %s\n", dlopen("./libplugin_tls.so", RTLD_NOW | RTLD_NOLOAD) ? "loaded" : "NULL");
    h = dlopen("./libplugin_tls.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
    bump = (int (*)(int))dlsym(h, "plugin_bump");
    int (*comp)(int) = (int (*)(int))dlsym(h, "plugin_compute");
    printf("compute: %d\n", comp(20));
    printf("global lookup of local plugin symbol: %s\n", dlsym(RTLD_DEFAULT, "plugin_bump") ? "found" : "not found");
    printf("main bump: %d %d\n", bump(10), bump(10));
    pthread_mutex_lock(&m); loaded = 1; pthread_cond_broadcast(&cv); pthread_mutex_unlock(&m);
    pthread_join(t1, 0);
    pthread_create(&t2, 0, late, 0); pthread_join(t2, 0);
    char *tb = dlsym(h, "tbuf"); printf("tls symbol via dlsym: %s\n", tb && !tb[0] ? "zeroed" : "bad");
    Dl_info info;
    if (dladdr((void *)bump, &info)) printf("dladdr: %s in %s\n", info.dli_sname, strrchr(info.dli_fname, '/') ? strrchr(info.dli_fname, '/') + 1 : info.dli_fname);
    printf("dladdr outside: %d\n", dladdr((void *)16, &info));
    if (dladdr((void *)main, &info))
        printf("dladdr in the program: %s, base %s\n", info.dli_sname,
               info.dli_fbase ? "set" : "null");
    /* by name: found through LD_LIBRARY_PATH (the test sets it), and the
     * same object the plugin already loaded as its dependency */
    void *dep = dlopen("libplugin_dep.so", RTLD_NOW);
    int (*twice)(int) = dep ? (int (*)(int))dlsym(dep, "plugin_dep_twice") : 0;
    printf("by name: %s, twice(21) = %d\n", dep ? "loaded" : dlerror(), twice ? twice(21) : -1);
    /* a handle's symbols are its own and its dependencies', not those of
     * the plugin that loaded it first (which also defines plugin_name) */
    const char *(*name)(void) = dep ? (const char *(*)(void))dlsym(dep, "plugin_name") : 0;
    printf("plugin_name through the dependency's handle: %s\n", name ? name() : dlerror());
    name = (const char *(*)(void))dlsym(h, "plugin_name");
    printf("plugin_name through the plugin's handle: %s\n", name ? name() : dlerror());
    struct link_map *lm = 0;
    if (!dlinfo(h, RTLD_DI_LINKMAP, &lm))
        printf("dlinfo: %s\n", strstr(lm->l_name, "libplugin_tls.so") ? "names the plugin" : lm->l_name);
    dlclose(dep);
    printf("noload after: %s\n", dlopen("./libplugin_tls.so", RTLD_NOW | RTLD_NOLOAD) == h ? "same handle" : "other");
    printf("bad symbol: %s\n", dlsym(h, "nope") ? "found?!" : "NULL");
    printf("dlclose: %d\n", dlclose(h));
    return 0;
}
