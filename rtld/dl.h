/* Run-time loading: what our libc.so's dlopen, dlsym, dladdr and dlclose
 * call (through __rtld_interface). */
#ifndef DL_H
#define DL_H

#include <stddef.h>

/* <dlfcn.h> values, as musl defines them */
#define RTLD_LAZY     1
#define RTLD_NOW      2
#define RTLD_NOLOAD   4
#define RTLD_GLOBAL   256
#define RTLD_NODELETE 4096
#define RTLD_NEXT     ((void *)-1)
#define RTLD_DEFAULT  ((void *)0)

/* Dl_info, <dlfcn.h> */
struct dl_info {
    const char *dli_fname;
    void *dli_fbase;
    const char *dli_sname;
    void *dli_saddr;
};

/* Each returns its result, or NULL/-1 with a message in err (cap bytes). */
void *dl_open(const char *file, int mode, char *err, size_t cap);
void *dl_sym(void *handle, const char *name, void *caller, char *err, size_t cap);
int dl_close(void *handle, char *err, size_t cap);
int dl_addr(const void *addr, struct dl_info *info);
int dl_valid_handle(const void *handle);

/* Call fn for each object in load order, without the dl lock, until it
 * returns non-zero (dl_iterate_phdr); returns that value, or 0. */
struct dso;
int dl_each_object(int (*fn)(const struct dso *d, void *ctx), void *ctx);

/* fork()'s child, under the dl lock: the walks of the other threads, which
 * it has not, hold no unloaded object any more. */
void dl_walks_forked(void);

/* A TLS module's image and sizes into *out, for __tls_get_addr's first use
 * of a module in a thread; 0 for an id no loaded module has. */
struct rtld_tls_module;
int dl_tls_module(size_t id, struct rtld_tls_module *out);

#endif
