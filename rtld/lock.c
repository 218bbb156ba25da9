/* Mutexes on futex words, as in Drepper's "Futexes Are Tricky" (mutex
 * number 3): 0 free, 1 taken, 2 taken and maybe waited for. */
#include "libsys/syscall.h"
#include "arch.h"
#include "lock.h"

#define FUTEX_WAIT_PRIVATE 128      /* FUTEX_WAIT | FUTEX_PRIVATE_FLAG, futex(2) */
#define FUTEX_WAKE_PRIVATE 129      /* FUTEX_WAKE | FUTEX_PRIVATE_FLAG */

static void futex_wait(int *word, int value)
{
    _syscall4(__NR_futex, (long)word, FUTEX_WAIT_PRIVATE, value, 0);
}

static void futex_wake(int *word, int count)
{
    _syscall3(__NR_futex, (long)word, FUTEX_WAKE_PRIVATE, count);
}

static void take(int *word)
{
    int c = 0;
    if (__atomic_compare_exchange_n(word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    if (c != 2)
        c = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
    while (c) {
        futex_wait(word, 2);
        c = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
    }
}

static void give(int *word)
{
    if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
        futex_wake(word, 1);
}

unsigned long lock_self(void)
{
    return arch_thread_pointer();
}

static int dl_word;
static unsigned long dl_owner;      /* only its holder sets it to itself */
static unsigned dl_depth;

void dl_lock(void)
{
    unsigned long self = lock_self();
    if (__atomic_load_n(&dl_owner, __ATOMIC_RELAXED) == self) {
        dl_depth++;
        return;
    }
    take(&dl_word);
    __atomic_store_n(&dl_owner, self, __ATOMIC_RELAXED);
    dl_depth = 1;
}

void dl_unlock(void)
{
    if (--dl_depth)
        return;
    __atomic_store_n(&dl_owner, 0, __ATOMIC_RELAXED);
    give(&dl_word);
}

static int init_fini_word, init_fini_event;
static unsigned init_fini_waiters;      /* under the init/fini lock */

void init_fini_lock(void)
{
    take(&init_fini_word);
}

void init_fini_unlock(void)
{
    give(&init_fini_word);
}

void init_fini_wait(void)
{
    int seen = __atomic_load_n(&init_fini_event, __ATOMIC_RELAXED);
    init_fini_waiters++;
    give(&init_fini_word);
    futex_wait(&init_fini_event, seen);     /* returns at once if it changed */
    take(&init_fini_word);
    init_fini_waiters--;
}

void init_fini_wake(void)
{
    __atomic_fetch_add(&init_fini_event, 1, __ATOMIC_RELAXED);
    if (init_fini_waiters)      /* no system call in the usual case */
        futex_wake(&init_fini_event, 0x7fffffff);
}
