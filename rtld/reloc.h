/* Relocation processing: the generic walk over DT_RELR, DT_REL(A) and
 * DT_JMPREL, and the per-CPU meaning of each type (arch/<cpu>/reloc_*.c). */
#ifndef RELOC_H
#define RELOC_H

#include <stdint.h>
#include "arch.h"
#include "dso.h"
#include "load_error.h"
#include "symbols.h"

/* How the generic code must treat a relocation type before applying it. */
enum reloc_kind {
    RK_NONE,            /* nothing to do */
    RK_RELATIVE,        /* B + A, no symbol */
    RK_IRELATIVE,       /* call B + A, no symbol */
    RK_SYMBOL,          /* needs the symbol's definition */
    RK_SYMBOL32,        /* the same, for a 4-byte place (reloc_put32) */
    RK_PLT,             /* needs a real definition, not a PLT address */
    /* the same two for a GOT entry: 8 bytes of S, which the generic code
     * stores itself (the kinds most symbolic relocations are) */
    RK_SYMBOL_SLOT,
    RK_PLT_SLOT,
    RK_COPY,            /* needs a definition outside the program */
    RK_TLS_MODULE,      /* needs only the defining module (may be self) */
    RK_UNKNOWN,
};

/* One relocation, resolved. */
struct reloc {
    struct dso *obj;            /* the object being relocated */
    uint64_t    where;          /* run-time address of the place (P) */
    int64_t     addend;         /* A (from RELA, or read from the place) */
    uint64_t    value;          /* S: the symbol's run-time address */
    const Elf64_Sym *sym;       /* the definition (NULL: none or undefined weak) */
    const Elf64_Sym *ref;       /* the symbol the relocation names, in obj's own
                                   table (NULL: none looked up) */
    const struct dso *def;      /* its object */
    int         rela;           /* from a RELA table (else REL: A was read
                                   from the place) */
};

/* rtld_stats.relocs slot of a relocation type: the types from
 * ARCH_R_SLOTS_LOW and ARCH_R_SLOTS_HIGH, 32 of each, go to slots 0..31
 * and 32..63 (slot 0 also counts the types outside both). */
static inline unsigned reloc_slot(uint32_t type)
{
    return type - ARCH_R_SLOTS_HIGH < 32 ? type - ARCH_R_SLOTS_HIGH + 32
           : type - ARCH_R_SLOTS_LOW < 32 ? type - ARCH_R_SLOTS_LOW : 0;
}
static inline uint32_t reloc_slot_type(unsigned slot)
{
    return slot < 32 ? slot + ARCH_R_SLOTS_LOW : slot - 32 + ARCH_R_SLOTS_HIGH;
}

/* The CPU's relocation types (arch/<cpu>/reloc_<cpu>.c). */
enum reloc_kind arch_reloc_kind(uint32_t type);
/* Is this a type whose addend REL entries keep in the place? */
int arch_reloc_implicit_addend(uint32_t type);
int arch_reloc_apply(uint32_t type, const struct reloc *r, struct load_error *err);
const char *arch_reloc_name(uint32_t type);
/* Call an IFUNC resolver with the arguments the CPU's ABI gives it;
 * returns the function it chose. */
uint64_t arch_ifunc_call(uint64_t resolver);

/* For arch_reloc_apply: what the same kind of relocation means on every
 * CPU.  Each returns 0, or -1 with err set. */
/* Store v at the place: one unaligned store (places need not be aligned;
 * __builtin_memcpy is inlined, where -ffreestanding makes memcpy a call). */
static inline void reloc_put64(const struct reloc *r, uint64_t v)
{
    __builtin_memcpy((void *)r->where, &v, 8);
}
/* Store the low 32 bits of v, refusing a v outside [min, max] (as a signed
 * 64-bit number): the psABIs' overflow checks. */
int reloc_put32(uint32_t type, const struct reloc *r, uint64_t v, int64_t min, int64_t max,
                struct load_error *err);
/* The len bytes at r's place lie in a writable segment of its object (the
 * generic walk checks 8 bytes, 4 for RK_SYMBOL32; COPY and TLS descriptors
 * check their own length); 0, or -1 with err set. */
int reloc_place(uint32_t type, const struct reloc *r, uint64_t len, struct load_error *err);
/* COPY: the symbol's st_size bytes from its definition into the place. */
int reloc_copy(uint32_t type, const struct reloc *r, struct load_error *err);
/* IRELATIVE: the place gets what the resolver at B + A returns. */
int reloc_irelative(uint32_t type, const struct reloc *r, struct load_error *err);
/* DTPMOD: the defining module's TLS id (0 for an undefined weak symbol). */
static inline void reloc_dtpmod(const struct reloc *r)
{
    reloc_put64(r, r->def ? r->def->tls_id : 0);
}
/* The static-TLS offset from the thread pointer of S + A in the defining
 * module's block (static TLS descriptors) into *tpoff; reloc_tpoff64
 * stores it at the place (TPOFF). */
int reloc_tpoff(const struct reloc *r, uint64_t *tpoff, struct load_error *err);
int reloc_tpoff64(const struct reloc *r, struct load_error *err);

/* TLS descriptors, on the CPUs that have them (rtld/reloc_tlsdesc.c):
 * the place's two words get a resolver and its argument.  The resolvers
 * (arch/<cpu>/tlsdesc.*): static TLS, and a module loaded by dlopen, which
 * calls libc's __tls_get_addr (arch_tlsdesc_get_addr) for a block the
 * thread does not have yet, or whenever modules with TLS were unloaded
 * since the thread's dtv was last swept: the count of such unloads is at
 * arch_tlsdesc_unloads (__rtld_interface.tls_generation, read as the
 * glue's __tls_get_addr reads it). */
int reloc_tlsdesc(uint32_t type, const struct reloc *r, struct load_error *err);
void arch_tlsdesc_static(void);
void arch_tlsdesc_dynamic(void);
extern uint64_t arch_tlsdesc_get_addr;
extern const size_t *arch_tlsdesc_unloads;

/* Relocate one object (not yet relocated); 0 or -1 with err set. */
int relocate(struct dso *d, struct load_error *err);

#endif
