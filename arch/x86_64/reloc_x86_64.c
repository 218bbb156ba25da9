/* x86_64 relocation types (psABI §4.4.1, Table 4.9; TLS types from
 * Drepper's "ELF Handling For Thread-Local Storage" §4.3.2 and §5.4).
 * TLS descriptors: rtld/reloc_tlsdesc.c.
 * Notation: S symbol value, A addend, B load bias, P place, Z symbol size. */
#include "reloc.h"

#define R_X86_64_NONE       0
#define R_X86_64_64         1
#define R_X86_64_PC32       2
#define R_X86_64_COPY       5
#define R_X86_64_GLOB_DAT   6
#define R_X86_64_JUMP_SLOT  7
#define R_X86_64_RELATIVE   8
#define R_X86_64_32         10
#define R_X86_64_32S        11
#define R_X86_64_DTPMOD64   16
#define R_X86_64_DTPOFF64   17
#define R_X86_64_TPOFF64    18
#define R_X86_64_PC64       24
#define R_X86_64_TLSDESC    36
#define R_X86_64_IRELATIVE  37

enum reloc_kind arch_reloc_kind(uint32_t type)
{
    switch (type) {
    case R_X86_64_NONE:      return RK_NONE;
    case R_X86_64_RELATIVE:  return RK_RELATIVE;
    case R_X86_64_IRELATIVE: return RK_IRELATIVE;
    case R_X86_64_JUMP_SLOT: return RK_PLT_SLOT;     /* S */
    case R_X86_64_COPY:      return RK_COPY;
    case R_X86_64_DTPMOD64:
    case R_X86_64_DTPOFF64:
    case R_X86_64_TPOFF64:
    case R_X86_64_TLSDESC:   return RK_TLS_MODULE;
    case R_X86_64_PC32:
    case R_X86_64_32:
    case R_X86_64_32S:       return RK_SYMBOL32;
    case R_X86_64_64:
    case R_X86_64_PC64:      return RK_SYMBOL;
    case R_X86_64_GLOB_DAT:  return RK_SYMBOL_SLOT;  /* S */
    }
    return RK_UNKNOWN;
}

int arch_reloc_implicit_addend(uint32_t type)
{
    (void)type;
    return 1;   /* psABI: x86_64 uses RELA; a REL entry's addend is in place */
}

const char *arch_reloc_name(uint32_t type)
{
    switch (type) {
    case R_X86_64_64:        return "R_X86_64_64";
    case R_X86_64_PC32:      return "R_X86_64_PC32";
    case R_X86_64_COPY:      return "R_X86_64_COPY";
    case R_X86_64_GLOB_DAT:  return "R_X86_64_GLOB_DAT";
    case R_X86_64_JUMP_SLOT: return "R_X86_64_JUMP_SLOT";
    case R_X86_64_RELATIVE:  return "R_X86_64_RELATIVE";
    case R_X86_64_32:        return "R_X86_64_32";
    case R_X86_64_32S:       return "R_X86_64_32S";
    case R_X86_64_DTPMOD64:  return "R_X86_64_DTPMOD64";
    case R_X86_64_DTPOFF64:  return "R_X86_64_DTPOFF64";
    case R_X86_64_TPOFF64:   return "R_X86_64_TPOFF64";
    case R_X86_64_PC64:      return "R_X86_64_PC64";
    case R_X86_64_TLSDESC:   return "R_X86_64_TLSDESC";
    case R_X86_64_IRELATIVE: return "R_X86_64_IRELATIVE";
    }
    return "relocation";
}

uint64_t arch_ifunc_call(uint64_t resolver)
{
    /* psABI: resolvers take no arguments (they ask cpuid themselves) */
    return ((uint64_t (*)(void))resolver)();
}

int arch_reloc_apply(uint32_t type, const struct reloc *r, struct load_error *err)
{
    uint64_t S = r->value, B = r->obj->base, P = r->where;
    int64_t A = r->addend;

    switch (type) {
    case R_X86_64_RELATIVE:  reloc_put64(r, B + A); break;
    case R_X86_64_IRELATIVE: return reloc_irelative(type, r, err);
    case R_X86_64_64:        reloc_put64(r, S + A); break;
    case R_X86_64_GLOB_DAT:
    case R_X86_64_JUMP_SLOT: reloc_put64(r, S); break;
    case R_X86_64_PC64:      reloc_put64(r, S + A - P); break;
    case R_X86_64_PC32:      return reloc_put32(type, r, S + A - P, INT32_MIN, INT32_MAX, err);
    case R_X86_64_32:        return reloc_put32(type, r, S + A, 0, UINT32_MAX, err);
    case R_X86_64_32S:       return reloc_put32(type, r, S + A, INT32_MIN, INT32_MAX, err);
    case R_X86_64_COPY:      return reloc_copy(type, r, err);
    /* TLS (Drepper §4.3.2); S is an offset in the defining module's block */
    case R_X86_64_DTPMOD64:  reloc_dtpmod(r); break;
    case R_X86_64_DTPOFF64:  reloc_put64(r, S + A); break;
    case R_X86_64_TPOFF64:   return reloc_tpoff64(r, err);
    case R_X86_64_TLSDESC:   return reloc_tlsdesc(type, r, err);
    }
    return 0;
}
