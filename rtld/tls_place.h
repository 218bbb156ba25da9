/* Static TLS layout: which module gets which id and place (ELF TLS). */
#ifndef TLS_PLACE_H
#define TLS_PLACE_H

#include <stdint.h>
#include "arch.h"
#include "dso.h"

struct tls_static {
    uint64_t cnt;       /* modules with static blocks */
    uint64_t size;      /* musl's tls_offset: bytes below the thread pointer
                           (variant II), or the end of the blocks above it
                           (variant I) */
    uint64_t align;     /* largest block alignment */
};

/* Give every loaded object with PT_TLS a module id (load order, from 1) and
 * a place in the static block (d->tls_offset, d->tls_static). */
void tls_layout(struct tls_static *out);

/* Give d, loaded later (dlopen), a module id: no static place, its blocks
 * are made per thread on first use (__tls_get_addr in our libc).  The id
 * of a module unloaded since is given again, so that a host that reloads
 * a plugin keeps its threads' dtvs small; d->tls_instance, new for every
 * module, tells a thread's block of the old module from one of d's. */
void tls_dynamic_id(struct dso *d);

/* d, whose TLS module id was given by tls_dynamic_id, is unloaded: its id
 * may be given again, and the unload count (tls_generation) goes up.
 * Under the dl lock. */
void tls_release_id(const struct dso *d);

/* Where a module's static block starts, relative to the thread pointer:
 * d->tls_offset is musl's struct tls_module offset, the thread pointer
 * minus the block's start in TLS variant II (Drepper §3.4.2) and the
 * block's start minus the thread pointer in variant I (§3.4.1).  A TPOFF
 * relocation's value is this plus the variable's offset in the block. */
static inline uint64_t tls_block_from_tp(const struct dso *d)
{
    return ARCH_TLS_VARIANT == 1 ? d->tls_offset : -d->tls_offset;
}

/* Address, in the calling thread, of offset off in d's TLS block. */
void *tls_address(const struct dso *d, uint64_t off);

/* Our libc's __tls_get_addr, or 0 when libc.so is not loaded. */
uint64_t tls_get_addr_function(void);

#endif
