/* The one interface between rtld and our musl libc.so (rtld/musl/glue.c).
 * rtld exports the object __rtld_interface; the glue, linked into libc.so,
 * reads it to set up musl's TLS and to run constructors, the way musl's own
 * libc.so gets the same from the dynamic linker compiled into it.  The
 * version changes whenever the layout does. */
#ifndef RTLD_INTERFACE_H
#define RTLD_INTERFACE_H

#include <stddef.h>
#include <stdint.h>

#define RTLD_INTERFACE_VERSION 7

struct rtld_tls_module {        /* in module-id order, id = index + 1 */
    const void *image;          /* PT_TLS initialisation image */
    size_t len, size, align;    /* p_filesz, p_memsz, p_align */
    size_t offset;              /* musl's tls_module offset: thread pointer
                                   minus the block's start (TLS variant II),
                                   or the reverse (variant I) */
    uint64_t instance;          /* which module given an id this is: the id
                                   of an unloaded one is given again */
};

struct rtld_interface {
    unsigned version;
    unsigned size;              /* sizeof(struct rtld_interface) */
    size_t tls_cnt;             /* static TLS: modules, */
    size_t tls_size;            /* musl's tls_offset: the extent of the
                                   blocks from the thread pointer, */
    size_t tls_align;           /* largest alignment */
    const struct rtld_tls_module *tls;
    void (*run_constructors)(void);
    void (*run_destructors)(void);
    /* dl_iterate_phdr(3), with struct dl_phdr_info from <link.h> */
    int (*iterate_phdr)(int (*cb)(void *info, size_t size, void *data), void *data);
    /* malloc / aligned_alloc resolve outside libc.so (an interposing
     * program or preload): musl's calloc must then clear memory itself */
    int malloc_replaced, aligned_alloc_replaced;
    /* run-time loading: each returns NULL/-1 with a message in err */
    void *(*dlopen)(const char *file, int mode, char *err, size_t cap);
    void *(*dlsym)(void *handle, const char *name, void *caller, char *err, size_t cap);
    int (*dlclose)(void *handle, char *err, size_t cap);
    int (*dladdr)(const void *addr, void *dl_info);
    int (*valid_handle)(const void *handle);
    /* the TLS module with this id into *out, or 0 when none is loaded */
    int (*tls_module)(size_t id, struct rtld_tls_module *out);
    /* size bytes of zeroed, 16-byte aligned memory for the main thread's
     * TLS; when there is none, rtld reports it and exits (status 125), as
     * musl's own linker does: libc cannot, errno lives in that memory */
    void *(*initial_tls)(size_t size);
    /* how many modules with TLS have been unloaded (atomic) */
    size_t tls_generation;
    /* fork(): -1 before, then 0 in the parent or 1 in the child */
    void (*atfork)(int who);
    /* Filled by libc.so: run, and forget, the atexit and __cxa_atexit
     * handlers that the object at [lo, hi) registered or whose code it
     * holds; dlclose calls it once the object's destructors have run. */
    void (*run_exit_handlers)(uintptr_t lo, uintptr_t hi);
    /* Filled by libc.so: the calling thread's block of the dynamic TLS
     * module id, loaded as instance, when the thread has made one, else
     * NULL; never makes one (dl_iterate_phdr's dlpi_tls_data) */
    void *(*tls_block)(size_t id, uint64_t instance);
};

extern struct rtld_interface __rtld_interface;

/* Direct calls into rtld, which is the same object (rtld/exports.list
 * keeps their names global, hidden to everything else): */

/* give(start, end) each unused part of the pages of the writable segments
 * of the objects loaded at start-up (before a segment, after its end; not
 * RELRO), as musl's linker hands them to malloc (dynlink.c reclaim_gaps). */
__attribute__((visibility("hidden")))
void __rtld_reclaim_gaps(void (*give)(char *start, char *end));

#endif
