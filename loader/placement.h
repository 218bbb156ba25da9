/* Where load_elf_binary() puts an ET_DYN program that has a PT_INTERP, an
 * interpreter or a static PIE, and where it starts the heap (brk),
 * randomised as the kernel does when it randomises the address space. */
#ifndef PLACEMENT_H
#define PLACEMENT_H

#include <stdint.h>
#include "elf_validate.h"

/* The address for an ET_DYN program's lowest page: ELF_ET_DYN_BASE plus
 * ARCH_MMAP_RND_BITS random pages, aligned down to the largest p_align. */
uint64_t place_dyn_program(const struct elf_info *in, uint64_t rnd, int randomize,
                           uint64_t pagesz);

/* The address for the lowest page of an ET_DYN file the kernel maps with a
 * load bias of 0 (fs/binfmt_elf.c: an interpreter, a static PIE): mmap's
 * first choice, its span just below top, the top of the mmap area (where
 * the kernel put the loader), aligned down to the largest p_align when
 * align is set (a static PIE: the kernel honours it, not an interpreter's).
 * 0 if that does not lie within [start, top). */
uint64_t place_in_reserve(const struct elf_info *in, uint64_t start, uint64_t top, int align,
                          uint64_t pagesz);

/* The heap start: the page after the program's last PT_LOAD (bias added),
 * or ELF_ET_DYN_BASE for an ET_DYN file without PT_INTERP (a static PIE or
 * an interpreter run as a program); with randomisation one gap page more
 * (only in the first case) and up to ARCH_BRK_RND_RANGE of random pages. */
uint64_t place_brk(const struct elf_info *in, uint64_t bias, uint64_t rnd, int randomize,
                   uint64_t pagesz);

#endif
