/* TLS descriptors of a module loaded by dlopen (libplugin_tls_desc.so:
 * plugin_tls.c built with the CPU's descriptor dialect, x86_64's
 * -mtls-dialect=gnu2): threads started before the dlopen reach the
 * module's __thread counter (100 at first) through the descriptor's
 * dynamic resolver, each its own copy: the first use in a thread makes its
 * block (__tls_get_addr), the second finds it in the thread's dtv. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#define THREADS 4

static int (*bump)(int);
static pthread_barrier_t loaded;

static void *thread(void *arg)
{
    int n = (int)(long)arg;
    pthread_barrier_wait(&loaded);
    int first = bump(n), second = bump(n);
    return (void *)(long)(first == 100 + n && second == 100 + 2 * n);
}

int main(void)
{
    pthread_t t[THREADS];
    pthread_barrier_init(&loaded, 0, THREADS + 1);
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], 0, thread, (void *)(i + 1));
    void *h = dlopen("./libplugin_tls_desc.so", RTLD_NOW);
    bump = h ? (int (*)(int))dlsym(h, "plugin_bump") : 0;
    if (!bump) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    pthread_barrier_wait(&loaded);
    for (int i = 0; i < THREADS; i++) {
        void *ok;
        pthread_join(t[i], &ok);
        printf("thread %d: its own counter, made and found again: %s\n", i + 1,
               ok ? "ok" : "wrong");
    }
    int first = bump(7), second = bump(7);
    printf("main: its own counter after the threads: %s (%d %d)\n",
           first == 107 && second == 114 ? "ok" : "wrong", first, second);
    dlclose(h);
    return 0;
}
