#include "alloc.h"
#include "arch.h"
#include "dso.h"
#include "musl/rtld_interface.h"
#include "symbols.h"
#include "tls_place.h"

static uint64_t next_id = 1;    /* above every id given so far */
static uint64_t instances;      /* modules given an id so far */

/* Ids of unloaded modules, to be given again (the latest first) */
struct free_id {
    struct free_id *next;
    uint64_t id;
};
static struct free_id *free_ids;

static void give_id(struct dso *d, uint64_t id)
{
    d->tls_id = id;
    d->tls_instance = ++instances;
}

void tls_dynamic_id(struct dso *d)
{
    struct free_id *f = free_ids;
    if (!f) {
        give_id(d, next_id++);
        return;
    }
    free_ids = f->next;
    give_id(d, f->id);
    rtld_free(f);
}

void tls_release_id(const struct dso *d)
{
    /* without memory for the note, the id is just not given again */
    struct free_id *f = rtld_alloc(sizeof *f);
    if (f) {
        *f = (struct free_id){ free_ids, d->tls_id };
        free_ids = f;
    }
    /* threads drop their blocks of the module at their next use of dynamic
     * TLS (rtld/musl/glue.c), seeing the unload count change: before the
     * id can be given again, as this runs under the dl lock */
    __atomic_fetch_add(&__rtld_interface.tls_generation, 1, __ATOMIC_RELEASE);
}

uint64_t tls_get_addr_function(void)
{
    struct symdef def;
    struct version_req none = { 0, 0 };
    if (lookup("__tls_get_addr", 0, &none, 0, 1, &def))
        return 0;
    return def.dso->base + def.sym->st_value;
}

/* Static blocks sit at a fixed offset from the thread pointer; a dynamic
 * one is found, or made, by libc's __tls_get_addr (ELF TLS §3.4), whose
 * offsets carry the CPU's DTP bias. */
void *tls_address(const struct dso *d, uint64_t off)
{
    if (d->tls_static)
        return (void *)(arch_thread_pointer() + tls_block_from_tp(d) + off);
    uint64_t get_addr = tls_get_addr_function();
    if (!get_addr)
        return 0;
    uint64_t index[2] = { d->tls_id, off - ARCH_DTP_OFFSET };
    return ((void *(*)(uint64_t *))get_addr)(index);
}

/* Place a block of size bytes with the given alignment, whose image is at
 * address image, after `used` bytes of static TLS; returns its tls_offset
 * and advances *used.  As in musl (ldso/dynlink.c), a block is aligned
 * like its image modulo its alignment, the thread pointer being aligned to
 * the largest alignment. */
static uint64_t tls_place(uint64_t *used, uint64_t size, uint64_t align, uint64_t image)
{
    if (ARCH_TLS_VARIANT == 1) {
        /* Variant I (Drepper §3.4.1, Figure 1): blocks above the thread
         * control block, the first module's nearest; the first block's
         * offset is the TCB size rounded up to its alignment, which is
         * what the static linker assumed for the program's own TLS. */
        uint64_t start = *used > ARCH_TLS_TCB_SIZE ? *used : ARCH_TLS_TCB_SIZE;
        uint64_t off = start + ((image - start) & (align - 1));
        *used = off + size;
        return off;
    }
    /* Variant II (§3.4.2, Figure 2): blocks below the thread pointer, the
     * first module's nearest; a block starts at TP - offset. */
    uint64_t off = *used + size + align - 1;
    off -= (off + image) & (align - 1);
    *used = off;
    return off;
}

void tls_layout(struct tls_static *out)
{
    out->cnt = out->size = 0;
    out->align = 1;
    for (struct dso *d = dso_head; d; d = d->next) {
        if (!d->tls_size)
            continue;
        give_id(d, ++out->cnt);
        d->tls_offset = tls_place(&out->size, d->tls_size, d->tls_align,
                                  (uint64_t)d->tls_image);
        d->tls_static = 1;
        if (d->tls_align > out->align)
            out->align = d->tls_align;
    }
    next_id = out->cnt + 1;
}
