/* x86_64 relocation types (psABI §4.4.1, Table 4.9; TLS types from
 * Drepper's "ELF Handling For Thread-Local Storage" §4.3.2 and §5.4).
 * Notation: S symbol value, A addend, B load bias, P place, Z symbol size. */
#include "libsys/mem.h"
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
    case R_X86_64_TPOFF64:   return RK_TLS_MODULE;
    case R_X86_64_64:
    case R_X86_64_PC32:
    case R_X86_64_32:
    case R_X86_64_32S:
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
    case R_X86_64_IRELATIVE: return "R_X86_64_IRELATIVE";
    }
    return "relocation";
}

/* Store a 32-bit result, refusing one that does not fit. */
static int put32(const struct reloc *r, int64_t v, int is_signed, uint32_t type,
                 struct load_error *err)
{
    if (is_signed ? v != (int32_t)v : (uint64_t)v != (uint32_t)v)
        return load_fail(err, LOAD_EXIT_NOEXEC, "%s overflows at %#lx", arch_reloc_name(type),
                         (unsigned long)r->where);
    uint32_t u = (uint32_t)v;
    __builtin_memcpy((void *)r->where, &u, 4);    /* inline, despite -ffreestanding */
    return 0;
}

/* Places need not be aligned: one unaligned store (__builtin_memcpy is
 * inlined, where -ffreestanding makes memcpy a call). */
static void put64(const struct reloc *r, uint64_t v)
{
    __builtin_memcpy((void *)r->where, &v, 8);
}

int arch_reloc_apply(uint32_t type, const struct reloc *r, struct load_error *err)
{
    uint64_t S = r->value, B = r->obj->base, P = r->where;
    int64_t A = r->addend;

    switch (type) {
    case R_X86_64_RELATIVE:  put64(r, B + A); break;
    case R_X86_64_IRELATIVE:
        if (!dso_executable(r->obj, B + A))
            return load_fail(err, LOAD_EXIT_NOEXEC, "R_X86_64_IRELATIVE calls %#lx, not "
                             "code of the object", (unsigned long)(B + A));
        put64(r, ((uint64_t (*)(void))(B + A))());
        break;
    case R_X86_64_64:        put64(r, S + A); break;
    case R_X86_64_GLOB_DAT:
    case R_X86_64_JUMP_SLOT: put64(r, S); break;
    case R_X86_64_PC64:      put64(r, S + A - P); break;
    case R_X86_64_PC32:      return put32(r, (int64_t)(S + A - P), 1, type, err);
    case R_X86_64_32:        return put32(r, (int64_t)(S + A), 0, type, err);
    case R_X86_64_32S:       return put32(r, (int64_t)(S + A), 1, type, err);
    case R_X86_64_COPY:     /* Z bytes, both ranges inside their objects */
        if (!r->sym)
            return load_fail(err, LOAD_EXIT_NOEXEC, "R_X86_64_COPY of an undefined symbol");
        if (!dso_contains(r->obj, P, r->sym->st_size))
            return load_fail(err, LOAD_EXIT_NOEXEC, "R_X86_64_COPY relocates %#lx, outside the "
                             "object", (unsigned long)P);
        if (!dso_contains(r->def, S, r->sym->st_size))
            return load_fail(err, LOAD_EXIT_NOEXEC, "R_X86_64_COPY copies %#lx, outside %s",
                             (unsigned long)S, r->def->path);
        memmove((void *)P, (const void *)S, r->sym->st_size);
        break;
    /* TLS, variant II (Drepper §4.3.2): blocks below the thread pointer */
    case R_X86_64_DTPMOD64:  put64(r, r->def ? r->def->tls_id : 0); break;
    case R_X86_64_DTPOFF64:  put64(r, S + A); break;
    case R_X86_64_TPOFF64:
        if (!r->def || !r->def->tls_id)
            return load_fail(err, LOAD_EXIT_NOEXEC, "TLS relocation against a module without TLS");
        if (!r->def->tls_offset)    /* loaded by dlopen: no static place */
            return load_fail(err, LOAD_EXIT_NOEXEC, "initial-exec TLS of %s, which was "
                             "loaded at run time", r->def->path);
        put64(r, S + A - r->def->tls_offset);
        break;
    }
    return 0;
}
