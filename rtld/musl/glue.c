/* The glue that makes musl's static C library (libc.a) work as a shared
 * libc.so under rtld.
 *
 * musl's libc.so contains musl's own dynamic linker, and libc relies on it
 * through weak hooks that ldso/dynlink.c overrides with strong definitions.
 * This file supplies our strong definitions of those hooks, linked into the
 * same shared object as libc.a (--whole-archive), talking to rtld through
 * __rtld_interface.  Facts about musl 1.2.3's internals below come from its
 * source: src/internal/libc.h (struct __libc), src/internal/pthread_impl.h,
 * src/env/__init_tls.c (__init_tp, __copy_tls, the TLS size formula of
 * static_init_tls and ldso's update_tls_size).  build-libc.sh refuses any
 * other musl version. */
#include <dlfcn.h>
#include <elf.h>
#include <limits.h>
#include <link.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stddef.h>
#include <stdint.h>
#include "rtld_interface.h"
#include "glue_arch.h"      /* arch/<cpu>/: musl's facts about this CPU */

#define hidden __attribute__((visibility("hidden")))

/* struct tls_module, src/internal/libc.h */
struct tls_module {
    struct tls_module *next;
    void *image;
    size_t len, size, align, offset;
};

/* The head of struct __libc, src/internal/libc.h; only these fields are
 * written here. */
struct musl_libc {
    char can_do_threads, threaded, secure;
    volatile signed char need_locks;
    int threads_minus_1;
    size_t *auxv;
    struct tls_module *tls_head;
    size_t tls_size, tls_align, tls_cnt;
    size_t page_size;
};
_Static_assert(offsetof(struct musl_libc, tls_head) == 16 &&
               offsetof(struct musl_libc, tls_cnt) == 40, "musl 1.2.3 struct __libc");

extern hidden struct musl_libc __libc;
extern hidden int __malloc_replaced, __aligned_alloc_replaced;  /* src/malloc/replaced.c */
hidden int __init_tp(void *p);
hidden void *__copy_tls(unsigned char *mem);
hidden void __malloc_donate(char *start, char *end);   /* src/internal/dynlink.h */
hidden void exit_handlers_connect(void);    /* exit_handlers.c */
static void *tls_block(size_t id, uint64_t instance);      /* below */

#define MIN_TLS_ALIGN     8     /* offsetof(struct builtin_tls, pt) */

static void crash(void)
{
    for (;;)
        __builtin_trap();
}

/* A failure where none can be returned: one line, then stop as musl's
 * a_crash does.  write() touches errno (thread-local) only when it fails. */
static void die(const char *why)
{
    static const char prefix[] = "rtld: libc.so: ";
    if (write(2, prefix, sizeof prefix - 1) >= 0 && write(2, why, strlen(why)) >= 0)
        write(2, "\n", 1);
    crash();
}

/* Called by __init_libc before anything touches the thread pointer: give
 * musl the module list and sizes rtld laid out, then let musl build the
 * main thread's TLS and set the thread pointer, as dynlink.c's __dls3
 * would have done before entering the program. */
