/* libconc_base.so and libconc_top.so (-DTOP, needs libconc_base.so): slow
 * constructors that count their runs, for ctor_thread.c. */
#include <unistd.h>

#ifdef TOP
int conc_base_done(void);
int conc_base_runs(void);
static int runs, done, base_first;

int conc_top_done(void) { return __atomic_load_n(&done, __ATOMIC_ACQUIRE); }

/* 0: the dependency's runs, 1: this library's, 2: was the dependency
 * constructed before this constructor started */
int conc_runs(int which) { return which == 0 ? conc_base_runs() : which == 1 ? runs : base_first; }

__attribute__((constructor)) static void init(void)
{
    __atomic_fetch_add(&runs, 1, __ATOMIC_RELAXED);
    base_first = conc_base_done();
    usleep(50000);
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
}
#else
static int runs, done;

int conc_base_done(void) { return __atomic_load_n(&done, __ATOMIC_ACQUIRE); }
int conc_base_runs(void) { return runs; }

__attribute__((constructor)) static void init(void)
{
    __atomic_fetch_add(&runs, 1, __ATOMIC_RELAXED);
    usleep(50000);
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
}
#endif
