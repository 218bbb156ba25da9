/* Mapping a validated ELF file's PT_LOAD segments into memory. */
#ifndef ELF_MAP_H
#define ELF_MAP_H

#include <stdint.h>
#include "elf_file.h"

/* Map every PT_LOAD of f with its protections, in table order (a later one
 * over an earlier one), clear .bss, and return the load bias (run-time
 * minus link-time address) in *bias.  ET_EXEC goes at its link-time
 * addresses and refuses to replace existing mappings; ET_DYN goes wherever
 * the kernel's randomised mmap places it. */
int elf_map(const struct elf_file *f, uint64_t pagesz, uint64_t *bias,
            struct load_error *err);

/* The same with an ET_DYN file's lowest page at base when base is not 0
 * and nothing is mapped there (else anywhere, as elf_map). */
int elf_map_at(const struct elf_file *f, uint64_t pagesz, uint64_t base, uint64_t *bias,
               struct load_error *err);

/* The same at base over what is mapped there: the caller's own reserved
 * memory (an ET_DYN file only; base not 0). */
int elf_map_over(const struct elf_file *f, uint64_t pagesz, uint64_t base, uint64_t *bias,
                 struct load_error *err);

/* Map the writable PT_LOADs of a file again, from its descriptor fd and
 * as zero pages, over the object already mapped at bias, whose program
 * header table (checked when it was mapped) is ph: its data as the file
 * holds it, as elf_map left it (rtld's reuse of an unloaded library). */
int elf_map_writable(int fd, const Elf64_Phdr *ph, int phnum, uint64_t pagesz, uint64_t bias,
                     struct load_error *err);

#endif
