/* dlsym of a TLS symbol (RTLD_DEFAULT) in one thread while another loads
 * and unloads its library (RTLD_GLOBAL) over and over: each call gives
 * NULL or the calling thread's copy of the variable, never a dead process.
 * dlsym finds the definition and the thread's block (made then) under the
 * linker's lock, as glibc does; made after the lock, the block could be
 * asked for of a module unloaded meanwhile. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#define ROUNDS 3000

static volatile int stop;
static char all_right;      /* what seeker returns when every address was right */

static void *seeker(void *arg)
{
    long found = 0, right = 0;
    while (!stop) {
        int *v = dlsym(RTLD_DEFAULT, "plugin_tlsvar");
        found += v != 0;
        right += v && (*v == 5 || *v == 6);
        if (v)
            *v = 6;         /* this thread's copy: no other thread sees it */
    }
    (void)arg;
    return found == right ? &all_right : 0;
}

int main(void)
{
    pthread_t t;
    void *ok;
    if (pthread_create(&t, 0, seeker, 0))
        return 1;
    for (int i = 0; i < ROUNDS; i++) {
        void *h = dlopen("./libplugin_tlsvar.so", RTLD_NOW | RTLD_GLOBAL);
        if (!h || dlclose(h))
            return 1;
    }
    stop = 1;
    pthread_join(t, &ok);
    printf("%d loads and unloads while another thread looked the TLS variable up: "
           "every address found was that thread's copy: %s\n", ROUNDS, ok ? "yes" : "no");
    return 0;
}
