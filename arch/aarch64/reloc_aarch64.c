/* aarch64 relocation types (ELF for the Arm 64-bit Architecture, AAELF64
 * §5.7.9-5.7.12; TLS descriptors in §5.7.11 and Glauber de Oliveira Costa
 * and Alexandre Oliva's "Thread-Local Storage Descriptors" proposal).
 * Notation: S symbol value, A addend, B load bias, P place. */
#include "reloc.h"
#include "rtld.h"

#define R_AARCH64_NONE          0
#define R_AARCH64_ABS64         257
#define R_AARCH64_ABS32         258
#define R_AARCH64_PREL64        260
#define R_AARCH64_PREL32        261
#define R_AARCH64_COPY          1024
#define R_AARCH64_GLOB_DAT      1025
#define R_AARCH64_JUMP_SLOT     1026
#define R_AARCH64_RELATIVE      1027
#define R_AARCH64_TLS_DTPMOD64  1028
#define R_AARCH64_TLS_DTPREL64  1029
#define R_AARCH64_TLS_TPREL64   1030
#define R_AARCH64_TLSDESC       1031
#define R_AARCH64_IRELATIVE     1032

enum reloc_kind arch_reloc_kind(uint32_t type)
{
    switch (type) {
    case R_AARCH64_NONE:         return RK_NONE;
    case R_AARCH64_RELATIVE:     return RK_RELATIVE;
    case R_AARCH64_IRELATIVE:    return RK_IRELATIVE;
    case R_AARCH64_JUMP_SLOT:    return RK_PLT;
    case R_AARCH64_COPY:         return RK_COPY;
    case R_AARCH64_TLS_DTPMOD64:
    case R_AARCH64_TLS_DTPREL64:
    case R_AARCH64_TLS_TPREL64:
    case R_AARCH64_TLSDESC:      return RK_TLS_MODULE;
    case R_AARCH64_ABS32:
    case R_AARCH64_PREL32:       return RK_SYMBOL32;
    case R_AARCH64_ABS64:
    case R_AARCH64_PREL64:
    case R_AARCH64_GLOB_DAT:     return RK_SYMBOL;
    }
    return RK_UNKNOWN;
}

int arch_reloc_implicit_addend(uint32_t type)
{
    (void)type;
    return 1;   /* a REL entry's addend is in place (TLSDESC: its second word) */
}

const char *arch_reloc_name(uint32_t type)
{
    switch (type) {
    case R_AARCH64_ABS64:        return "R_AARCH64_ABS64";
    case R_AARCH64_ABS32:        return "R_AARCH64_ABS32";
    case R_AARCH64_PREL64:       return "R_AARCH64_PREL64";
    case R_AARCH64_PREL32:       return "R_AARCH64_PREL32";
    case R_AARCH64_COPY:         return "R_AARCH64_COPY";
    case R_AARCH64_GLOB_DAT:     return "R_AARCH64_GLOB_DAT";
    case R_AARCH64_JUMP_SLOT:    return "R_AARCH64_JUMP_SLOT";
    case R_AARCH64_RELATIVE:     return "R_AARCH64_RELATIVE";
    case R_AARCH64_TLS_DTPMOD64: return "R_AARCH64_TLS_DTPMOD64";
    case R_AARCH64_TLS_DTPREL64: return "R_AARCH64_TLS_DTPREL64";
    case R_AARCH64_TLS_TPREL64:  return "R_AARCH64_TLS_TPREL64";
    case R_AARCH64_TLSDESC:      return "R_AARCH64_TLSDESC";
    case R_AARCH64_IRELATIVE:    return "R_AARCH64_IRELATIVE";
    }
    return "relocation";
}

/* What an IFUNC resolver gets on aarch64 (glibc's <sys/ifunc.h>, which
 * GCC's and clang's resolvers follow): x0 = AT_HWCAP with _IFUNC_ARG_HWCAP
 * set, x1 = this struct. */
#define IFUNC_ARG_HWCAP (1ull << 62)
static struct { uint64_t size, hwcap, hwcap2; } ifunc_arg;

uint64_t arch_ifunc_call(uint64_t resolver)
{
    ifunc_arg.size = sizeof ifunc_arg;
    ifunc_arg.hwcap = rtld_config.hwcap;
    ifunc_arg.hwcap2 = rtld_config.hwcap2;
    return ((uint64_t (*)(uint64_t, const void *))resolver)(rtld_config.hwcap | IFUNC_ARG_HWCAP,
                                                           &ifunc_arg);
}

int arch_reloc_apply(uint32_t type, const struct reloc *r, struct load_error *err)
{
    uint64_t S = r->value, B = r->obj->base, P = r->where;
    int64_t A = r->addend;

    switch (type) {
    case R_AARCH64_RELATIVE:     reloc_put64(r, B + A); break;
    case R_AARCH64_IRELATIVE:    return reloc_irelative(type, r, err);
    case R_AARCH64_ABS64:
    case R_AARCH64_GLOB_DAT:
    case R_AARCH64_JUMP_SLOT:    reloc_put64(r, S + A); break;
    case R_AARCH64_PREL64:       reloc_put64(r, S + A - P); break;
    /* AAELF64 §5.7.9: both check -2^31 <= X < 2^32 */
    case R_AARCH64_ABS32:        return reloc_put32(type, r, S + A, INT32_MIN, UINT32_MAX, err);
    case R_AARCH64_PREL32:       return reloc_put32(type, r, S + A - P, INT32_MIN, UINT32_MAX,
                                                    err);
    case R_AARCH64_COPY:         return reloc_copy(type, r, err);
    /* TLS, variant I; S is an offset in the defining module's block */
    case R_AARCH64_TLS_DTPMOD64: reloc_dtpmod(r); break;
    case R_AARCH64_TLS_DTPREL64: reloc_put64(r, S + A); break;
    case R_AARCH64_TLS_TPREL64:  return reloc_tpoff64(r, err);
    case R_AARCH64_TLSDESC:      return reloc_tlsdesc(type, r, err);
    }
    return 0;
}
