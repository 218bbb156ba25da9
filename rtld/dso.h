/* A loaded object -- the program, a library, rtld itself -- and what its
 * dynamic section says about it.  All pointers are run-time addresses. */
#ifndef DSO_H
#define DSO_H

#include <stddef.h>
#include <stdint.h>
#include "libsys/elf_defs.h"

/* struct link_map as <link.h> and debuggers (gdb's solib-svr4) know it. */
struct link_map {
    uint64_t l_addr;                /* load bias */
    const char *l_name;             /* path; "" for the program */
    const Elf64_Dyn *l_ld;          /* dynamic section */
    struct link_map *l_next, *l_prev;
};

struct dso {
    struct link_map lm;             /* what debuggers walk (rtld/debug.c) */
    /* the DT_GNU_HASH Bloom filter (see gnu_hash_parse in dso_parse.c; one
     * word of ones without the table), which the global scope's array
     * copies (symbols.c) */
    const uint64_t *gh_bloom;
    uint32_t    gh_bloom_mask, gh_shift;
    struct dso *next, *prev;        /* load order: program, then breadth first */
    struct dso *global_next, *global_prev;  /* the global scope: see dso_global_head */
    const char *name;               /* as named by DT_NEEDED, or the path */
    const char *path;               /* the file it was loaded from */
    const char *origin;             /* $ORIGIN, once its search paths needed it */
    struct dso *loader;             /* while the load that brought it in lasts
                                       (load_dependencies): the object that
                                       needed it, the program for dlopen and
                                       preloads, whose search paths its own
                                       dependencies may use (load.c search) */
    uint64_t    base;               /* load bias */
    uint64_t    map_lo, map_hi;     /* the pages it occupies */
    const Elf64_Phdr *phdr;
    size_t      phnum;
    const Elf64_Dyn *dynamic;
    uint64_t    dev, ino;           /* to load a file only once */
    uint64_t    gap_used_lo, gap_used_hi;   /* what rtld's allocator took of the
                                               object's page ends (start-up) */

    /* from the dynamic section */
    const char     *strtab;
    size_t          strsz;
    const Elf64_Sym *symtab;
    size_t          nsyms;
    const uint32_t *hash, *gnu_hash;
    /* the rest of DT_GNU_HASH, decoded once */
    uint32_t    gh_nbuckets, gh_symoffset;
    const uint32_t *gh_buckets, *gh_chain;
    uint32_t    name_hash, soname_hash;     /* gnu_hash of name and soname */
    const uint16_t *versym;
    const Elf64_Verdef *verdef;
    const Elf64_Verneed *verneed;
    uint64_t rela, relasz, rel, relsz, relr, relrsz, jmprel, pltrelsz;
    int      pltrel_is_rela;
    uint64_t init, fini, init_array, init_arraysz, fini_array, fini_arraysz,
             preinit_array, preinit_arraysz;
    const char *rpath, *runpath, *soname;
    int      textrel, symbolic;
    /* PT_TLS (ELF TLS, Drepper §2): the image and the block's size */
    const void *tls_image;
    uint64_t    tls_len, tls_size, tls_align;
    uint64_t    mtime_sec, mtime_nsec;  /* the file's, when it was mapped */

    /* What follows is the object's state as loaded, not its file's: an
     * unloaded library kept mapped for reuse forgets all of it (load.c). */
    struct dso **deps;              /* direct DT_NEEDED, in order */
    size_t      ndeps;
    unsigned    users;              /* loaded objects whose deps list this one */

    /* TLS module id, and the place in the static block (ELF TLS §2;
     * tls_place.h) when tls_static; which module given an id this is (ids
     * of unloaded modules are given again, instances never) */
    size_t      tls_id;
    uint64_t    tls_instance;
    uint64_t    tls_offset;
    int         tls_static;

    /* run-time loading (dl.c) */
    unsigned    refcnt;             /* dlopen calls not yet dlclosed */
    struct dso **group;             /* a handle's scope: its closure, owned by
                                       group[0]; the root's while relocating */
    size_t      ngroup;
    struct dso *gone_next;          /* unloading together (dl.c); kept
                                       mapped after unloading (load.c) */
    uint64_t    unlinked_seq;       /* unlinked as the how-manyth (dl.c) */
    unsigned long long added_seq;   /* dso_adds when it joined the load order */

