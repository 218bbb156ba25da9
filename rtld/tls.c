#include "arch.h"
#include "dso.h"
#include "symbols.h"
#include "tls_place.h"

static uint64_t next_id = 1;

uint64_t tls_dynamic_id(void)
{
    return next_id++;
}

/* Static blocks sit at a fixed offset from the thread pointer; a dynamic
 * one is found, or made, by libc's __tls_get_addr (ELF TLS §3.4). */
void *tls_address(const struct dso *d, uint64_t off)
{
    if (d->tls_offset)
        return (void *)(arch_thread_pointer() - d->tls_offset + off);
    struct symdef def;
    struct version_req none = { 0, 0 };
    if (lookup("__tls_get_addr", 0, &none, 0, 1, &def))
        return 0;
    uint64_t index[2] = { d->tls_id, off };
    return ((void *(*)(uint64_t *))(def.dso->base + def.sym->st_value))(index);
}

void tls_layout(struct tls_static *out)
{
    out->cnt = out->size = 0;
    out->align = 1;
    for (struct dso *d = dso_head; d; d = d->next) {
        if (!d->tls_size)
            continue;
        d->tls_id = ++out->cnt;
        d->tls_offset = arch_tls_place(&out->size, d->tls_size, d->tls_align,
                                       (uint64_t)d->tls_image);
        if (d->tls_align > out->align)
            out->align = d->tls_align;
    }
    next_id = out->cnt + 1;
}
