/* atexit and __cxa_atexit for our libc.so, replacing musl's
 * src/exit/atexit.c (left out of the archive by build-libc.sh): each
 * handler remembers the object that registered it, so that dlclose can
 * run the handlers of an object it unloads -- glibc's rule, which
 * __cxa_finalize implements there -- instead of exit() calling into
 * unmapped code.  rtld calls run_exit_handlers once the object's
 * destructors have run, as glibc's crtbeginS.o calls __cxa_finalize last.
 * The handlers of objects still loaded keep their order: exit() runs them
 * all, the last registered first (ISO C 7.22.4.4). */
#include <stdint.h>
#include <stdlib.h>
#include "rtld_interface.h"

#define hidden __attribute__((visibility("hidden")))

hidden void __lock(volatile int *);     /* src/internal/lock.h */
hidden void __unlock(volatile int *);
hidden void *__libc_calloc(size_t, size_t);    /* src/include/stdlib.h */

struct handler {
    struct handler *next;       /* registered earlier */
    void (*fn)(void *);
    void *arg;
    uintptr_t owner;            /* an address in the registering object */
    uintptr_t code;             /* the function the handler calls */
};

/* ISO C: at least 32 registrations succeed, so the first 32 need no
 * memory; handlers that ran are kept for reuse (a plugin reloaded many
 * times registers again each time). */
static struct handler builtin[32], *handlers, *spare;
static size_t builtin_used;
static volatile int lock[1];
/* fork() takes it before forking and clears it in the child
 * (src/process/fork.c) */
hidden volatile int *const __atexit_lockptr = lock;

static int add(void (*fn)(void *), void *arg, uintptr_t owner, uintptr_t code)
{
    __lock(lock);
    struct handler *h = spare;
    if (h)
        spare = h->next;
    else if (builtin_used < sizeof builtin / sizeof builtin[0])
        h = &builtin[builtin_used++];
    else if (!(h = __libc_calloc(1, sizeof *h))) {
        __unlock(lock);
        return -1;
    }
    *h = (struct handler){ handlers, fn, arg, owner, code };
    handlers = h;
    __unlock(lock);
    return 0;
}

/* dso: the registering object's __dso_handle (Itanium C++ ABI 3.3.5.3),
 * 0 from code that has none. */
int __cxa_atexit(void (*fn)(void *), void *arg, void *dso)
{
    return add(fn, arg, (uintptr_t)dso, (uintptr_t)fn);
}

static void call(void *fn)
{
    ((void (*)(void))(uintptr_t)fn)();
}

/* the caller is the registering object, as glibc's atexit passes the
 * caller's own __dso_handle */
int atexit(void (*fn)(void))
{
    uintptr_t caller = (uintptr_t)__builtin_return_address(0);
    return add(call, (void *)(uintptr_t)fn, caller, (uintptr_t)fn);
}

/* Run and forget, the latest first, the handlers whose owner or code lies
 * in [lo, hi); each is unlinked before it runs, without the lock, and the
 * search starts again after it (a handler may register or run others). */
static void run(uintptr_t lo, uintptr_t hi)
{
    __lock(lock);
    for (;;) {
        struct handler **at = &handlers;
        while (*at && !((*at)->owner - lo < hi - lo || (*at)->code - lo < hi - lo))
            at = &(*at)->next;
        struct handler *h = *at;
        if (!h)
            break;
        *at = h->next;
        void (*fn)(void *) = h->fn, *arg = h->arg;
        h->next = spare;
        spare = h;
        __unlock(lock);
        fn(arg);
        __lock(lock);
    }
    __unlock(lock);
}

/* exit(): every handler (src/exit/exit.c) */
hidden void __funcs_on_exit(void)
{
    run(0, UINTPTR_MAX);
}

/* The handlers of an unloaded object run at its dlclose already. */
void __cxa_finalize(void *dso)
{
    (void)dso;
}

/* Called by the glue's __init_tls, before any constructor. */
hidden void exit_handlers_connect(void)
{
    __rtld_interface.run_exit_handlers = run;
}
