/* What rtld exports to our musl libc.so (musl/rtld_interface.h). */
#include "arch.h"
#include "alloc.h"
#include "dl.h"
#include "dso.h"
#include "elf_validate.h"
#include "init_fini.h"
#include "interface.h"
#include "lock.h"
#include "musl/rtld_interface.h"
#include "rtld.h"
#include "symbols.h"
#include "tls_place.h"

__attribute__((visibility("default")))
struct rtld_interface __rtld_interface;

/* struct dl_phdr_info as <link.h> defines it for 64-bit targets */
struct phdr_info {
    uint64_t dlpi_addr;
    const char *dlpi_name;
    const Elf64_Phdr *dlpi_phdr;
    uint16_t dlpi_phnum;
    unsigned long long dlpi_adds, dlpi_subs;
    size_t dlpi_tls_modid;
    void *dlpi_tls_data;
};

struct phdr_walk {
    int (*cb)(void *info, size_t size, void *data);
    void *data;
};

static int phdr_of(const struct dso *d, void *ctx)
{
    const struct phdr_walk *w = ctx;
    struct phdr_info info = {
        .dlpi_addr = d->base,
        .dlpi_name = d->is_main ? "" : d->path,
        .dlpi_phdr = d->phdr,
        .dlpi_phnum = (uint16_t)d->phnum,
        .dlpi_adds = dso_adds,
        .dlpi_subs = dso_subs,
        .dlpi_tls_modid = d->tls_id,
        /* the calling thread's block: in static TLS, or one it made */
        .dlpi_tls_data = d->tls_static ? tls_address(d, 0)
                       : d->tls_id && __rtld_interface.tls_block
                       ? __rtld_interface.tls_block(d->tls_id, d->tls_instance) : 0,
    };
    return w->cb(&info, sizeof info, w->data);
}

/* The vDSO, after the objects, as musl lists it (glibc lists it too):
 * unwinders find its frames' tables through it.  Its bias is that of its
 * PT_LOAD, the one mapping of its file from offset 0 (the kernel's
 * vdso.lds.S), named "" as musl names it. */
static int vdso_phdr(const struct phdr_walk *w)
{
    const Elf64_Ehdr *eh = rtld_config.vdso;
    const Elf64_Phdr *ph = elf_vdso_phdrs(eh);
    if (!ph)
        return 0;
    struct phdr_info info = { .dlpi_addr = (uint64_t)eh, .dlpi_name = "", .dlpi_phdr = ph,
                              .dlpi_phnum = eh->e_phnum, .dlpi_adds = dso_adds,
                              .dlpi_subs = dso_subs };
    for (unsigned i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD) {
            info.dlpi_addr = (uint64_t)eh + ph[i].p_offset - ph[i].p_vaddr;
            break;
        }
    return w->cb(&info, sizeof info, w->data);
}

static int iterate_phdr(int (*cb)(void *info, size_t size, void *data), void *data)
{
    struct phdr_walk w = { cb, data };
    int r = dl_each_object(phdr_of, &w);
    return r ? r : vdso_phdr(&w);
}

/* musl's fork() calls __ldso_atfork (rtld/musl/glue.c) around the fork
 * when threads exist: take rtld's locks before (-1), so that no other
 * thread holds them when the process is copied, and release them after,
 * in the parent (0) and in the child (1), as dynlink.c does. */
static void atfork(int who)
{
    if (who < 0) {
        dl_lock();
        init_fini_atfork(who);
    } else {
        init_fini_atfork(who);
        if (who)
            dl_walks_forked();
        dl_unlock();
    }
}

/* Does name resolve, in the global scope, to something other than libc? */
static int replaced(const char *name)
{
    struct symdef def;
    struct version_req none = { NULL, 0 };
    return !lookup(name, NULL, &none, 0, 1, &def) && !def.dso->is_rtld;
}

/* What rtld's allocator left of d's gaps goes to give. */
struct reclaim {
    const struct dso *d;
    void (*give)(char *, char *);
};

static void reclaim_gap(uint64_t start, uint64_t end, void *ctx)
{
    const struct reclaim *r = ctx;
    if (start == r->d->gap_used_lo && r->d->gap_used_hi)
        start = r->d->gap_used_hi;      /* rtld took the gap's beginning */
    if (start < end)
        r->give((char *)start, (char *)end);
}

static void reclaim_object(const struct dso *d, void (*give)(char *, char *))
{
    struct reclaim r = { d, give };
    dso_each_gap(d, rtld_config.pagesz, reclaim_gap, &r);
}

/* In musl's order (dynlink.c __dls3, load_library): the program, the
 * linker (and libc), then the libraries as they were loaded. */
void __rtld_reclaim_gaps(void (*give)(char *start, char *end))
{
    rtld_alloc_spare(0, 0, NULL);       /* what is left of the gaps is malloc's */
    reclaim_object(dso_head, give);
    reclaim_object(dso_rtld, give);
    for (struct dso *d = dso_head->next; d; d = d->next)
        if (!d->missing && !d->dlopened && !d->is_rtld)
            reclaim_object(d, give);
}

static void *initial_tls(size_t size)
{
    void *p = rtld_alloc(size);     /* zeroed: fresh memory, never reused */
    if (!p) {
        struct load_error err;
        load_fail(&err, LOAD_EXIT_SYSTEM, "cannot allocate %zu bytes of thread-local storage",
                  size);
        load_error_file(&err, dso_head->path);
        rtld_die(&err);
    }
    return p;
}

int interface_fill(const struct tls_static *tls)
{
    struct rtld_tls_module *m = rtld_alloc((tls->cnt ? tls->cnt : 1) * sizeof *m);
    if (!m)
        return -1;
    for (struct dso *d = dso_head; d; d = d->next) {
        if (d->tls_id)
            m[d->tls_id - 1] = (struct rtld_tls_module){
                d->tls_image, d->tls_len, d->tls_size, d->tls_align, d->tls_offset,
                d->tls_instance };
    }
    __rtld_interface = (struct rtld_interface){
        .version = RTLD_INTERFACE_VERSION,
        .size = sizeof __rtld_interface,
        .tls_cnt = tls->cnt,
        .tls_size = tls->size,
        .tls_align = tls->align,
        .tls = m,
        .run_constructors = run_constructors,
        .run_destructors = run_destructors,
        .iterate_phdr = iterate_phdr,
        .malloc_replaced = replaced("malloc"),
        .aligned_alloc_replaced = replaced("aligned_alloc"),
        .dlopen = dl_open,
        .dlsym = dl_sym,
        .dlclose = dl_close,
        .dladdr = (int (*)(const void *, void *))dl_addr,
        .valid_handle = dl_valid_handle,
        .tls_module = dl_tls_module,
        .initial_tls = initial_tls,
        .atfork = atfork,
    };
    return 0;
}
