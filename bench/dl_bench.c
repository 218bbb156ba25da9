/* The in-process part of bench/dl_bench.sh: run-time loading measured
 * inside one process, built three times (musl's linker, rtld, glibc).
 *
 *   dl_bench cycle N THREADS LIB    THREADS threads at once, each N times:
 *                                   dlopen(LIB), dlsym, call, dlclose
 *   dl_bench distinct COUNT LIB...  dlopen + dlsym each of COUNT libraries,
 *                                   then dlclose them all
 *
 * Prints "ns TOTAL": the wall time of the measured part (run_cycle or
 * run_distinct).  callgrind's --toggle-collect is given cycle_thread (each
 * thread's cycles) or run_distinct. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long cycles;
static const char *cycle_lib;

static void fail(const char *what)
{
    fprintf(stderr, "dl_bench: %s: %s\n", what, dlerror());
    exit(1);
}

__attribute__((noinline)) static void *cycle_thread(void *arg)
{
    (void)arg;
    for (long i = 0; i < cycles; i++) {
        void *h = dlopen(cycle_lib, RTLD_NOW);
        int (*fn)(int) = h ? (int (*)(int))dlsym(h, "bench_fn") : 0;
        if (!fn || fn(1) != 2)
            fail(cycle_lib);
        if (dlclose(h))
            fail("dlclose");
    }
    return 0;
}

__attribute__((noinline)) static void run_cycle(int threads)
{
    pthread_t t[64];
    if (threads == 1) {
        cycle_thread(0);
        return;
    }
    for (int i = 0; i < threads; i++)
        if (pthread_create(&t[i], 0, cycle_thread, 0))
            fail("pthread_create");
    for (int i = 0; i < threads; i++)
        pthread_join(t[i], 0);
}

__attribute__((noinline)) static void run_distinct(int count, char **libs)
{
    void *h[count + 1];
    for (int i = 0; i < count; i++) {
        h[i] = dlopen(libs[i], RTLD_NOW);
        int (*fn)(int) = h[i] ? (int (*)(int))dlsym(h[i], "bench_fn") : 0;
        if (!fn || fn(i) != i + 1)
            fail(libs[i]);
    }
    for (int i = 0; i < count; i++)
        if (dlclose(h[i]))
            fail("dlclose");
}

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    long long start;
    if (argc == 5 && argv[1][0] == 'c') {
        cycles = atol(argv[2]);
        int threads = atoi(argv[3]);
        cycle_lib = argv[4];
        if (threads < 1 || threads > 64)
            return 2;
        start = now_ns();
        run_cycle(threads);
    } else if (argc >= 3 && argv[1][0] == 'd' && atoi(argv[2]) == argc - 3) {
        start = now_ns();
        run_distinct(argc - 3, argv + 3);
    } else {
        fprintf(stderr, "usage: dl_bench cycle N THREADS LIB | dl_bench distinct COUNT LIB...\n");
        return 2;
    }
    printf("ns %lld\n", now_ns() - start);
    return 0;
}
