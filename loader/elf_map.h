/* Mapping a validated ELF file's PT_LOAD segments into memory. */
#ifndef ELF_MAP_H
#define ELF_MAP_H

#include <stdint.h>
#include "elf_file.h"

/* Map every PT_LOAD of f with its protections, clear .bss, and return the
 * load bias (run-time minus link-time address) in *bias.  ET_EXEC goes at
 * its link-time addresses and refuses to replace existing mappings; ET_DYN
 * goes wherever the kernel's randomised mmap places it. */
int elf_map(const struct elf_file *f, uint64_t pagesz, uint64_t *bias,
            struct load_error *err);

/* Map the writable PT_LOADs of f again, from the file and as zero pages,
 * over the object already mapped at bias: its data as the file holds it,
 * as elf_map left it (rtld's reuse of an unloaded library). */
int elf_map_writable(const struct elf_file *f, uint64_t pagesz, uint64_t bias,
                     struct load_error *err);

#endif
