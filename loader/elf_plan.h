/* Segment planning: which pages of a PT_LOAD come from the file, which
 * bytes of the last file page must be cleared, and which pages are
 * anonymous zero memory (the rest of .bss).  Pure arithmetic on link-time
 * addresses, so it can be tested without mapping anything. */
#ifndef ELF_PLAN_H
#define ELF_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include "libsys/elf_defs.h"

struct seg_plan {
    uint64_t map_start, map_end, map_off;   /* file-backed pages (may be empty) */
    uint64_t zero_start, zero_end;          /* bytes to clear in a mapped page */
    uint64_t anon_start, anon_end;          /* anonymous zero pages (may be empty) */
    int      prot;                          /* PROT_* from p_flags */
    int      shares_page;                   /* first page is also the previous
                                               segment's last page */
};

/* prev_end is the end of the pages planned for the previous PT_LOAD when
 * that one starts at or below p (0 otherwise, and for the first one); p has
 * passed elf_check_phdrs. */
void plan_segment(const Elf64_Phdr *p, uint64_t pagesz, uint64_t prev_end,
                  struct seg_plan *out);

/* End of the pages a plan occupies: anon_end, which plan_segment puts at
 * or past map_end (p_memsz >= p_filesz), even when there are no anonymous
 * pages (anon_start == anon_end). */
static inline uint64_t plan_end(const struct seg_plan *s)
{
    return s->anon_end;
}

/* Whether the page holding the byte at vaddr (link-time) is writable once
 * the table's PT_LOADs are mapped, as far as the table alone tells for sure:
 * the byte lies in the file bytes of a PF_W segment, and no later PT_LOAD
 * has a page over it (the kernel and elf_map map the segments in table
 * order, a later one over an earlier one; protect_relro is not counted). */
int plan_page_writable(const Elf64_Phdr *ph, size_t phnum, uint64_t vaddr, uint64_t pagesz);

#endif
