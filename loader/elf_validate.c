/* Header and program-header validation.  Every offset and size read from
 * the file is checked here before any other code uses it; the rules follow
 * the gABI and what the kernel's load_elf_binary() refuses. */
#include "libsys/mem.h"
#include "arch.h"
#include "elf_validate.h"

#define NOEXEC LOAD_EXIT_NOEXEC

int elf_is_elf(const void *buf, size_t len)
{
    const unsigned char *b = buf;
    return len >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
}

/* "NAME; " for the e_machine values of the CPUs Linux runs ELF programs
 * on (gABI "ELF Header", e_machine), "" for the others. */
static const char *machine_name(uint16_t machine)
{
    static const struct { uint16_t em; char name[12]; } names[] = {
        { 3, "i386; " }, { 8, "MIPS; " }, { 20, "PowerPC; " }, { 21, "PowerPC64; " },
        { 22, "S/390; " }, { 40, "ARM; " }, { 62, "x86-64; " }, { 183, "AArch64; " },
        { 243, "RISC-V; " }, { 258, "LoongArch; " },
    };
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].em == machine)
            return names[i].name;
    return "";
}

int elf_check_header(const void *buf, size_t len, uint64_t file_size,
                     struct load_error *err)
{
    const Elf64_Ehdr *eh = buf;

    if (!elf_is_elf(buf, len))
        return load_fail(err, NOEXEC, "not an ELF file (bad magic number)");
    /* e_ident first: a short 32-bit file is a 32-bit file, not a short one */
    if (len > EI_CLASS && eh->e_ident[EI_CLASS] != ELFCLASS64)
        return load_fail(err, NOEXEC, "not a 64-bit ELF file (class %u)",
                         eh->e_ident[EI_CLASS]);
    if (len > EI_DATA && eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return load_fail(err, NOEXEC, "not a little-endian ELF file (data encoding %u)",
                         eh->e_ident[EI_DATA]);
    if (len < sizeof *eh)
        return load_fail(err, NOEXEC, "truncated ELF header (%zu of %zu bytes)",
                         len, sizeof *eh);
    if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
        return load_fail(err, NOEXEC, "unknown ELF version %u",
                         eh->e_ident[EI_VERSION] != EV_CURRENT
                             ? eh->e_ident[EI_VERSION] : eh->e_version);
    if (eh->e_machine != ARCH_EM_MACHINE)
        return load_fail(err, NOEXEC, "wrong machine %u (%sthis loader runs %s)",
                         eh->e_machine, machine_name(eh->e_machine), ARCH_NAME);
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return load_fail(err, NOEXEC, "ELF type %u is not an executable", eh->e_type);
    if (eh->e_phentsize != sizeof(Elf64_Phdr))
        return load_fail(err, NOEXEC, "program header size %u is not %zu",
                         eh->e_phentsize, sizeof(Elf64_Phdr));
    if (eh->e_phnum == 0)
        return load_fail(err, NOEXEC, "no program headers");
    if (eh->e_phnum > ELF_MAX_PHNUM)
        return load_fail(err, NOEXEC, "too many program headers (%u, at most %zu)",
                         eh->e_phnum, ELF_MAX_PHNUM);
    uint64_t phsize = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
    if (eh->e_phoff > file_size || phsize > file_size - eh->e_phoff)
        return load_fail(err, NOEXEC, "program headers lie outside the file");
    return 0;
}

static int is_pow2(uint64_t x) { return x && !(x & (x - 1)); }

/* One PT_LOAD on its own: sizes, file range, alignment, address range. */
static int check_load(const Elf64_Phdr *p, int n, uint64_t file_size,
                      uint64_t pagesz, struct load_error *err)
{
    if (p->p_filesz > p->p_memsz)
        return load_fail(err, NOEXEC, "PT_LOAD %d: file size exceeds memory size", n);
    /* only file bytes are read: a pure .bss segment's offset is not used */
    if (p->p_filesz && (p->p_offset > file_size || p->p_filesz > file_size - p->p_offset))
        return load_fail(err, NOEXEC, "PT_LOAD %d lies outside the file", n);
    /* gABI: 0 and 1 mean no alignment, otherwise a power of two, and
     * p_vaddr must equal p_offset modulo p_align. */
    if (p->p_align > ARCH_USER_LIMIT)
        return load_fail(err, NOEXEC, "PT_LOAD %d: alignment %#lx is larger than the "
                         "address space", n, (unsigned long)p->p_align);
    if (p->p_align > 1 && !is_pow2(p->p_align))
        return load_fail(err, NOEXEC, "PT_LOAD %d: alignment %#lx is not a power of two",
                         n, (unsigned long)p->p_align);
    if (p->p_align > 1 && (p->p_vaddr - p->p_offset) % p->p_align)
        return load_fail(err, NOEXEC, "PT_LOAD %d: offset and address are not congruent "
                         "modulo its alignment", n);
    /* mmap needs page congruence whatever p_align says */
    if ((p->p_vaddr - p->p_offset) % pagesz)
        return load_fail(err, NOEXEC, "PT_LOAD %d: offset and address are not congruent "
                         "modulo the page size", n);
    if (p->p_memsz > ARCH_USER_LIMIT || p->p_vaddr > ARCH_USER_LIMIT - p->p_memsz)
        return load_fail(err, NOEXEC, "PT_LOAD %d lies outside the user address space", n);
    return 0;
}

/* PT_LOADs must be sorted by address (gABI "Program Header") and disjoint. */
static int check_order(const Elf64_Phdr *p, int n, const Elf64_Phdr *prev,
                       int prev_n, struct load_error *err)
{
    if (p->p_vaddr < prev->p_vaddr)
        return load_fail(err, NOEXEC, "PT_LOAD %d is not in ascending address order", n);
    if (p->p_vaddr < prev->p_vaddr + prev->p_memsz)
        return load_fail(err, NOEXEC, "PT_LOAD %d overlaps PT_LOAD %d", n, prev_n);
    return 0;
}

int elf_check_phdrs(const Elf64_Ehdr *eh, const Elf64_Phdr *ph,
                    uint64_t file_size, uint64_t pagesz,
                    struct elf_info *info, struct load_error *err)
{
    const Elf64_Phdr *prev = NULL;
    int prev_n = 0, nload = 0;

