/* Loading libraries: searching, mapping with the loader's validated
 * mapping code (libelfload), and reading their dynamic sections. */
#include "libsys/fmt.h"
#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "alloc.h"
#include "arch.h"
#include "debug.h"
#include "dso_list.h"
#include "elf_map.h"
#include "rtld.h"
#include "search_path.h"
#include "sigbus_guard.h"
#include "symbols.h"


/* Default directories after the search paths; musl reads
 * /etc/ld-musl-ARCH.path first, a list we honour the same way. */
static const char default_dirs[] = "/lib:/usr/local/lib:/usr/lib";
#define MUSL_PATH_FILE "/etc/ld-musl-" ARCH_MUSL_NAME ".path"

/* One library is searched for and opened at a time.  A search writes
 * each candidate's path, an open the file's record (~1.2 KiB): the record
 * and the first 2 KiB or more of the path share one page, one page fault
 * for both. */
RTLD_LARGE static struct {
    struct elf_file file;
    char path[SEARCH_PATH_MAX];
} lib __attribute__((aligned(4096)));
_Static_assert(__builtin_offsetof(__typeof__(lib), path) <= 2048, "a path's start beside the record");
RTLD_LARGE static struct elf_phdr_room lib_room;
static struct dso *dso_tail;
static size_t dso_number;

/* The loaded objects by the hashes of their name and soname.  A program
 * with many libraries asks for every DT_NEEDED of every library whether it
 * is loaded; walking the objects' records for each (one per page, in the
 * libraries' page ends) was a third of rtld's cache misses at 200
 * libraries.  Open addressing, at most half full: an object's slots follow
 * those of the objects before it with the same hash, so the first match is
 * the first in load order, as in the list.  Rebuilt from the list when it
 * is full or an object leaves the list. */
struct name_slot {
    uint32_t    hash;
    struct dso *d;
};
static struct name_slot *names;
static size_t names_cap, names_used;
static int names_stale = 1;

static void names_put(struct dso *d, uint32_t h)
{
    size_t i = h & (names_cap - 1);
    while (names[i].d)
        i = (i + 1) & (names_cap - 1);
    names[i] = (struct name_slot){ .hash = h, .d = d };
    names_used++;
}

static void names_add(struct dso *d)
{
    names_put(d, d->name_hash);
    if (d->soname && d->soname_hash != d->name_hash)
        names_put(d, d->soname_hash);
}

static void names_rebuild(void)
{
    size_t slots = 0;
    for (struct dso *d = dso_head; d; d = d->next)
        slots += 1 + (d->soname && d->soname_hash != d->name_hash);
    size_t cap = 16;
    while (cap < 2 * (slots + slots / 2 + 4))   /* at most half full, room to grow */
        cap *= 2;
    struct name_slot *t = rtld_alloc(cap * sizeof *t);     /* zeroed */
    if (!t)
        return;             /* still stale: the list is walked */
    rtld_free(names);
    names = t;
    names_cap = cap;
    names_used = 0;
    for (struct dso *d = dso_head; d; d = d->next)
        names_add(d);
    names_stale = 0;
}

size_t dso_count(void)
{
    return dso_number;
}

void dso_append(struct dso *d)
{
    d->global = 0;
    d->nodelete = !rtld_config.running;
    if (!rtld_config.running)           /* initial objects */
        dso_make_global(d);
    d->added_seq = ++dso_adds;
    dso_scope_changes++;
    dso_number++;
    dso_list_append(&dso_head, &dso_tail, d, offsetof(struct dso, next));
    if (!names_stale && 2 * (names_used + 2) <= names_cap)
        names_add(d);
    else
        names_stale = 1;        /* rebuilt larger at the next search */
    debug_link(d);
}

int dso_listed(const struct dso *d)
{
    return d->next || dso_tail == d;
}

static int named(const struct dso *d, const char *name, uint32_t h)
{
    return ((d->name_hash == h && !strcmp(d->name, name)) ||
            (d->soname && d->soname_hash == h && !strcmp(d->soname, name))) && !d->unloading;
}

/* Already loaded under this name or soname?  Objects being unloaded are
 * gone for every search: a new load gets a new copy. */
