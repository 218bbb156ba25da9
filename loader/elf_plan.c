#include <linux/mman.h>
#include "elf_plan.h"

static uint64_t page_down(uint64_t x, uint64_t pagesz) { return x & -pagesz; }
static uint64_t page_up(uint64_t x, uint64_t pagesz) { return (x + pagesz - 1) & -pagesz; }
static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* mmap's PROT_* for each combination of p_flags' PF_X, PF_W and PF_R (gABI
 * "Segment Flag Bits": 1, 2, 4; PROT_READ, _WRITE, _EXEC are 1, 2, 4) */
static const unsigned char prot_of_flags[8] = {
    [PF_X] = PROT_EXEC,
    [PF_W] = PROT_WRITE,
    [PF_W | PF_X] = PROT_WRITE | PROT_EXEC,
    [PF_R] = PROT_READ,
    [PF_R | PF_X] = PROT_READ | PROT_EXEC,
    [PF_R | PF_W] = PROT_READ | PROT_WRITE,
    [PF_R | PF_W | PF_X] = PROT_READ | PROT_WRITE | PROT_EXEC,
};

void plan_segment(const Elf64_Phdr *p, uint64_t pagesz, uint64_t prev_end,
                  struct seg_plan *s)
{
    uint64_t start = page_down(p->p_vaddr, pagesz);
    uint64_t file_end = p->p_vaddr + p->p_filesz;
    uint64_t mem_end = p->p_vaddr + p->p_memsz;

    s->prot = prot_of_flags[p->p_flags & (PF_R | PF_W | PF_X)];
    s->shares_page = start < prev_end;
    if (p->p_filesz) {
        /* File pages, then anonymous pages for the rest of .bss.  When
         * there is .bss, the tail of the last file page is cleared to the
         * page end, as the kernel's padzero() does: glibc's ld.so allocates
         * its first heap from that tail and expects zeros. */
        s->map_start = start;
        s->map_end = page_up(file_end, pagesz);
        s->map_off = page_down(p->p_offset, pagesz);
        s->zero_start = file_end;
        s->zero_end = mem_end > file_end ? s->map_end : file_end;
        s->anon_start = s->map_end;
    } else {
        /* Pure .bss: a page shared with the previous segment is already
         * mapped and only needs clearing from p_vaddr on. */
        uint64_t first = start < prev_end ? prev_end : start;
        s->map_start = s->map_end = s->map_off = 0;
        s->zero_start = p->p_vaddr;
        s->zero_end = min_u64(first > p->p_vaddr ? first : p->p_vaddr, mem_end);
        s->anon_start = first;
    }
    /* zero_start <= zero_end: elf_check_phdrs guarantees p_filesz <=
     * p_memsz.  A pure .bss segment that lies inside pages the previous one
     * mapped (overlapping PT_LOADs) has no anonymous pages of its own. */
    s->anon_end = page_up(mem_end, pagesz);
    if (s->anon_start > s->anon_end)
        s->anon_start = s->anon_end;
}

int plan_page_writable(const Elf64_Phdr *ph, size_t phnum, uint64_t vaddr, uint64_t pagesz)
{
    uint64_t page = page_down(vaddr, pagesz);
    int writable = 0;
    for (size_t i = 0; i < phnum; i++) {
        const Elf64_Phdr *p = &ph[i];
        uint64_t first = page_down(p->p_vaddr, pagesz);
        /* its pages [first, page_up(p_vaddr + p_memsz)) hold the page */
        if (p->p_type == PT_LOAD && page >= first &&
            page - first < p->p_vaddr - first + p->p_memsz)
            writable = (p->p_flags & PF_W) && vaddr >= p->p_vaddr &&
                       vaddr - p->p_vaddr < p->p_filesz;
    }
    return writable;
}
