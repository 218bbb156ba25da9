/* Constructors run without the dynamic linker's lock: a constructor that
 * waits for a thread using dlsym, dladdr and dl_iterate_phdr finishes (a
 * hang is ended by the alarm).  Then four threads dlopen the same library
 * at once, whose constructor and its dependency's are slow: each
 * constructor runs once, the dependency's first, and every dlopen returns
 * a constructed library.  Its output must equal the run under musl's own
 * linker. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define THREADS 4
static pthread_barrier_t start;
static int constructed_at_return[THREADS];

static void *open_top(void *arg)
{
    pthread_barrier_wait(&start);
    void *h = dlopen("./libconc_top.so", RTLD_NOW);
    int (*done)(void) = h ? (int (*)(void))dlsym(h, "conc_top_done") : 0;
    constructed_at_return[(long)arg] = done && done();
    return 0;
}

int main(void)
{
    alarm(20);
    setvbuf(stdout, 0, _IONBF, 0);
    void *h = dlopen("./libctor_thread.so", RTLD_NOW);
    printf("dlopen of libctor_thread.so: %s\n", h ? "returned" : dlerror());

    pthread_t t[THREADS];
    pthread_barrier_init(&start, 0, THREADS);
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], 0, open_top, (void *)i);
    int all = 1;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], 0);
        all &= constructed_at_return[i];
    }
    void *top = dlopen("./libconc_top.so", RTLD_NOW | RTLD_NOLOAD);
    int (*runs)(int) = top ? (int (*)(int))dlsym(top, "conc_runs") : 0;
    if (!runs)
        return 1;
    printf("constructor runs: dependency %d, library %d; dependency first: %s\n", runs(0),
           runs(1), runs(2) ? "yes" : "no");
    printf("every dlopen returned a constructed library: %s\n", all ? "yes" : "no");
    return 0;
}