    /* scratch of walks over the dependency graph, under the dl lock */
    struct dso *walk_next, *work_next;
    size_t      next_dep;
    unsigned    inner;              /* users among the walked objects */
    unsigned char mark;

    /* constructors and destructors (init_fini.c), under the init/fini lock */
    unsigned long ctor_visitor;     /* the thread running the constructors */
    unsigned char init_state;
    struct dso *fini_next, *fini_prev;
    uint64_t    fini_seq;           /* when the constructors started */

    unsigned    is_main : 1,
                is_rtld : 1,    /* rtld's own object, which is also libc.so */
                as_libc : 1,    /* ... and a DT_NEEDED (or dlopen) named it */
                relocated : 1,
                missing : 1,    /* --list: a DT_NEEDED that was not found */
                global : 1,     /* in the global scope (initial, RTLD_GLOBAL;
                                   not once unloading) */
                nodelete : 1,   /* never unloaded (initial, RTLD_NODELETE) */
                dlopened : 1,   /* loaded by dlopen */
                unloading : 1;  /* dlclose is destroying it: hidden from
                                   lookups by name, file and symbol */
};

/* Each list's pair of fields, next then prev (dso_list.h) */
_Static_assert(offsetof(struct dso, prev) == offsetof(struct dso, next) + sizeof(struct dso *),
               "load order links");
_Static_assert(offsetof(struct dso, global_prev) ==
               offsetof(struct dso, global_next) + sizeof(struct dso *), "global scope links");
_Static_assert(offsetof(struct dso, fini_prev) ==
               offsetof(struct dso, fini_next) + sizeof(struct dso *), "destructor links");

/* The objects, in load order. */
extern struct dso *dso_head;

/* The global scope, in the order objects joined it (musl's syms_next list,
 * glibc's main map scope): the initial objects in load order, then each
 * dlopen with RTLD_GLOBAL adds its object and dependencies not yet in it,
 * the object first, so that one loaded earlier without RTLD_GLOBAL comes
 * after those that joined before it. */
extern struct dso *dso_global_head;

/* Changes whenever an object joins or leaves the global scope: whoever
 * changes dso_head's list or an object's `global` counts it here (the
 * global scope's array, symbols.c, is then rebuilt). */
extern unsigned long dso_scope_changes;

/* How many objects are loaded. */
size_t dso_count(void);

/* Objects ever added and removed (dl_iterate_phdr's dlpi_adds/dlpi_subs). */
extern unsigned long long dso_adds, dso_subs;

/* Is [addr, addr + len) inside one of the object's PT_LOAD segments? */
int dso_contains(const struct dso *d, uint64_t addr, uint64_t len);

/* The same, remembering the segment found (and its p_flags), so that loops
 * over nearby addresses search the program headers rarely.  Start with
 * SEG_CACHE_EMPTY. */
struct seg_cache {
    uint64_t start, end;
    uint32_t flags;
};
#define SEG_CACHE_EMPTY { 1, 0, 0 }
/* [addr, addr + len) inside the cached segment: dso_contains_cached's
 * common case, inline for the per-relocation checks. */
static inline int seg_cache_holds(const struct seg_cache *seg, uint64_t addr, uint64_t len)
{
    return addr >= seg->start && addr <= seg->end && len <= seg->end - addr;
}
int dso_contains_cached(const struct dso *d, uint64_t addr, uint64_t len, struct seg_cache *seg);

/* The unused parts of the pages of d's writable segments -- before a
 * segment, after its end --, less the pages RELRO makes read-only and an
 * end in a page of .bss alone: fn for each (musl's dynlink.c reclaim_gaps
 * gives them to malloc). */
void dso_each_gap(const struct dso *d, uint64_t pagesz,
                  void (*fn)(uint64_t start, uint64_t end, void *ctx), void *ctx);

/* Is addr inside an executable PT_LOAD of d (code rtld may call)? */
int dso_executable(const struct dso *d, uint64_t addr);

/* Fill phdr-derived fields and parse the dynamic section; on a malformed
 * one, return -1 with err set. */
struct load_error;
int dso_parse(struct dso *d, struct load_error *err);

#endif
