/* Relocation processing: the generic walk over DT_RELR, DT_REL(A) and
 * DT_JMPREL, and the per-CPU meaning of each type (arch/<cpu>/reloc_*.c). */
#ifndef RELOC_H
#define RELOC_H

#include <stdint.h>
#include "dso.h"
#include "load_error.h"
#include "symbols.h"

/* How the generic code must treat a relocation type before applying it. */
enum reloc_kind {
    RK_NONE,            /* nothing to do */
    RK_RELATIVE,        /* B + A, no symbol */
    RK_IRELATIVE,       /* call B + A, no symbol */
    RK_SYMBOL,          /* needs the symbol's definition */
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
    const struct dso *def;      /* its object */
};

enum reloc_kind arch_reloc_kind(uint32_t type);
/* Is this a type whose addend REL entries keep in the place? */
int arch_reloc_implicit_addend(uint32_t type);
int arch_reloc_apply(uint32_t type, const struct reloc *r, struct load_error *err);
const char *arch_reloc_name(uint32_t type);

/* Relocate one object (not yet relocated); 0 or -1 with err set. */
int relocate(struct dso *d, struct load_error *err);

#endif
