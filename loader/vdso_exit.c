#include "arch.h"
#include "libsys/elf_defs.h"
#include "libsys/mem.h"
#include "vdso_exit.h"

/* The kernel maps the vDSO as its whole file, one PT_LOAD from offset 0
 * (the kernel's arch/<cpu>/.../vdso.lds.S): a vaddr v is at
 * vdso + v - that PT_LOAD's p_vaddr, as glibc's setup_vdso computes it.
 * Everything looked at must lie in [0, extent) of the image. */
struct image {
    uint64_t base, bias, extent;
};

static int inside(const struct image *im, uint64_t vaddr, uint64_t size)
{
    uint64_t off = vaddr - im->bias;
    return off <= im->extent && size <= im->extent - off;
}

/* The function called name (len bytes) in the symbol table of the vDSO's
 * PT_DYNAMIC, counted by DT_HASH's nchain (gABI "Hash Table": every symbol
 * has a chain entry). */
static const Elf64_Sym *function(const struct image *im, uint64_t dyn_vaddr, uint64_t dyn_size,
                                 const char *name, size_t len)
{
    uint64_t v[DT_STRSZ + 1] = { 0 };     /* DT_HASH, DT_STRTAB, DT_SYMTAB, DT_STRSZ */
    unsigned want = 1u << DT_HASH | 1u << DT_STRTAB | 1u << DT_SYMTAB | 1u << DT_STRSZ, seen = 0;
    const Elf64_Dyn *d = (const Elf64_Dyn *)(im->base + dyn_vaddr - im->bias);
    for (const Elf64_Dyn *end = d + dyn_size / sizeof *d;
         d < end && d->d_tag != DT_NULL && seen != want; d++)
        if ((uint64_t)d->d_tag <= DT_STRSZ) {
            v[d->d_tag] = d->d_val;
            seen |= 1u << d->d_tag & want;
        }
    uint64_t hash = v[DT_HASH], symtab = v[DT_SYMTAB], strtab = v[DT_STRTAB], strsz = v[DT_STRSZ];
    if (!hash || !inside(im, hash, 8) || !inside(im, strtab, strsz) || strsz <= len)
        return 0;
    uint32_t nsyms = ((const uint32_t *)(im->base + hash - im->bias))[1];
    if (!inside(im, symtab, (uint64_t)nsyms * sizeof(Elf64_Sym)))
        return 0;
    const Elf64_Sym *sym = (const Elf64_Sym *)(im->base + symtab - im->bias);
    const char *str = (const char *)(im->base + strtab - im->bias);
    for (uint32_t i = 0; i < nsyms; i++)     /* a NUL after len bytes first: cheap */
        if (sym[i].st_name < strsz - len && !str[sym[i].st_name + len] &&
            !__builtin_memcmp(str + sym[i].st_name, name, len) &&
            ELF64_ST_TYPE(sym[i].st_info) == STT_FUNC && sym[i].st_shndx != SHN_UNDEF &&
            inside(im, sym[i].st_value, sym[i].st_size))
            return &sym[i];
    return 0;
}

uint64_t vdso_exit_find(uint64_t vdso, uint64_t *frame)
{
    static const char name[] = ARCH_VDSO_EXIT_FUNCTION;  /* "": none on this CPU */
    if (sizeof name == 1 || !vdso)
        return 0;
    /* what AT_SYSINFO_EHDR points at is the kernel's (or an emulator's):
     * believed to be an ELF image with its program headers in its first
     * page, the least any mapping has, and checked only that far */
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)vdso;
    if (__builtin_memcmp(eh->e_ident, "\177ELF", 4) || eh->e_phoff > 4096 ||
        eh->e_phnum > (4096 - eh->e_phoff) / sizeof(Elf64_Phdr))
        return 0;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(vdso + eh->e_phoff);
    struct image im = { vdso, 0, 0 };
    const Elf64_Phdr *dyn = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD && !im.extent && ph[i].p_offset == 0) {
            im.bias = ph[i].p_vaddr;
            im.extent = ph[i].p_filesz;
        }
        if (ph[i].p_type == PT_DYNAMIC)
            dyn = &ph[i];
    }
    if (!dyn || !inside(&im, dyn->p_vaddr, dyn->p_filesz))
        return 0;
    const Elf64_Sym *fn = function(&im, dyn->p_vaddr, dyn->p_filesz, name, sizeof name - 1);
    if (!fn)
        return 0;
    return (uint64_t)arch_exit_gadget((const unsigned char *)(vdso + fn->st_value - im.bias),
                                      fn->st_size, frame);
}
