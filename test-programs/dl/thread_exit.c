/* A thread's __thread data of a dlopen'ed module goes away with the
 * thread: 300 threads in turn each touch 1 MiB of a plugin's TLS, and the
 * process must not grow by their sum.  Under musl's own linker the data
 * lives in each thread's static area; under rtld each thread gets a block
 * on first use, which must be freed when the thread exits.  Then one thread
 * that lives on uses the plugin's TLS while the plugin is loaded and
 * unloaded 200 times: its blocks of the unloaded copies must go while it
 * lives (musl never unloads, so there it is the same block every time). */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "vm_data.h"

static int (*touch)(int);

static void *thread(void *arg)
{
    return (void *)(long)touch((int)(long)arg);
}

#define RELOADS 200
static pthread_barrier_t step;

/* Touch the plugin's TLS once per round, between the main thread's dlopen
 * and dlclose (the barrier's first and second waits); then stay alive
 * until the main thread has measured (the last wait). */
static void *long_lived(void *arg)
{
    (void)arg;
    for (int i = 0; i < RELOADS; i++) {
        pthread_barrier_wait(&step);
        touch(i % 255 + 1);
        pthread_barrier_wait(&step);
    }
    pthread_barrier_wait(&step);
    return 0;
}

static int run_threads(int n)
{
    int fresh = 0;
    for (int i = 0; i < n; i++) {
        pthread_t t;
        void *r;
        if (pthread_create(&t, 0, thread, (void *)(long)(i % 255 + 1)) || pthread_join(t, &r))
            return -1;
        fresh += (int)(long)r;
    }
    return fresh;
}

int main(void)
{
    void *h = dlopen("./libplugin_bigtls.so", RTLD_NOW);
    touch = h ? (int (*)(int))dlsym(h, "bigtls_touch") : 0;
    if (!touch) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    run_threads(10);        /* let malloc and the thread cache settle */
    long before = vm_data_kib();
    int fresh = run_threads(300);
    long grown = vm_data_kib() - before;
    printf("threads that found their block zeroed: %d of 300\n", fresh);
    printf("data grew by less than 16 MiB: %s\n", grown < 16384 ? "yes" : "no");
    if (grown >= 16384)
        printf("  (by %ld KiB)\n", grown);

    pthread_t t;
    dlclose(h);
    before = vm_data_kib();
    pthread_barrier_init(&step, 0, 2);
    pthread_create(&t, 0, long_lived, 0);
    for (int i = 0; i < RELOADS; i++) {
        h = dlopen("./libplugin_bigtls.so", RTLD_NOW);
        touch = h ? (int (*)(int))dlsym(h, "bigtls_touch") : 0;
        if (!touch)
            return 1;
        pthread_barrier_wait(&step);    /* the thread touches it */
        pthread_barrier_wait(&step);
        dlclose(h);
    }
    grown = vm_data_kib() - before;     /* the thread still lives */
    pthread_barrier_wait(&step);
    pthread_join(t, 0);
    printf("a living thread over %d reloads: data grew by less than 16 MiB: %s\n", RELOADS,
           grown < 16384 ? "yes" : "no");
    if (grown >= 16384)
        printf("  (by %ld KiB)\n", grown);
    return 0;
}
