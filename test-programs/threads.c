/* pthreads with per-thread __thread data: each thread must see its own
 * copy, starting from the initial value. */
#include <pthread.h>
#include <stdio.h>

#define THREADS 8
static __thread long mine = 1000;

static void *work(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 1000; i++)
        mine += id;
    return (void *)mine;
}

int main(void)
{
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, work, (void *)i))
            return 1;
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("thread %d: %ld\n", i, (long)r);
    }
    printf("main: %ld\n", mine);
    return 0;
}
