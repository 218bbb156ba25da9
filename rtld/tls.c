#include "dso.h"
#include "tls_place.h"

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
}
