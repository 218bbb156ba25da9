/* A plugin's TLS module id goes back to rtld at its unload and is given to
 * the next module dlopen loads, so that a host reloading a plugin again and
 * again keeps its threads' dtvs small (with ids never reused, each reload
 * grew them and made every sweep of them longer).  A thread that still
 * holds its block of the first copy's __thread data must then get a fresh
 * block of the second copy's, not the old block under the same id.
 * dl_iterate_phdr reports a thread's block of the plugin (dlpi_tls_data)
 * once the thread has one, NULL before (glibc's rule: it never makes one),
 * and not the old copy's block.  The plugin is argv[1]
 * (libplugin_bigtls.so, or the same built with TLS descriptors).  musl never
 * unloads, and makes a block in dl_iterate_phdr, so the expected output is
 * stated in tests/dl/run_dl.sh. */
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define RELOADS 1000

static const char *plugin;

/* What dl_iterate_phdr reports about the plugin, in the calling thread */
struct seen {
    size_t modid;       /* 0: not listed */
    void *tls_data;
};
static int seen_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct seen *s = data;
    if (!strcmp(info->dlpi_name, plugin))
        *s = (struct seen){ info->dlpi_tls_modid, info->dlpi_tls_data };
    return 0;
}

static struct seen seen(void)
{
    struct seen s = { 0, 0 };
    dl_iterate_phdr(seen_cb, &s);
    return s;
}

static size_t modid(void)
{
    return seen().modid;
}
static int (*touch)(int);
static void *(*block)(void);
static pthread_barrier_t step;
static int fresh[2], data_before[2], data_after[2];

/* In each of two loads of the plugin, between the main thread's dlopen and
 * dlclose (the barrier's waits), use its TLS once: 1 when the block was
 * fresh (bigtls_touch), then scribble on it; dlpi_tls_data is NULL before
 * (in the second load, the thread still holds the first copy's block) and
 * the block after */
static void *user(void *arg)
{
    (void)arg;
    for (int load = 0; load < 2; load++) {
        pthread_barrier_wait(&step);
        data_before[load] = seen().tls_data == 0;
        fresh[load] = touch(load + 1);
        data_after[load] = seen().tls_data == block();
        pthread_barrier_wait(&step);
    }
    return 0;
}

static const char *yes(int b) { return b ? "yes" : "no"; }

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    plugin = argv[1];
    pthread_t t;
    size_t ids[2];
    void *h;
    int main_null = 1;
    pthread_barrier_init(&step, 0, 2);
    if (pthread_create(&t, 0, user, 0))
        return 1;
    for (int load = 0; load < 2; load++) {
        if (!(h = dlopen(plugin, RTLD_NOW)) ||
            !(touch = (int (*)(int))dlsym(h, "bigtls_touch")) ||
            !(block = (void *(*)(void))dlsym(h, "bigtls_block")))
            return 1;
        ids[load] = modid();
        main_null &= seen().tls_data == 0;      /* the main thread never uses it */
        pthread_barrier_wait(&step);
        pthread_barrier_wait(&step);
        if (dlclose(h))
            return 1;
    }
    pthread_join(t, 0);
    printf("second load: the first load's module id %s; the other thread's block fresh "
           "in the first load %s, in the second %s\n", yes(ids[0] && ids[0] == ids[1]),
           yes(fresh[0]), yes(fresh[1]));
    printf("dlpi_tls_data: NULL before the thread's first use in the first load %s, in the "
           "second %s; its block after, in the first %s, in the second %s; NULL in the main "
           "thread %s\n", yes(data_before[0]), yes(data_before[1]), yes(data_after[0]),
           yes(data_after[1]), yes(main_null));
    int same = 1, all_fresh = 1;
    for (int i = 0; i < RELOADS; i++) {
        if (!(h = dlopen(plugin, RTLD_NOW)) ||
            !(touch = (int (*)(int))dlsym(h, "bigtls_touch")))
            return 1;
        same &= modid() == ids[0];
        all_fresh &= touch(1);
        if (dlclose(h))
            return 1;
    }
    printf("%d more reloads: the same module id %s, a fresh block each time %s\n", RELOADS,
           yes(same), yes(all_fresh));
    return 0;
}