static struct dso *find_loaded_name(const char *name)
{
    uint32_t h = gnu_hash(name);
    if (names_stale)
        names_rebuild();
    if (!names_stale) {
        for (size_t i = h & (names_cap - 1); names[i].d; i = (i + 1) & (names_cap - 1))
            if (names[i].hash == h && named(names[i].d, name, h))
                return names[i].d;
        return NULL;
    }
    for (struct dso *d = dso_head; d; d = d->next)
        if (named(d, name, h))
            return d;
    return NULL;
}

/* musl's names for its C library, all served by rtld's own object, which
 * is our libc.so: its dynamic linker's, and "lib" + c, pthread, rt, m, dl,
 * util or xnet + "." (libc.so, libc.musl-x86_64.so.1, libm.so, ...), which
 * musl's load_library serves itself because it implements them all. */
static int is_musl_libc_name(const char *name)
{
    static const char *const parts[] = { "c.", "pthread.", "rt.", "m.", "dl.", "util.", "xnet." };
    if (!strcmp(name, "ld-musl-" ARCH_MUSL_NAME ".so.1"))
        return 1;
    if (strncmp(name, "lib", 3))
        return 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (!strncmp(name + 3, parts[i], strlen(parts[i])))
            return 1;
    return 0;
}

struct dso *dso_find(const char *name)
{
    if (is_musl_libc_name(name))
        return dso_listed(dso_rtld) ? dso_rtld : NULL;
    struct dso *d = find_loaded_name(name);
    for (struct dso *p = dso_head; p && !d; p = p->next)
        if (p->path && !p->unloading && !strcmp(p->path, name))
            d = p;
    return d && !d->missing ? d : NULL;
}

struct dso *dso_tail_get(void)
{
    return dso_tail;
}

void dso_unlink(struct dso *d)
{
    dso_leave_global(d);
    dso_scope_changes++;
    names_stale = 1;
    debug_unlink(d);
    dso_list_remove(&dso_head, &dso_tail, d, offsetof(struct dso, next));
    dso_number--;
    for (size_t i = 0; i < d->ndeps; i++)
        d->deps[i]->users--;
}

void dso_unmap(const struct dso *d)
{
    uint64_t start = d->map_lo & -rtld_config.pagesz;
    if (d->map_hi > start)
        sys_munmap((void *)start, d->map_hi - start);
}

/* Unloaded libraries kept mapped, the latest first.  dlclose has run their
 * destructors and forgotten them (no lookup, dl_iterate_phdr or debugger
 * sees them); a dlopen of the same file, unchanged since, takes one back
 * with its writable segments mapped afresh from the file, instead of
 * mapping it all again (dlopen and dlclose of one plugin, over and over, is
 * what plugin hosts do).  Their memory goes back to the system when more
 * than KEPT_MAX are kept, or their writable segments (the memory they may
 * have dirtied) exceed KEPT_DATA bytes: the oldest half at a time, adjacent
 * ones in one munmap; and all of them when a mapping fails for want of
 * memory or map slots. */
#define KEPT_MAX  128
#define KEPT_DATA (4ul << 20)
static struct dso *kept;
static unsigned nkept;
static uint64_t kept_data;

/* The bytes of d's writable segments. */
static uint64_t writable_bytes(const struct dso *d)
{
    uint64_t n = 0, page = rtld_config.pagesz;
    for (size_t i = 0; i < d->phnum; i++) {
        const Elf64_Phdr *p = &d->phdr[i];
        if (p->p_type == PT_LOAD && (p->p_flags & PF_W))
            n += ((p->p_vaddr + p->p_memsz + page - 1) & -page) - (p->p_vaddr & -page);
    }
    return n;
}

/* The pages d's mappings span */
static uint64_t kept_start(const struct dso *d) { return d->map_lo & -rtld_config.pagesz; }
static uint64_t kept_end(const struct dso *d)
{
    return (d->map_hi + rtld_config.pagesz - 1) & -rtld_config.pagesz;
}