void __init_tls(size_t *aux)
{
    const struct rtld_interface *ri = &__rtld_interface;
    (void)aux;
    if (ri->version != RTLD_INTERFACE_VERSION || ri->size != sizeof *ri)
        die("not from the build of the rtld running it");
    /* dynlink.c __dls3: tell malloc whether it was interposed */
    __malloc_replaced = ri->malloc_replaced;
    __aligned_alloc_replaced = ri->aligned_alloc_replaced;
    exit_handlers_connect();
    __rtld_interface.tls_block = tls_block;

    size_t align = ri->tls_align > MIN_TLS_ALIGN ? ri->tls_align : MIN_TLS_ALIGN;
    /* dynlink.c update_tls_size(): dtv, the blocks, the thread struct and
     * room to align both ends */
    size_t tls_size = ((1 + ri->tls_cnt) * sizeof(void *) + ri->tls_size +
                       MUSL_PTHREAD_SIZE + 2 * align + align - 1) & -align;
    size_t list_size = ri->tls_cnt * sizeof(struct tls_module);
    /* __copy_tls aligns within the block */
    unsigned char *mem = ri->initial_tls(list_size + tls_size);
    struct tls_module *mods = (struct tls_module *)mem;
    for (size_t i = 0; i < ri->tls_cnt; i++) {
        const struct rtld_tls_module *m = &ri->tls[i];
        mods[i] = (struct tls_module){ i + 1 < ri->tls_cnt ? &mods[i + 1] : 0,
                                       (void *)m->image, m->len, m->size, m->align, m->offset };
    }
    __libc.tls_head = ri->tls_cnt ? mods : 0;
    __libc.tls_cnt = ri->tls_cnt;
    __libc.tls_align = align;
    __libc.tls_size = tls_size;
    if (__init_tp(__copy_tls(mem + list_size)) < 0)
        die("cannot set the thread pointer");
    /* dynlink.c __dls3: malloc gets the unused ends of the objects' pages
     * (only now: libc's code reads its stack guard through the thread
     * pointer) */
    __rtld_reclaim_gaps(__malloc_donate);
}

/* Constructors of every object, dependencies first (dynlink.c runs its
 * ctor queue here). */
void __libc_start_init(void)
{
    __rtld_interface.run_constructors();
}

/* Destructors, from exit(). */
void __libc_exit_fini(void)
{
    __rtld_interface.run_destructors();
}

/* fork() calls it when threads exist (src/process/fork.c): rtld takes its
 * locks before the fork and releases them after, in both processes. */
hidden void __ldso_atfork(int who)
{
    __rtld_interface.atfork(who);
}

int dl_iterate_phdr(int (*cb)(struct dl_phdr_info *, size_t, void *), void *data)
{
    return __rtld_interface.iterate_phdr((int (*)(void *, size_t, void *))cb, data);
}

/* Run-time loading.  musl's dlerror() reports what __dl_seterr recorded
 * for the calling thread (src/ldso/dlerror.c); dlsym() passes its caller's
 * address for RTLD_NEXT (src/ldso/x86_64/dlsym.s). */
hidden void __dl_seterr(const char *fmt, ...);

void *dlopen(const char *file, int mode)
{
    char err[512];
    void *h = __rtld_interface.dlopen(file, mode, err, sizeof err);
    if (!h)
        __dl_seterr("%s", err);
    return h;
}

hidden void *__dlsym(void *restrict handle, const char *restrict name, void *restrict ra)
{
    char err[512];
    void *p = __rtld_interface.dlsym(handle, name, ra, err, sizeof err);
    if (!p)
        __dl_seterr("%s", err);
    return p;
}

int dladdr(const void *addr, Dl_info *info)
{
    return __rtld_interface.dladdr(addr, info);
}

hidden int __dl_invalid_handle(void *handle)
{
    if (__rtld_interface.valid_handle(handle))
        return 0;
    __dl_seterr("Invalid library handle %p", handle);
    return 1;
}

/* Replaces src/thread/__tls_get_addr.c (left out of the archive).  The
 * thread's dtv (*musl_dtv(); dtv[0] is its length, dtv[id] module id's
 * block plus MUSL_DTP_OFFSET) covers the static TLS; a module loaded by
 * dlopen gets its block in a thread the first time that thread uses it,
 * and the dtv grows as needed (ELF TLS, Drepper §3.4: "dynamic" blocks
 * allocated lazily). */

