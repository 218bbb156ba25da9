/* Static TLS layout: which module gets which id and place (ELF TLS). */
#ifndef TLS_PLACE_H
#define TLS_PLACE_H

#include <stdint.h>

/* Place a block of size bytes with the given alignment, whose image is at
 * address image, after `used` bytes of static TLS; returns its offset as
 * the TPOFF relocations and __tls_get_addr of this CPU's variant expect
 * (arch/<cpu>/tls_*.c) and advances *used. */
uint64_t arch_tls_place(uint64_t *used, uint64_t size, uint64_t align, uint64_t image);

struct tls_static {
    uint64_t cnt, size, align;
};

/* Give every loaded object with PT_TLS a module id (load order, from 1) and
 * a place in the static block. */
void tls_layout(struct tls_static *out);

/* A module id for an object loaded later (dlopen): no static place, its
 * blocks are made per thread on first use (__tls_get_addr in our libc). */
uint64_t tls_dynamic_id(void);

/* Address, in the calling thread, of offset off in d's TLS block. */
struct dso;
void *tls_address(const struct dso *d, uint64_t off);

#endif