/* Unmap and free all kept libraries but the latest `keep`. */
static void unmap_kept(unsigned keep)
{
    struct dso **at = &kept, *gone[KEPT_MAX + 1];
    for (unsigned i = 0; i < keep && *at; i++)
        at = &(*at)->gone_next;
    size_t n = 0;
    for (struct dso *d = *at; d; d = d->gone_next) {
        gone[n++] = d;
        kept_data -= writable_bytes(d);
    }
    *at = NULL;
    nkept -= n;
    for (size_t i = 1; i < n; i++)         /* by address */
        for (size_t j = i; j && gone[j - 1]->map_lo > gone[j]->map_lo; j--) {
            struct dso *t = gone[j];
            gone[j] = gone[j - 1];
            gone[j - 1] = t;
        }
    for (size_t i = 0; i < n;) {
        uint64_t start = kept_start(gone[i]), end = start;
        for (; i < n && kept_start(gone[i]) <= end; i++) {
            uint64_t hi = kept_end(gone[i]);
            end = hi > end ? hi : end;
            dso_free(gone[i]);
        }
        sys_munmap((void *)start, end - start);
    }
}

/* Unmap and free the kept library at *at. */
static void drop_kept(struct dso **at)
{
    struct dso *d = *at;
    *at = d->gone_next;
    nkept--;
    kept_data -= writable_bytes(d);
    sys_munmap((void *)kept_start(d), kept_end(d) - kept_start(d));
    dso_free(d);
}

void dso_keep(struct dso *d)
{
    rtld_free(d->deps);
    if (d->group && d->group[0] == d)
        rtld_free(d->group);
    memset(&d->deps, 0, sizeof *d - offsetof(struct dso, deps));
    d->gone_next = kept;
    kept = d;
    nkept++;
    kept_data += writable_bytes(d);
    while (nkept > KEPT_MAX || kept_data > KEPT_DATA)
        unmap_kept(nkept / 2);
}

/* The link to the kept library whose file f is, unchanged since it was
 * mapped (the same inode and modification time), or NULL.  Kept libraries
 * mapped from f's path whose file has changed since go: no dlopen of that
 * path takes them back, and one replaced by a rename would keep the old
 * file's blocks on disk as long as it stays mapped. */
static struct dso **kept_copy(const struct elf_file *f)
{
    for (struct dso **k = &kept; *k;) {
        if ((*k)->dev == f->dev && (*k)->ino == f->ino && (*k)->mtime_sec == f->mtime_sec &&
            (*k)->mtime_nsec == f->mtime_nsec)
            return k;
        if (!strcmp((*k)->path, f->path))
            drop_kept(k);
        else
            k = &(*k)->gone_next;
    }
    return NULL;
}

struct elf_file *load_file_record(void)
{
    return &lib.file;
}

/* The opened lib.file is a kept library's, unchanged since: map its
 * writable segments again (by the program headers checked when it was
 * first mapped: the file's were not read again) and take it back under
 * its new name. */
static struct dso *take_back(struct dso **at, const char *name, struct load_error *err)
{
    struct elf_file *f = &lib.file;
    struct dso *d = *at;
    *at = d->gone_next;
    nkept--;
    kept_data -= writable_bytes(d);
    char *path = rtld_strdup(f->path), *new_name = rtld_strdup(name);
    int failed = !path || !new_name;
    if (failed)
        load_fail(err, LOAD_EXIT_SYSTEM, "out of memory");
    else
        failed = elf_map_writable(f->fd, d->phdr, (int)d->phnum, rtld_config.pagesz, d->base,
                                  err);
    elf_file_close(f);
    if (failed) {
        rtld_free(path);
        rtld_free(new_name);
        dso_unmap(d);
        dso_free(d);
        load_error_file(err, f->path);
        return NULL;
    }
    if (d->name != d->path)
        rtld_free((void *)d->name);
    rtld_free((void *)d->path);
    rtld_free((void *)d->origin);       /* (its directory may differ now) */
    d->origin = NULL;
    d->path = path;
    d->name = new_name;
    dso_names_hashed(d);
    dso_append(d);
    return d;
}

void dso_free(struct dso *d)
{
    rtld_free((void *)d->origin);
    rtld_free((void *)d->path);
    if (d->name != d->path)
        rtld_free((void *)d->name);
    rtld_free((void *)d->phdr);
    rtld_free(d->deps);
    if (d->group && d->group[0] == d)
        rtld_free(d->group);
    rtld_free(d);
}