/* What a thread allocated here goes when it exits: a thread-specific key,
 * set on the thread's first such block to its original dtv, has a
 * destructor (run by pthread_exit, where free is allowed) that frees the
 * blocks and any grown dtv, in the last round of destructors, so that the
 * other keys' destructors find the TLS they use.  Should a destructor use
 * that TLS after it, it gets a fresh block and sets the key again, which
 * lives as long as the process when no round is left.  Without a key (all
 * taken) the blocks live as long as the process.
 *
 * A thread's blocks of modules dlclose unloaded go at the thread's next
 * use of dynamic TLS (or at the dlclose, in the thread calling it): rtld
 * counts unloads of TLS modules (tls_generation), and a grown dtv
 * [n, block 1..n, generation] remembers the count it was last swept at.
 * rtld gives an unloaded module's id to a later one (after counting the
 * unload), so each block carries the instance of the module it was made
 * for (struct block_head) and a sweep drops those of modules no longer
 * loaded under their id.  Static TLS (ids 1..__libc.tls_cnt) never goes,
 * and a thread holds blocks of dynamic modules only in a grown dtv.  The
 * TLS descriptors' resolvers (arch/<cpu>/tlsdesc.*) read the same dtv and
 * count, and come here when the count changed. */
static uintptr_t **musl_dtv(void)
{
    return (uintptr_t **)__builtin_thread_pointer() + MUSL_DTV_SLOT;
}

static pthread_key_t dynamic_tls_key;
static int dynamic_tls_keyed;

/* Right before a dynamic block: where its allocation starts, and the
 * module instance it was made for (struct rtld_tls_module) */
struct block_head {
    size_t room;                /* bytes from the allocation to the block */
    uint64_t instance;
};

static struct block_head *head_of(uintptr_t slot)
{
    return (struct block_head *)(slot - MUSL_DTP_OFFSET) - 1;
}

static void free_block(uintptr_t slot)
{
    free((char *)(slot - MUSL_DTP_OFFSET) - head_of(slot)->room);
}

/* The key's value: the thread's original dtv, and in its low bits (a dtv
 * is word-aligned) how many rounds of destructors have passed it by. */
#define ROUNDS_PASSED 3
_Static_assert(PTHREAD_DESTRUCTOR_ITERATIONS - 1 <= ROUNDS_PASSED, "the rounds fit the bits");

static uintptr_t *original_of(void *value)
{
    return (uintptr_t *)((uintptr_t)value & ~(uintptr_t)ROUNDS_PASSED);
}

/* The key's destructor: the keys made after ours (when the thread first
 * used dynamic TLS) have theirs run after it in each round, and may use
 * that TLS, which glibc frees after every destructor has run: until the
 * last round (POSIX: PTHREAD_DESTRUCTOR_ITERATIONS), it sets the key again
 * and waits for the next. */
static void free_dynamic_tls(void *value)
{
    uintptr_t passed = (uintptr_t)value & ROUNDS_PASSED;
    if (passed < PTHREAD_DESTRUCTOR_ITERATIONS - 1 &&
        !pthread_setspecific(dynamic_tls_key, (char *)value + 1))
        return;
    uintptr_t *original_dtv = original_of(value);
    uintptr_t **self = musl_dtv(), *dtv = *self;
    /* dtv[1..tls_cnt] are static TLS, inside the thread's own area */
    for (size_t i = __libc.tls_cnt + 1; i <= dtv[0]; i++)
        if (dtv[i])
            free_block(dtv[i]);
    *self = original_dtv;
    if (dtv != original_dtv)
        free(dtv);
}

static void make_key(void)
{
    dynamic_tls_keyed = !pthread_key_create(&dynamic_tls_key, free_dynamic_tls);
}

static size_t tls_generation(void)
{
    return __atomic_load_n(&__rtld_interface.tls_generation, __ATOMIC_ACQUIRE);
}

/* Free the blocks of unloaded modules in a grown dtv: of ids no module has
 * now, or another module than the block's. */
