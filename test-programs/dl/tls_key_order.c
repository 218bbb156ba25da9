/* A thread's key destructors run at its exit in the order the keys were
 * made (POSIX, musl's __pthread_tsd_run_dtors).  One made after a thread
 * first used a dlopen'ed library's TLS (after the key under which our
 * libc.so frees that thread's blocks) still finds the thread's value in
 * it, as glibc and musl give it: the blocks go after every destructor. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#define THREADS 50

static pthread_key_t key;
static void *plugin;
static int seen_right;          /* (destructors run one thread at a time here) */

static int *tlsvar(void)
{
    return dlsym(plugin, "plugin_tlsvar");
}

static void dtor(void *value)
{
    int *v = tlsvar();
    (void)value;
    seen_right += v && *v == 1234;
}

static void *thread(void *arg)
{
    int *v = tlsvar();
    if (v) {
        *v = 1234;                      /* what the destructor should see there */
        pthread_setspecific(key, plugin);
    }
    return arg;
}

int main(void)
{
    if (!(plugin = dlopen("./libplugin_tlsvar.so", RTLD_NOW)) || !tlsvar())
        return 1;           /* the first use of its TLS: libc.so's key is made */
    if (pthread_key_create(&key, dtor))
        return 1;
    for (int i = 0; i < THREADS; i++) {
        pthread_t t;
        if (pthread_create(&t, 0, thread, 0) || pthread_join(t, 0))
            return 1;
    }
    printf("a key made after the first use of a plugin's TLS: its destructor saw the "
           "thread's value in %d of %d threads\n", seen_right, THREADS);
    return 0;
}
