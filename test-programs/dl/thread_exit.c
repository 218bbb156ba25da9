/* A thread's __thread data of a dlopen'ed module goes away with the
 * thread: 300 threads in turn each touch 1 MiB of a plugin's TLS, and the
 * process must not grow by their sum.  Under musl's own linker the data
 * lives in each thread's static area; under rtld each thread gets a block
 * on first use, which must be freed when the thread exits. */
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
    return 0;
}
