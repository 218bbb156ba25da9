/* rtld-wide state and the steps of linking a program. */
#ifndef RTLD_H
#define RTLD_H

#include <stdint.h>
#include "dso.h"
#include "load_error.h"

#define PROGNAME "rtld"

struct rtld_config {
    const char *library_path;   /* --library-path or LD_LIBRARY_PATH */
    const char *preload;        /* --preload or LD_PRELOAD */
    const char *libc_dir;       /* where our musl libc.so is: rtld's own directory */
    const char *platform;       /* AT_PLATFORM, for $PLATFORM */
    uint64_t    pagesz;
    int         secure;         /* AT_SECURE */
    int         debug;          /* RTLD_DEBUG set */
    int         main_exe_real;  /* /proc/self/exe is the program (PT_INTERP mode) */
};

extern struct rtld_config rtld_config;

/* Print "rtld: FILE: MESSAGE" for err and exit with its status. */
__attribute__((noreturn)) void rtld_die(const struct load_error *err);

/* Print "rtld: MESSAGE" on stderr when RTLD_DEBUG is set. */
__attribute__((format(printf, 1, 2))) void rtld_debug(const char *fmt, ...);

/* Load name (a DT_NEEDED string or a path) for needed_by, once; the new
 * object is appended to the load order.  NULL with err set on failure. */
struct dso *load_library(const char *name, const struct dso *needed_by,
                         struct load_error *err);

/* Load every object's DT_NEEDED, breadth first. */
int load_dependencies(struct load_error *err);

/* Append d to the load order. */
void dso_append(struct dso *d);

/* Record the hashes of d's name and soname (after dso_parse). */
void dso_names_hashed(struct dso *d);

#endif
