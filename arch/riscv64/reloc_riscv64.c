/* riscv64 relocation types (RISC-V psABI, "ELF Object Files",
 * "Relocations": the dynamic ones; TLS in "Thread Local Storage").
 * Notation: S symbol value, A addend, B load bias, P place. */
#include "libsys/syscall.h"
#include "reloc.h"
#include "rtld.h"

#define R_RISCV_NONE            0
#define R_RISCV_32              1
#define R_RISCV_64              2
#define R_RISCV_RELATIVE        3
#define R_RISCV_COPY            4
#define R_RISCV_JUMP_SLOT       5
#define R_RISCV_TLS_DTPMOD64    7
#define R_RISCV_TLS_DTPREL64    9
#define R_RISCV_TLS_TPREL64     11
#define R_RISCV_IRELATIVE       58

enum reloc_kind arch_reloc_kind(uint32_t type)
{
    switch (type) {
    case R_RISCV_NONE:         return RK_NONE;
    case R_RISCV_RELATIVE:     return RK_RELATIVE;
    case R_RISCV_IRELATIVE:    return RK_IRELATIVE;
    case R_RISCV_JUMP_SLOT:    return RK_PLT;
    case R_RISCV_COPY:         return RK_COPY;
    case R_RISCV_TLS_DTPMOD64:
    case R_RISCV_TLS_DTPREL64:
    case R_RISCV_TLS_TPREL64:  return RK_TLS_MODULE;
    case R_RISCV_32:           return RK_SYMBOL32;
    case R_RISCV_64:           return RK_SYMBOL;
    }
    return RK_UNKNOWN;
}

int arch_reloc_implicit_addend(uint32_t type)
{
    (void)type;
    return 1;   /* psABI: RELA; a REL entry's addend is in place */
}

const char *arch_reloc_name(uint32_t type)
{
    switch (type) {
    case R_RISCV_32:           return "R_RISCV_32";
    case R_RISCV_64:           return "R_RISCV_64";
    case R_RISCV_RELATIVE:     return "R_RISCV_RELATIVE";
    case R_RISCV_COPY:         return "R_RISCV_COPY";
    case R_RISCV_JUMP_SLOT:    return "R_RISCV_JUMP_SLOT";
    case R_RISCV_TLS_DTPMOD64: return "R_RISCV_TLS_DTPMOD64";
    case R_RISCV_TLS_DTPREL64: return "R_RISCV_TLS_DTPREL64";
    case R_RISCV_TLS_TPREL64:  return "R_RISCV_TLS_TPREL64";
    case R_RISCV_IRELATIVE:    return "R_RISCV_IRELATIVE";
    }
    return "relocation";
}

/* __riscv_hwprobe as glibc passes it to IFUNC resolvers: the system call
 * (number 258 since Linux 6.4), returning 0 or -errno. */
static long hwprobe(void *pairs, size_t count, size_t cpusetsize, unsigned long *cpus,
                    unsigned flags)
{
    return _syscall5(258, (long)pairs, (long)count, (long)cpusetsize, (long)cpus, flags);
}

uint64_t arch_ifunc_call(uint64_t resolver)
{
    /* glibc's riscv convention (<sys/ifunc.h>, 2.40): AT_HWCAP, a pointer
     * to __riscv_hwprobe, and a reserved NULL */
    return ((uint64_t (*)(uint64_t, void *, void *))resolver)(rtld_config.hwcap,
                                                             (void *)hwprobe, 0);
}

int arch_reloc_apply(uint32_t type, const struct reloc *r, struct load_error *err)
{
    uint64_t S = r->value, B = r->obj->base;
    int64_t A = r->addend;

    switch (type) {
    case R_RISCV_RELATIVE:     reloc_put64(r, B + A); break;
    case R_RISCV_IRELATIVE:    return reloc_irelative(type, r, err);
    case R_RISCV_64:           reloc_put64(r, S + A); break;
    case R_RISCV_JUMP_SLOT:    reloc_put64(r, S); break;
    /* the psABI states no range; like the other CPUs' 32-bit words,
     * refuse what neither signed nor unsigned 32 bits hold */
    case R_RISCV_32:           return reloc_put32(type, r, S + A, INT32_MIN, UINT32_MAX, err);
    case R_RISCV_COPY:         return reloc_copy(type, r, err);
    /* TLS, variant I; S is an offset in the defining module's block, and
     * DTP-relative values are biased by -0x800 (ARCH_DTP_OFFSET) */
    case R_RISCV_TLS_DTPMOD64: reloc_dtpmod(r); break;
    case R_RISCV_TLS_DTPREL64: reloc_put64(r, S + A - ARCH_DTP_OFFSET); break;
    case R_RISCV_TLS_TPREL64:  return reloc_tpoff64(r, err);
    }
    return 0;
}