void dso_names_hashed(struct dso *d)
{
    d->name_hash = gnu_hash(d->name);
    d->soname_hash = d->soname ? gnu_hash(d->soname) : 0;
}

/* What a search was asked and what it found. */
struct attempt {
    struct load_error *err;
    int found;                  /* a file opened and is ours to map */
    struct dso **kept;          /* its kept copy's link, when it is one (kept_copy) */
    int bad;                    /* a file was found but unusable (err) */
};

/* Keep the first unusable candidate's problem for the error message. */
static void unusable(struct attempt *a, const struct load_error *e, const char *path)
{
    if (a->bad)
        return;
    *a->err = *e;
    load_error_file(a->err, path);
    a->bad = 1;
}

/* Open one candidate; a missing file, or one for another machine or class,
 * lets the search go on (as glibc's ld.so skips incompatible libraries). */
static int try_open(const char *path, void *ctx)
{
    struct attempt *a = ctx;
    RTLD_LARGE static struct load_error e;      /* one at a time, as lib.file */
    rtld_debug(DEBUG_SEARCH, "trying %s", path);
    if (elf_file_open_unread(&lib.file, path, NULL, &e)) {
        if (e.status != LOAD_EXIT_NOTFOUND)
            unusable(a, &e, path);
        return 0;
    }
    /* an unchanged kept library's headers were checked when it was mapped:
     * map_opened takes it back without reading them again */
    a->kept = kept_copy(&lib.file);
    if (!a->kept && (elf_file_read_head(&lib.file, &e) ||
                     elf_file_headers(&lib.file, &lib_room, rtld_config.pagesz, ELF_LIBRARY,
                                      &e))) {
        unusable(a, &e, path);
        elf_file_close(&lib.file);
        return 0;
    }
    a->found = 1;
    return 1;
}

