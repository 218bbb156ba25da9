#include "debug.h"
#include "dso.h"

/* struct r_debug, <link.h> */
struct r_debug {
    int r_version;
    struct link_map *r_map;
    uint64_t r_brk;
    enum { RT_CONSISTENT, RT_ADD, RT_DELETE } r_state;
    uint64_t r_ldbase;
};

extern const char __ehdr_start[] __attribute__((visibility("hidden")));

__attribute__((visibility("default")))
struct r_debug _r_debug;

/* Empty, never inlined: debuggers put their breakpoint here. */
__attribute__((visibility("default"), noinline))
void _dl_debug_state(void)
{
    __asm__ volatile("" ::: "memory");
}

/* The program's DT_DEBUG entry is where a debugger finds _r_debug. */
static void fill_dt_debug(struct dso *main)
{
    for (Elf64_Dyn *d = (Elf64_Dyn *)main->dynamic; d && d->d_tag != DT_NULL; d++)
        if (d->d_tag == DT_DEBUG)
            d->d_val = (uint64_t)&_r_debug;
}

void debug_deleting(void)
{
    _r_debug.r_state = RT_DELETE;
    _dl_debug_state();
}

void debug_link(struct dso *d)
{
    struct link_map *prev = d->prev ? &d->prev->lm : NULL;
    d->lm = (struct link_map){ d->base, d->is_main ? "" : d->path, d->dynamic, NULL, prev };
    if (prev)
        prev->l_next = &d->lm;
    else
        _r_debug.r_map = &d->lm;
}

void debug_unlink(struct dso *d)
{
    if (d->lm.l_prev)
        d->lm.l_prev->l_next = d->lm.l_next;
    else
        _r_debug.r_map = d->lm.l_next;
    if (d->lm.l_next)
        d->lm.l_next->l_prev = d->lm.l_prev;
}

void debug_publish(void)
{
    _r_debug.r_version = 1;
    _r_debug.r_brk = (uint64_t)_dl_debug_state;
    _r_debug.r_ldbase = (uint64_t)__ehdr_start;
    _r_debug.r_state = RT_ADD;
    _dl_debug_state();
    static int dt_debug_set;    /* once, before RELRO makes it read-only */
    if (dso_head && !dt_debug_set) {
        fill_dt_debug(dso_head);
        dt_debug_set = 1;
    }
    _r_debug.r_state = RT_CONSISTENT;
    _dl_debug_state();
}