static void sweep(uintptr_t *dtv)
{
    size_t now = tls_generation();
    struct rtld_tls_module m;
    for (size_t i = __libc.tls_cnt + 1; i <= dtv[0]; i++)
        if (dtv[i] && (!__rtld_interface.tls_module(i, &m) ||
                       m.instance != head_of(dtv[i])->instance)) {
            free_block(dtv[i]);
            dtv[i] = 0;
        }
    dtv[dtv[0] + 1] = now;
}

static void *tls_first_use(size_t *v)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    uintptr_t **self = musl_dtv(), *dtv = *self;
    if (dtv[0] > __libc.tls_cnt && dtv[dtv[0] + 1] != tls_generation()) {
        sweep(dtv);
        if (v[0] <= dtv[0] && dtv[v[0]])
            return (void *)(dtv[v[0]] + v[1]);
    }
    struct rtld_tls_module mod, *m = &mod;
    if (!__rtld_interface.tls_module(v[0], m))
        die("thread-local data of an unloaded module used");
    pthread_once(&once, make_key);
    uintptr_t *original = dynamic_tls_keyed ? original_of(pthread_getspecific(dynamic_tls_key))
                                            : 0;
    if (dynamic_tls_keyed && !original)
        pthread_setspecific(dynamic_tls_key, original = dtv);
    if (v[0] > dtv[0]) {
        size_t n = v[0] + 8;
        uintptr_t *bigger = calloc(n + 2, sizeof *bigger);
        if (!bigger)
            die("out of memory for thread-local data");
        memcpy(bigger, dtv, (dtv[0] + 1) * sizeof *dtv);
        bigger[0] = n;
        bigger[n + 1] = tls_generation();   /* swept just now, or never had blocks */
        if (original && dtv != original)
            free(dtv);          /* an earlier growth's */
        *self = dtv = bigger;
    }
    /* the head in the room of one alignment before the block */
    size_t align = m->align > 16 ? m->align : 16;
    _Static_assert(sizeof(struct block_head) <= 16, "the head fits in the least room");
    unsigned char *mem = aligned_alloc(align, align + ((m->size + align - 1) & -align));
    if (!mem)
        die("out of memory for thread-local data");
    unsigned char *block = mem + align;
    ((struct block_head *)block)[-1] = (struct block_head){ align, m->instance };
    memcpy(block, m->image, m->len);
    memset(block + m->len, 0, m->size - m->len);
    dtv[v[0]] = (uintptr_t)block + MUSL_DTP_OFFSET;
    return (void *)(dtv[v[0]] + v[1]);
}

/* The calling thread's block of dynamic module id, loaded as instance, or
 * NULL where it has none: glibc's dl_iterate_phdr reports only a block
 * the thread has (its __tls_get_addr_soft); musl's makes one, which would
 * allocate in an unwinder's callback.  A block of the id's earlier module,
 * not swept yet, is not the module's. */
static void *tls_block(size_t id, uint64_t instance)
{
    uintptr_t *dtv = *musl_dtv();
    if (id > dtv[0] || !dtv[id] || head_of(dtv[id])->instance != instance)
        return 0;
    return (void *)(dtv[id] - MUSL_DTP_OFFSET);
}

void *__tls_get_addr(size_t *v)
{
    uintptr_t *dtv = *musl_dtv();
    if (v[0] <= __libc.tls_cnt ||
        (v[0] <= dtv[0] && dtv[v[0]] && dtv[dtv[0] + 1] == tls_generation()))
        return (void *)(dtv[v[0]] + v[1]);
    return tls_first_use(v);
}

/* Replaces src/ldso/dlclose.c (left out of the archive by build-libc.sh):
 * musl never unloads, rtld counts references.  The calling thread's blocks
 * of the modules that went are freed at once. */
int dlclose(void *handle)
{
    char err[256];
    if (__rtld_interface.dlclose(handle, err, sizeof err)) {
        __dl_seterr("%s", err);
        return -1;
    }
    uintptr_t *dtv = *musl_dtv();
    if (dtv[0] > __libc.tls_cnt)
        sweep(dtv);
    return 0;
}
