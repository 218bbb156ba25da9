/* rtld test: thread-local storage in the program and in two libraries,
 * libtls_gd (general and local dynamic) and libtls_ie (initial exec), from
 * the main thread and from several threads running at once: every thread
 * starts from the initial values and keeps its own copy. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 6

__thread int prog_init = 5;
__thread int prog_zero;
__thread double prog_double = 1.5;
__thread char prog_aligned[32] __attribute__((aligned(32))) = "prog";

extern __thread int gd_init;
extern __thread long ie_init;
int *gd_init_addr(void);
int gd_zero_get(void);
void gd_set(int v);
int gd_check_initial(void);
int gd_check(int v);
long *ie_init_addr(void);
void ie_set(long v);
int ie_check_initial(void);
int ie_check(long v);

static pthread_barrier_t barrier;
static char report[THREADS][160];

static int prog_check_initial(void)
{
    return prog_init == 5 && prog_zero == 0 && prog_double == 1.5 &&
           ((uintptr_t)prog_aligned & 31) == 0 && prog_aligned[0] == 'p';
}

static void set_all(int v)
{
    prog_init = v;
    prog_zero = v + 1;
    prog_double = v / 2.0;
    gd_set(v * 10);
    ie_set(v * 100L);
}

static int check_all(int v)
{
    return prog_init == v && prog_zero == v + 1 && prog_double == v / 2.0 &&
           gd_check(v * 10) && ie_check(v * 100L);
}

static const char *ok(int c)
{
    return c ? "ok" : "WRONG";
}

static void *thread(void *arg)
{
    int id = (int)(intptr_t)arg;
    int initial = prog_check_initial() && gd_check_initial() && ie_check_initial();
    int same_addr = &gd_init == gd_init_addr() && &ie_init == ie_init_addr();
    set_all(id + 1);
    pthread_barrier_wait(&barrier);     /* all threads have written theirs */
    int own = check_all(id + 1);
    pthread_barrier_wait(&barrier);
    snprintf(report[id], sizeof report[id],
             "thread %d: initial values %s, same addresses %s, own copy %s (%d %d %ld)",
             id, ok(initial), ok(same_addr), ok(own), prog_init, gd_init, ie_init);
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    printf("main: initial values %s\n",
           ok(prog_check_initial() && gd_check_initial() && ie_check_initial()));
    printf("main: program sees library TLS at the library's addresses: %s\n",
           ok(&gd_init == gd_init_addr() && &ie_init == ie_init_addr()));
    set_all(1000);      /* new threads must not inherit these */
    pthread_barrier_init(&barrier, NULL, THREADS);
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, thread, (void *)(intptr_t)i))
            return 1;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        puts(report[i]);
    }
    printf("main: own copy after the threads %s (%d %d %ld, zero in libtls_gd %d)\n",
           ok(check_all(1000)), prog_init, gd_init, ie_init, gd_zero_get());
    return 0;
}
