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
    const char *platform;       /* AT_PLATFORM, for $PLATFORM */
    uint64_t    hwcap, hwcap2;  /* AT_HWCAP, AT_HWCAP2, for IFUNC resolvers */
    const void *vdso;           /* AT_SYSINFO_EHDR, for dl_iterate_phdr (NULL: none) */
    uint64_t    pagesz;
    int         secure;         /* AT_SECURE */
    unsigned    debug;          /* RTLD_DEBUG categories (DEBUG_*) */
    int         list;           /* --list: report the dependencies, run nothing */
    int         running;        /* the program runs: loads are dlopen's */
    int         prog_fd;        /* as a command, until the program runs: its
                                   file, still open (-1: none) */
};

extern struct rtld_config rtld_config;

/* A static buffer of a page or more: linked after the small variables of
 * rtld and musl (rtld/large-last.ld, rtld/musl/layout.ld), so that those
 * share a few pages and a start-up touches few of them (each touched page
 * is a page fault). */
#define RTLD_LARGE __attribute__((section(".bss.rtld_large")))

/* Print "rtld: FILE: MESSAGE" for err and exit with its status. */
__attribute__((noreturn)) void rtld_die(const struct load_error *err);
/* The same line, and go on. */
void rtld_report(const struct load_error *err);

/* RTLD_DEBUG=word,word,...: what rtld reports on stderr while linking.
 * "1" is the short form: the libraries found (and a glibc hand-off). */
enum {
    DEBUG_FOUND      = 1 << 0,  /* each library found, and where */
    DEBUG_SEARCH     = 1 << 1,  /* "libs": every path tried, too */
    DEBUG_RELOC      = 1 << 2,  /* "reloc": each object relocated */
    DEBUG_SYMBOLS    = 1 << 3,  /* "symbols": each symbol lookup */
    DEBUG_BINDINGS   = 1 << 4,  /* "bindings": each binding made */
    DEBUG_STATISTICS = 1 << 5,  /* "statistics": counts and time at the end */
};

/* Parse an RTLD_DEBUG value into DEBUG_* bits. */
unsigned rtld_debug_parse(const char *value);

/* Print "rtld: MESSAGE" on stderr when one of the categories is on; a
 * macro, so that the arguments cost nothing when none is (the usual case). */
#define rtld_debug(category, ...) \
    do { if (rtld_config.debug & (category)) rtld_trace(__VA_ARGS__); } while (0)
__attribute__((format(printf, 1, 2))) void rtld_trace(const char *fmt, ...);

/* Statistics kept for DEBUG_STATISTICS. */
struct rtld_stats {
    uint64_t relocs[64];        /* by type: slot reloc_slot(type) (reloc.h) */
    uint64_t lookups;
    uint64_t reloc_ns;
    uint64_t unresolved;        /* symbols reported missing at start-up */
};
extern struct rtld_stats rtld_stats;

/* Count one in a statistic: only a test while statistics are off. */
#define rtld_count(counter) \
    do { if (rtld_config.debug & DEBUG_STATISTICS) (counter)++; } while (0)

/* Load name (a DT_NEEDED string or a path) for needed_by (NULL: for
 * dlopen, searched as for the program), once; the new object is appended to
 * the load order.  NULL with err set on failure. */
struct dso *load_library(const char *name, struct dso *needed_by,
                         struct load_error *err);

/* The record of the file being opened, which a library search reuses:
 * the program's in command mode, opened before any library (its page is
 * the search's, one page fault for both). */
struct elf_file *load_file_record(void);

/* Load the DT_NEEDED of from and every later object, breadth first. */
int load_dependencies(struct dso *from, struct load_error *err);

/* Append d to the load order; is d in it? */
void dso_append(struct dso *d);
int dso_listed(const struct dso *d);

/* Put d at the end of the global scope (an initial object, or RTLD_GLOBAL),
 * unless it is in it; take d out of it (dlclose, unloading). */
void dso_make_global(struct dso *d);
void dso_leave_global(struct dso *d);

/* rtld's own object, which is also libc.so (main.c). */
extern struct dso *const dso_rtld;

/* Record the hashes of d's name and soname (after dso_parse). */
void dso_names_hashed(struct dso *d);

/* A loaded object by name, soname or path; NULL if none. */
struct dso *dso_find(const char *name);

/* The last object in load order. */
struct dso *dso_tail_get(void);

/* Free what describes d, an object loaded by dlopen and since unlinked. */
void dso_free(struct dso *d);

/* Unmap d's pages. */
void dso_unmap(const struct dso *d);

/* Keep d, an unloaded library (unlinked, destructors run), mapped for a
 * later dlopen of the same file; it forgets its state as loaded. */
void dso_keep(struct dso *d);

/* Remove d from the load order (and from what debuggers see); the objects
 * it needs lose a user. */
void dso_unlink(struct dso *d);

/* PT_GNU_RELRO of from and every later object: read-only; -1 with err set
 * when the kernel refuses. */
int protect_relro(struct dso *from, struct load_error *err);

#endif
