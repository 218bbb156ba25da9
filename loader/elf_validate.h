/* Validation of an ELF executable's headers before anything is mapped. */
#ifndef ELF_VALIDATE_H
#define ELF_VALIDATE_H

#include <stddef.h>
#include <stdint.h>
#include "libsys/elf_defs.h"
#include "load_error.h"

/* Largest program header table the kernel reads (fs/binfmt_elf.c,
 * elf_read_phdrs: 64 KiB; kernels before 4.x also capped it at one page,
 * today's run programs with 1170 headers). */
#define ELF_MAX_PHDR_BYTES  65536u
#define ELF_MAX_PHNUM       (ELF_MAX_PHDR_BYTES / sizeof(Elf64_Phdr))

/* Longest PT_INTERP the kernel accepts, NUL included (PATH_MAX). */
#define ELF_MAX_INTERP      4096u

/* What the rest of the loader needs to know about a validated file.
 * Addresses are link-time addresses (before adding the load bias). */
struct elf_info {
    uint16_t type;              /* ET_EXEC or ET_DYN */
    uint64_t entry;
    uint64_t lo, hi;            /* page-aligned span of all PT_LOADs */
    uint64_t align;             /* largest PT_LOAD alignment, >= page size */
    uint64_t phdr_vaddr;        /* where the phdrs are in memory (AT_PHDR) */
    int      interp;            /* index of PT_INTERP, or -1 */
    int      property;          /* index of PT_GNU_PROPERTY (the last), or -1 */
    int      dynamic;           /* index of PT_DYNAMIC (the last), or -1 */
    int      exec_prot;         /* PROT_* bits its properties add to the
                                   executable segments (elf_property.h) */
    int      exec_stack;        /* PT_GNU_STACK asks for PF_X */
    int      entry_ok;          /* e_entry lies in an executable PT_LOAD */
    /* what load_elf_binary() records in the mm (/proc/PID/stat): lowest
     * executable PT_LOAD, end of the executable file parts, highest
     * PT_LOAD start, end of all file parts, end of all PT_LOADs (brk) */
    uint64_t start_code, end_code, start_data, end_data, end_mem;
};

/* Is this the start of an ELF file at all (its magic number)? */
static inline int elf_is_elf(const void *buf, size_t len)
{
    const unsigned char *b = buf;
    return len >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
}

/* The program header table of the vDSO whose ELF header is at vdso
 * (AT_SYSINFO_EHDR), or NULL.  What the kernel (or an emulator) maps there
 * is believed to be an ELF image with its program headers in its first
 * page, the least any mapping has, and checked only that far. */
static inline const Elf64_Phdr *elf_vdso_phdrs(const Elf64_Ehdr *vdso)
{
    if (!vdso || !elf_is_elf(vdso, 4096) || vdso->e_phoff > 4096 || vdso->e_phoff % 8 ||
        vdso->e_phnum > (4096 - vdso->e_phoff) / sizeof(Elf64_Phdr))
        return NULL;
    return (const Elf64_Phdr *)((const char *)vdso + vdso->e_phoff);
}

/* Check the ELF header; len bytes of the file start are at buf. */
int elf_check_header(const void *buf, size_t len, uint64_t file_size,
                     struct load_error *err);

/* Check the program headers of a file whose header passed
 * elf_check_header, and fill in *info. */
int elf_check_phdrs(const Elf64_Ehdr *restrict eh, const Elf64_Phdr *restrict ph,
                    uint64_t file_size, uint64_t pagesz,
                    struct elf_info *restrict info, struct load_error *err);

/* A program (not a library) must enter inside an executable segment. */
int elf_check_entry(const Elf64_Ehdr *eh, const struct elf_info *info,
                    struct load_error *err);

/* Check a PT_INTERP string of len bytes, as read from the file. */
int elf_check_interp(const char *path, size_t len, struct load_error *err);

#endif