static void read_path_file(char *buf, size_t cap)
{
    buf[0] = '\0';
    int fd = sys_open(MUSL_PATH_FILE, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    long n = sys_pread_full(fd, buf, cap - 1, 0);
    sys_close(fd);
    n = n < 0 ? 0 : n;
    /* entries are separated by newlines too; unlike LD_LIBRARY_PATH, an
     * empty one is no entry at all (musl's path_open skips them) */
    long len = 0;
    for (long i = 0; i < n; i++) {
        char c = buf[i] == '\n' ? ':' : buf[i];
        if (c != ':' || (len && buf[len - 1] != ':'))
            buf[len++] = c;
    }
    while (len && buf[len - 1] == ':')
        len--;
    buf[len] = '\0';
}

/* The target of a symbolic link (a /proc one), NUL-terminated; its length
 * or -errno. */
static long read_link(const char *link, char *out, size_t cap)
{
    long n = _syscall4(__NR_readlinkat, AT_FDCWD, (long)link, (long)out, (long)cap - 1);
    out[n > 0 ? n : 0] = '\0';
    return n;
}

/* Does real, a path with every link resolved, name what path names?
 * When both are the same absolute path, or real ends with a relative
 * path (less its leading "./"); otherwise maybe, which the caller takes
 * as no. */
static int same_path(const char *real, const char *path)
{
    if (path[0] != '/') {
        while (path[0] == '.' && path[1] == '/')
            path += 2;
        size_t n = strlen(real), k = strlen(path);
        return k < n && real[n - k - 1] == '/' && !strcmp(real + n - k, path);
    }
    return !strcmp(real, path);
}

/* The program's real path, symlinks resolved, in out: its length, or
 * <= 0.  The fewest system calls first: as a command rtld still holds the
 * program's file open; as its interpreter, /proc/self/exe is the program
 * (musl and glibc look there), unless our loader started it without
 * being allowed to say so, when it is the loader: taken only when it
 * agrees with the program's path.  Else the file that path names, and for
 * fexecve's program (the kernel names it /dev/fd/N, fs/exec.c, a
 * descriptor closed by now) /proc/self/exe after all. */
static long program_real_path(const char *path, char *out, size_t cap)
{
    char fdpath[32];
    long n;
    if (rtld_config.prog_fd >= 0) {
        fmt_format(fdpath, sizeof fdpath, "/proc/self/fd/%d", rtld_config.prog_fd);
        if ((n = read_link(fdpath, out, cap)) > 0)
            return n;
    }
    long exe = read_link("/proc/self/exe", out, cap);
    if (exe > 0 && same_path(out, path))
        return exe;
    int fd = sys_open(path, O_PATH | O_CLOEXEC);
    if (fd >= 0) {
        fmt_format(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
        n = read_link(fdpath, out, cap);
        sys_close(fd);
        if (n > 0)
            return n;
    }
    return strncmp(path, "/dev/fd/", 8) ? -1 : read_link("/proc/self/exe", out, cap);
}

/* $ORIGIN in d's search paths: the directory of its file; for the program,
 * of its real path, not a symlink it was started through (read into
 * scratch, SEARCH_PATH_MAX bytes).  Found once and kept; NULL where its
 * paths do not use it, in secure mode (ld.so(8): no $ORIGIN there), or
 * without memory. */
static const char *origin_of(struct dso *d, char *scratch)
{
    if (rtld_config.secure)
        return NULL;
    if (d->origin || !((d->rpath && strchr(d->rpath, '$')) ||
                       (d->runpath && strchr(d->runpath, '$'))))
        return d->origin;
    const char *file = d->path;
    if (d->is_main && program_real_path(d->path, scratch, SEARCH_PATH_MAX) > 0)
        file = scratch;
    size_t cap = strlen(file) + 2;      /* (a name without '/': ".") */
    char *origin = rtld_alloc(cap);
    if (origin)
        search_path_origin(file, origin, cap);
    return d->origin = origin;
}

static int search(const char *name, struct dso *by, struct attempt *a)
{
    RTLD_LARGE static char path_file[4096];
    static int path_file_read;
    const char *org = origin_of(by, lib.path);
    struct dso *main = dso_head;
    int main_rpath = !by->runpath && main != by && !main->runpath;    /* is searched */
    if (!by->runpath) {
        if (search_path_each(by->rpath, ':', name, org, lib.path, try_open, a))
            return 1;
        if (main_rpath &&
            search_path_each(main->rpath, ':', name, origin_of(main, lib.path), lib.path,
                             try_open, a))
            return 1;
    }
    if (search_path_each(rtld_config.library_path, ':', name, NULL, lib.path, try_open, a) ||
        search_path_each(by->runpath, ':', name, org, lib.path, try_open, a))
        return 1;
    /* Where glibc stops, musl's linker goes on with the paths of the
     * objects that loaded this one, up to the program (each's DT_RUNPATH,
     * else DT_RPATH: ldso/dynlink.c load_library's needed_by chain), before
     * the default directories: so does rtld, so that what runs under
     * musl's linker finds its libraries (a program's DT_RUNPATH holding
     * its libraries' dependencies too), the program's DT_RPATH only when
     * not searched already. */
    for (struct dso *p = by->loader; p; p = p->loader)
        if (!(p == main && main_rpath) &&
            search_path_each(p->runpath ? p->runpath : p->rpath, ':', name,
                             origin_of(p, lib.path), lib.path, try_open, a))
            return 1;
    if (!path_file_read) {
        read_path_file(path_file, sizeof path_file);
        path_file_read = 1;
    }
    return search_path_each(path_file[0] ? path_file : NULL, ':', name, NULL, lib.path,
                            try_open, a) ||
           search_path_each(default_dirs, ':', name, NULL, lib.path, try_open, a);
}

/* The struct dso of f, mapped at bias, checked for what rtld refuses. */
static struct dso *describe_mapped(const struct elf_file *f, uint64_t bias, const char *name,
                                   struct load_error *err)
{
    struct dso *d = rtld_alloc(sizeof *d);
    Elf64_Phdr *ph;
    if (!d || !(d->phdr = ph = rtld_alloc(f->head.eh.e_phnum * sizeof *ph)) ||
        !(d->path = rtld_strdup(f->path)) || !(d->name = rtld_strdup(name))) {
        load_fail(err, LOAD_EXIT_SYSTEM, "out of memory");
        goto fail;
    }
    memcpy(ph, f->ph, f->head.eh.e_phnum * sizeof *ph);
    d->phnum = f->head.eh.e_phnum;
    d->base = bias;
    d->dev = f->dev;
    d->ino = f->ino;
    d->mtime_sec = f->mtime_sec;
    d->mtime_nsec = f->mtime_nsec;
    if (dso_parse(d, err))
        goto fail;
    dso_names_hashed(d);
    if (d->textrel) {
        load_fail(err, LOAD_EXIT_NOEXEC, "has text relocations, which rtld refuses");
        goto fail;
    }
    return d;
fail:
    if (d)
        dso_free(d);
    return NULL;
}

/* RTLD_DEBUG=1: a library found, for whom. */
static void report_found(const char *name, const char *path, const struct dso *needed_by)
{
    if (!needed_by)
        rtld_debug(DEBUG_FOUND, "%s => %s (dlopen)", name, path);
    else
        rtld_debug(DEBUG_FOUND, "%s => %s (needed by %s)", name, path, needed_by->path);
}

/* libc.so is rtld's own object: no file to open.  It joins the load order
 * where it is first needed, as musl's linker does with itself.  name is
 * the DT_NEEDED string that named it first (of an object never unloaded)
 * or a constant. */
static struct dso *rtld_as_libc(const char *name)
{
    struct dso *self = dso_rtld;
    if (!dso_listed(self)) {
        self->as_libc = 1;
        self->name = name;
        dso_names_hashed(self);
        dso_append(self);
    }
    return self;
}

/* Is d a C library?  Any defines __libc_start_main and stdin (musl's own
 * test, ldso/dynlink.c load_library, which catches glibc's too). */
static const Elf64_Sym *defines(const struct dso *d, const char *name, uint32_t *hash)
{
    struct version_req none = { NULL, 0 };
    if (!*hash)
        *hash = gnu_hash(name);     /* once: every library is asked */
    return dso_lookup(d, name, *hash, &none, 1);
}

static int is_c_library(const struct dso *d)
{
    static uint32_t start_hash, stdin_hash;
    return defines(d, "__libc_start_main", &start_hash) && defines(d, "stdin", &stdin_hash);
}

static void unmap_new(const struct elf_file *f, uint64_t bias)
{
    sys_munmap((void *)(bias + f->info.lo), f->info.hi - f->info.lo);
}

/* The largest gap of a library (dso_each_gap). */
struct largest {
    uint64_t start, end;
};

static void keep_largest(uint64_t start, uint64_t end, void *ctx)
{
    struct largest *l = ctx;
    if (end - start > l->end - l->start)
        *l = (struct largest){ start, end };
}

/* A library loaded at start-up stays: rtld's next records can use the
 * unused end of its pages, which the mapping has touched anyway, rather
 * than pages of their own (what is left goes to malloc later). */
static void spare_gaps(struct dso *d)
{
    struct largest l = { 0, 0 };
    dso_each_gap(d, rtld_config.pagesz, keep_largest, &l);
    if (l.end > l.start) {
        d->gap_used_lo = l.start;
        rtld_alloc_spare(l.start, l.end, &d->gap_used_hi);
    }
}

/* Map the opened lib.file and describe it, or take back its kept copy
 * (kept: try_open's finding).  rtld is the C library: any
 * other (musl's own under any name or path, rtld's file itself or a copy,
 * glibc's) would be a second, uninitialised libc, so rtld stands in for
 * it, as musl's linker stands in for it. */
static struct dso *map_opened(const char *name, struct dso **kept, struct dso *loader,
                              struct load_error *err)
{
    struct elf_file *f = &lib.file;
    uint64_t bias;
    struct dso *d;

    for (d = dso_head; d; d = d->next)
        if (d->dev == f->dev && d->ino == f->ino && !d->unloading) {
            elf_file_close(f);
            return d;       /* the same file under another name */
        }
    if (kept) {
        d = take_back(kept, name, err);
        if (d)
            d->loader = loader;
        return d;
    }
    if (f->info.type != ET_DYN) {
        elf_file_close(f);
        load_fail(err, LOAD_EXIT_NOEXEC, "not a shared object");
        load_error_file(err, f->path);
        return NULL;
    }
    if (!rtld_config.running)
        sigbus_guard_start();   /* from here on, the file is mapped */
    int failed = elf_map(f, rtld_config.pagesz, &bias, err);
    if (failed && err->status == LOAD_EXIT_SYSTEM && nkept) {
        unmap_kept(0);          /* no memory or map slots: give back what is kept */
        failed = elf_map(f, rtld_config.pagesz, &bias, err);
    }
    if (failed) {
        elf_file_close(f);
        load_error_file(err, f->path);
        return NULL;
    }
    elf_file_close(f);
    d = describe_mapped(f, bias, name, err);
    if (!d) {       /* a failed dlopen must not leave the mapping behind */
        unmap_new(f, bias);
        load_error_file(err, f->path);
        return NULL;
    }
    if (is_c_library(d)) {
        dso_free(d);
        unmap_new(f, bias);
        return rtld_as_libc("libc.so");
    }
    d->loader = loader;
    dso_append(d);
    if (!rtld_config.running)
        spare_gaps(d);
    return d;
}

struct dso *load_library(const char *name, struct dso *needed_by,
                         struct load_error *err)
{
    struct dso *d = find_loaded_name(name);     /* libc.so too, once listed */
    if (d)
        return d;
    if (is_musl_libc_name(name)) {
        if (!dso_listed(dso_rtld))
            report_found(name, dso_rtld->path, needed_by);
        return rtld_as_libc(name);
    }
    struct attempt a = { .err = err };
    if (strchr(name, '/'))
        try_open(name, &a);
    else
        search(name, needed_by ? needed_by : dso_head, &a);
    if (!a.found) {
        if (!a.bad && !needed_by)
            load_fail(err, LOAD_EXIT_NOTFOUND, "library %s not found", name);
        else if (!a.bad)
            load_fail(err, LOAD_EXIT_NOTFOUND, "library %s needed by %s not found",
                      name, needed_by->path);
        return NULL;
    }
    report_found(name, lib.file.path, needed_by);
    return map_opened(name, a.kept, needed_by ? needed_by : dso_head, err);
}

/* --list goes on past a missing library and shows it as "not found". */
static struct dso *missing_placeholder(const char *name)
{
    struct dso *d = rtld_alloc(sizeof *d);
    if (!d)
        return NULL;
    d->name = d->path = name;
    d->missing = 1;
    dso_names_hashed(d);
    dso_append(d);
    return d;
}

static int load_each(struct dso *from, struct load_error *err)
{
    for (struct dso *d = from; d; d = d->next) {
        if (!d->dynamic || d->is_rtld || d->missing || d->deps)
            continue;
        size_t n = 0;
        for (const Elf64_Dyn *dyn = d->dynamic; dyn->d_tag != DT_NULL; dyn++)
            n += dyn->d_tag == DT_NEEDED;
        d->deps = rtld_alloc((n ? n : 1) * sizeof *d->deps);
        if (!d->deps)
            return load_fail(err, LOAD_EXIT_SYSTEM, "out of memory");
        for (const Elf64_Dyn *dyn = d->dynamic; dyn->d_tag != DT_NULL; dyn++) {
            if (dyn->d_tag != DT_NEEDED)
                continue;
            if (dyn->d_val >= d->strsz) {
                load_fail(err, LOAD_EXIT_NOEXEC, "DT_NEEDED names a string outside the string table");
                load_error_file(err, d->path);
                return -1;
            }
            struct dso *dep = load_library(d->strtab + dyn->d_val, d, err);
            if (!dep && rtld_config.list && err->status == LOAD_EXIT_NOTFOUND)
                dep = missing_placeholder(d->strtab + dyn->d_val);
            if (!dep)
                return -1;
            d->deps[d->ndeps++] = dep;
            dep->users++;
        }
    }
    return 0;
}

int load_dependencies(struct dso *from, struct load_error *err)
{
    int r = load_each(from, err);
    /* who loaded whom matters to this load's searches only: no pointer is
     * left to an object a later dlclose frees */
    for (struct dso *d = from; d; d = d->next)
        d->loader = NULL;
    return r;
}