    *info = (struct elf_info){ .type = eh->e_type, .entry = eh->e_entry,
                               .align = pagesz, .interp = -1 };
    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *p = &ph[i];
        switch (p->p_type) {
        case PT_LOAD:
            nload++;
            if (check_load(p, nload, file_size, pagesz, err) ||
                (prev && check_order(p, nload, prev, prev_n, err)))
                return -1;
            if (!prev)
                info->lo = p->p_vaddr & -pagesz;
            info->hi = (p->p_vaddr + p->p_memsz + pagesz - 1) & -pagesz;
            if (p->p_align > info->align)
                info->align = p->p_align;
            if ((p->p_flags & PF_X) && eh->e_entry >= p->p_vaddr &&
                eh->e_entry - p->p_vaddr < p->p_memsz)
                info->entry_ok = 1;
            /* AT_PHDR: the segment holding the program header table, as the
             * kernel computes it (fs/binfmt_elf.c, phdr_addr: the last such
             * segment wins). */
            if (p->p_offset <= eh->e_phoff && eh->e_phoff - p->p_offset < p->p_filesz)
                info->phdr_vaddr = eh->e_phoff - p->p_offset + p->p_vaddr;
            prev = p;
            prev_n = nload;
            break;
        case PT_INTERP:
            if (info->interp >= 0)
                return load_fail(err, NOEXEC, "more than one PT_INTERP");
            if (p->p_offset > file_size || p->p_filesz > file_size - p->p_offset)
                return load_fail(err, NOEXEC, "PT_INTERP lies outside the file");
            if (p->p_filesz < 2 || p->p_filesz > ELF_MAX_INTERP)
                return load_fail(err, NOEXEC, "PT_INTERP has a bad length (%lu bytes)",
                                 (unsigned long)p->p_filesz);
            info->interp = i;
            break;
        case PT_GNU_STACK:
            info->exec_stack = !!(p->p_flags & PF_X);
            break;
        }
    }
    if (!nload)
        return load_fail(err, NOEXEC, "no PT_LOAD segment");
    return 0;
}

int elf_check_entry(const Elf64_Ehdr *eh, const struct elf_info *info,
                    struct load_error *err)
{
    if (!info->entry_ok)
        return load_fail(err, NOEXEC, "entry point %#lx is not in an executable segment",
                         (unsigned long)eh->e_entry);
    return 0;
}

int elf_check_interp(const char *path, size_t len, struct load_error *err)
{
    /* gABI: PT_INTERP is a NUL-terminated path name.  Like the kernel, only
     * the last byte is checked: tools that shorten the path in place
     * (patchelf) leave NUL padding, and the path ends at the first NUL. */
    if (path[len - 1] != '\0')
        return load_fail(err, NOEXEC, "PT_INTERP is not a NUL-terminated string");
    if (path[0] == '\0')
        return load_fail(err, NOEXEC, "PT_INTERP names an empty path");
    return 0;
}
