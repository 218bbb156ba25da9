/* Header and program-header validation.  Every offset and size read from
 * the file is checked here before any other code uses it; the rules follow
 * the gABI and what the kernel's load_elf_binary() refuses. */
#include "libsys/mem.h"
#include "arch.h"
#include "elf_validate.h"

#define NOEXEC LOAD_EXIT_NOEXEC

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
    /* load_elf_binary() does not look at EI_CLASS either, but a 32-bit
     * header read as a 64-bit one is nonsense (an x32 program, which a
     * kernel with x32 support runs): refused, e_ident first, so that a short
     * 32-bit file is a 32-bit file, not a short one.  Other values are
     * ignored as by the kernel. */
    if (len > EI_CLASS && eh->e_ident[EI_CLASS] == ELFCLASS32)
        return load_fail(err, NOEXEC, "not a 64-bit ELF file (class %u)",
                         eh->e_ident[EI_CLASS]);
    /* EI_DATA is not checked: load_elf_binary() reads the header in the
     * CPU's byte order whatever it says, and so runs such a file */
    if (len < sizeof *eh)
        return load_fail(err, NOEXEC, "truncated ELF header (%zu of %zu bytes)",
                         len, sizeof *eh);
    /* EI_VERSION and e_version are not checked: load_elf_binary() does not
     * look at them, so a file with another version runs under the kernel */
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
static int check_load(const Elf64_Phdr *p, int n, uint64_t pagesz, struct load_error *err)
{
    if (p->p_filesz > p->p_memsz)
        return load_fail(err, NOEXEC, "PT_LOAD %d: file size exceeds memory size", n);
    /* only file bytes are mapped: a pure .bss segment's offset is not used;
     * past the end of the file, see elf_check_phdrs; an offset that wraps
     * cannot be mapped at all (mmap: EOVERFLOW, the kernel's exec fails) */
    if (p->p_filesz && p->p_offset > UINT64_MAX - p->p_filesz)
        return load_fail(err, NOEXEC, "PT_LOAD %d lies outside the file", n);
    /* p_align is not checked: the kernel ignores an alignment that is not a
     * power of two (fs/binfmt_elf.c maximum_alignment) and never checks
     * p_vaddr against p_offset modulo p_align.  mmap needs page congruence
     * whatever p_align says (the kernel's mmap fails the same way). */
    if ((p->p_vaddr - p->p_offset) & (pagesz - 1))     /* AT_PAGESZ: a power of two */
        return load_fail(err, NOEXEC, "PT_LOAD %d: offset and address are not congruent "
                         "modulo the page size", n);
    if (p->p_memsz > ARCH_USER_LIMIT || p->p_vaddr > ARCH_USER_LIMIT - p->p_memsz)
        return load_fail(err, NOEXEC, "PT_LOAD %d lies outside the user address space", n);
    return 0;
}

/* The gABI wants PT_LOADs sorted by address and disjoint, but the kernel
 * maps them in table order, a later one over an earlier one, and so does
 * elf_map(): neither order nor overlap is checked. */

int elf_check_phdrs(const Elf64_Ehdr *restrict eh, const Elf64_Phdr *restrict ph,
                    uint64_t file_size, uint64_t pagesz,
                    struct elf_info *restrict info, struct load_error *err)
{
    int nload = 0;
    uint64_t eof_page = 1;      /* the page of the last file tail past the end of the file
                                   (1: none, no page's address) */

    /* filled in as the table is read (restrict: *info is neither the header
     * nor the table, so its fields may stay in registers until the end); lo
     * is the lowest p_vaddr until then.  A refusal leaves it partly filled. */
    *info = (struct elf_info){ .type = eh->e_type, .entry = eh->e_entry, .lo = ~0ull,
                               .align = pagesz, .interp = -1, .property = -1, .dynamic = -1,
                               .start_code = ~0ull };
    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *p = &ph[i];
        switch (p->p_type) {
        case PT_LOAD:
            nload++;
            if (check_load(p, nload, pagesz, err))
                return -1;
            /* File pages past the end of the file map (mmap does not look
             * at the file's size) and raise SIGBUS only when touched: the
             * kernel runs such a file, and so does the loader, unless it
             * would touch one itself, clearing the rest of the page .bss
             * begins in (the kernel's padzero() then fails the exec too,
             * for a writable segment): after a writable segment's file
             * bytes, or a pure .bss segment's first bytes in the last page
             * of one before it */
            uint64_t off_end = p->p_offset + p->p_filesz;      /* (no wrap: check_load) */
            uint64_t tail = (p->p_vaddr + p->p_filesz) & -pagesz;
            int bss_in_page = p->p_memsz > p->p_filesz &&
                              ((p->p_vaddr + p->p_filesz) & (pagesz - 1));
            int tail_past_eof = p->p_filesz && (off_end & -pagesz) >= file_size;
            if (tail_past_eof)
                eof_page = tail;
            if (bss_in_page && (p->p_filesz ? (p->p_flags & PF_W) && tail_past_eof
                                            : eof_page == tail))
                return load_fail(err, NOEXEC, "PT_LOAD %d lies outside the file", nload);
            uint64_t file_end = p->p_vaddr + p->p_filesz, mem_end = p->p_vaddr + p->p_memsz;
            if (p->p_vaddr < info->lo)
                info->lo = p->p_vaddr;
            if (mem_end > info->end_mem)
                info->end_mem = mem_end;
            /* only powers of two count (fs/binfmt_elf.c maximum_alignment) */
            if (p->p_align > info->align && is_pow2(p->p_align))
                info->align = p->p_align;
            if (p->p_flags & PF_X) {
                if (eh->e_entry >= p->p_vaddr && eh->e_entry - p->p_vaddr < p->p_memsz)
                    info->entry_ok = 1;
                if (p->p_vaddr < info->start_code)
                    info->start_code = p->p_vaddr;
                if (file_end > info->end_code)
                    info->end_code = file_end;
            }
            if (p->p_vaddr > info->start_data)
                info->start_data = p->p_vaddr;
            if (file_end > info->end_data)
                info->end_data = file_end;
            /* AT_PHDR: the segment holding the program header table, as the
             * kernel computes it (fs/binfmt_elf.c, phdr_addr: the last such
             * segment wins). */
            if (p->p_offset <= eh->e_phoff && eh->e_phoff - p->p_offset < p->p_filesz)
                info->phdr_vaddr = eh->e_phoff - p->p_offset + p->p_vaddr;
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
        case PT_GNU_PROPERTY:           /* (fs/binfmt_elf.c: the last one counts) */
            info->property = i;
            break;
        case PT_DYNAMIC:                /* (as rtld's dso_parse: the last one) */
            info->dynamic = i;
            break;
        }
    }
    if (!nload)
        return load_fail(err, NOEXEC, "no PT_LOAD segment");
    /* the span's pages: the largest end rounded up is the largest of the
     * ends rounded up (check_load keeps it below ARCH_USER_LIMIT) */
    info->lo &= -pagesz;
    info->hi = (info->end_mem + pagesz - 1) & -pagesz;
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
