/* A static-pie or a dynamic linker has nobody to relocate it, so it does it
 * itself.  Linked with hidden visibility and -Bsymbolic semantics, the only
 * dynamic relocations left are relative ones: *where = base + addend.  Every
 * access below is PC-relative; nothing here needs a relocation to work. */
#include <stdint.h>
#include "libsys/elf_defs.h"
#include "libsys/self_reloc.h"
#include "arch.h"

/* Linker-defined: the ELF header (link address 0 in a PIE, so its run-time
 * address is the load bias) and the dynamic section. */
extern const char __ehdr_start[] __attribute__((visibility("hidden")));
extern const Elf64_Dyn _DYNAMIC[] __attribute__((visibility("hidden")));

void self_relocate(void)
{
    uint64_t base = (uint64_t)__ehdr_start, rela = 0, relasz = 0, relr = 0, relrsz = 0;

    /* The relocations below write the page of our dynamic section (RELRO,
     * the GOT beside it): a write first, one page fault instead of two.
     * (AT_HWCAP is not read yet: 0, with which aarch64 does nothing.) */
    arch_write_touch((void *)_DYNAMIC, 0);

    for (const Elf64_Dyn *d = _DYNAMIC; d->d_tag != DT_NULL; d++) {
        switch (d->d_tag) {
        case DT_RELA:   rela = d->d_val; break;
        case DT_RELASZ: relasz = d->d_val; break;
        case DT_RELR:   relr = d->d_val; break;
        case DT_RELRSZ: relrsz = d->d_val; break;
        }
    }
    const Elf64_Rela *r = (const Elf64_Rela *)(base + rela);
    for (uint64_t i = 0; i < relasz / sizeof *r; i++)
        if (ELF64_R_TYPE(r[i].r_info) == ARCH_R_RELATIVE)
            *(uint64_t *)(base + r[i].r_offset) = base + (uint64_t)r[i].r_addend;

    /* DT_RELR (gABI proposal "RELR relative relocation format"): an even
     * entry is an address to relocate; an odd one is a bitmap whose bit i
     * (1..63) relocates the i-th word after the last address. */
    const uint64_t *e = (const uint64_t *)(base + relr);
    uint64_t *where = 0;
    for (uint64_t i = 0; i < relrsz / 8; i++) {
        if (!(e[i] & 1)) {
            where = (uint64_t *)(base + e[i]);
            *where++ += base;
            continue;
        }
        for (uint64_t bits = e[i] >> 1, k = 0; bits; bits >>= 1, k++)
            if (bits & 1)
                where[k] += base;
        where += 63;
    }
}
