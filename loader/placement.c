/* The rules are load_elf_binary()'s (fs/binfmt_elf.c: "PIE handling" and
 * "brk handling") with arch_mmap_rnd() and arch_randomize_brk(). */
#include "arch.h"
#include "placement.h"

uint64_t place_dyn_program(const struct elf_info *in, uint64_t rnd, int randomize,
                           uint64_t pagesz)
{
    uint64_t base = ARCH_ELF_ET_DYN_BASE;
    if (randomize)
        base += ((rnd >> 32) & ((1ull << ARCH_MMAP_RND_BITS) - 1)) * pagesz;
    return base & -in->align & -pagesz;
}

uint64_t place_brk(const struct elf_info *in, uint64_t bias, uint64_t rnd, int randomize,
                   uint64_t pagesz)
{
    /* a loader run directly gets its heap away from the mmap area */
    int moved = in->type == ET_DYN && in->interp < 0;
    uint64_t brk = ((moved ? ARCH_ELF_ET_DYN_BASE : in->end_mem + bias) + pagesz - 1) & -pagesz;
    if (randomize)
        brk += (moved ? 0 : pagesz) + ((uint32_t)rnd % (ARCH_BRK_RND_RANGE / pagesz)) * pagesz;
    return brk;
}

uint64_t place_in_reserve(const struct elf_info *in, uint64_t start, uint64_t top, int align,
                          uint64_t pagesz)
{
    uint64_t span = in->hi - in->lo;
    if (span > top - start)
        return 0;
    uint64_t base = top - span;
    if (align && in->align > pagesz)
        base &= -in->align;
    return base >= start ? base : 0;
}
