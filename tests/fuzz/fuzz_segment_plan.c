/* libFuzzer harness: elf_check_phdrs then plan_segment (loader/elf_plan.c)
 * for every PT_LOAD, checking the plan's invariants; and plan_page_writable
 * against the protection the plans leave on a page.
 *
 * Input: 1 byte choosing the page size (4 KiB, 16 KiB or 64 KiB), 8 bytes
 * of file size, then program headers (Elf64_Phdr, as many as fit). */
#include <linux/mman.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "elf_validate.h"
#include "elf_plan.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

/* The protection the plans, mapped in order, leave on the page at page (0:
 * none): the last one whose file or anonymous pages hold it. */
static int final_prot(const struct seg_plan *plans, size_t nplans, uint64_t page)
{
    int prot = 0;
    for (size_t i = 0; i < nplans; i++) {
        if (page >= plans[i].map_start && page < plans[i].map_end)
            prot = plans[i].prot;
        if (page >= plans[i].anon_start && page < plans[i].anon_end)
            prot = PROT_READ | PROT_WRITE | (plans[i].prot & PROT_EXEC);
    }
    return prot;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct load_error err;
    static const uint64_t pages[4] = { 4096, 4096, 16384, 65536 };
    if (size < 9)
        return 0;
    uint64_t pagesz = pages[data[0] & 3], file_size;
    memcpy(&file_size, data + 1, 8);
    size_t n = (size - 9) / sizeof(Elf64_Phdr);
    if (n == 0 || n > ELF_MAX_PHNUM)
        return 0;
    Elf64_Phdr *ph = malloc(n * sizeof *ph);
    if (!ph)
        return 0;
    memcpy(ph, data + 9, n * sizeof *ph);
    Elf64_Ehdr eh = { .e_type = ET_DYN, .e_phnum = (uint16_t)n,
                      .e_phentsize = sizeof(Elf64_Phdr), .e_phoff = 64 };
    memcpy(&eh.e_entry, data + 1, 8);
    struct elf_info info;
    if (elf_check_phdrs(&eh, ph, file_size, pagesz, &info, &err)) {
        free(ph);
        return 0;
    }
    uint64_t prev_end = 0, prev_lo = 0;
    int seen = 0;
    struct seg_plan *plans = malloc(n * sizeof *plans);
    size_t nplans = 0;
    if (!plans) {
        free(ph);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        const Elf64_Phdr *p = &ph[i];
        if (p->p_type != PT_LOAD)
            continue;
        struct seg_plan s;
        /* as elf_map: the previous PT_LOAD's pages count only below this one */
        if (seen++ && prev_lo > (p->p_vaddr & -pagesz))
            prev_end = 0;
        prev_lo = p->p_vaddr & -pagesz;
        plan_segment(p, pagesz, prev_end, &s);
        uint64_t mem_end = p->p_vaddr + p->p_memsz, file_end = p->p_vaddr + p->p_filesz;
        /* ranges well formed */
        CHECK(s.map_start <= s.map_end);
        CHECK(s.zero_start <= s.zero_end);
        CHECK(s.anon_start <= s.anon_end);
        /* mapping and anonymous pages are page-aligned */
        CHECK(!(s.map_start % pagesz) && !(s.map_end % pagesz) && !(s.map_off % pagesz));
        CHECK(!(s.anon_start % pagesz) && !(s.anon_end % pagesz));
        /* map, then anon, in address order, within the segment's pages */
        if (s.map_end > s.map_start) {
            CHECK(s.map_start == (p->p_vaddr & -pagesz));
            CHECK(s.map_end >= file_end && s.map_end - file_end < pagesz);
            CHECK(s.map_off == (p->p_offset & -pagesz));
            CHECK(s.anon_start >= s.map_end);
            /* the last file page, where a writable segment's .bss begins,
             * holds file bytes: the loader clears it (elf_check_phdrs) */
            if ((p->p_flags & PF_W) && s.zero_end > s.zero_start)
                CHECK(s.map_off + (s.map_end - s.map_start) - pagesz < file_size);
        } else {
            CHECK(p->p_filesz == 0);
        }
        CHECK(s.anon_end == s.anon_start || s.anon_end >= mem_end);
        /* plan_end (anon_end) is the end of the file pages too */
        CHECK(s.anon_end >= s.map_end);
        /* overlapping PT_LOADs: a later one's pages may lie below prev_end */
        CHECK(plan_end(&s) >= mem_end || p->p_memsz == 0);
        /* the bytes to clear lie inside mapped pages: this segment's file
         * pages, or the page shared with the previous segment */
        if (s.zero_end > s.zero_start) {
            int in_map = s.zero_start >= s.map_start && s.zero_end <= s.map_end &&
                         s.map_end > s.map_start;
            int in_prev = s.zero_end <= prev_end && s.zero_start >= (p->p_vaddr & -pagesz);
            CHECK(in_map || in_prev);
            CHECK(s.zero_start >= p->p_vaddr);
        }
        /* all of [p_vaddr, mem_end) is covered by mapped, shared or anon pages */
        if (p->p_memsz) {
            uint64_t covered = p->p_vaddr;
            if (s.map_end > s.map_start)
                covered = s.map_end;
            else if (prev_end > covered)
                covered = prev_end;
            if (s.anon_end > s.anon_start) {
                CHECK(s.anon_start <= covered || s.anon_start <= p->p_vaddr);
                covered = s.anon_end;
            }
            CHECK(covered >= mem_end);
        }
        CHECK(s.shares_page == ((p->p_vaddr & -pagesz) < prev_end));
        uint64_t end = plan_end(&s);
        CHECK(end >= prev_end || s.shares_page || end >= (p->p_vaddr & -pagesz));
        prev_end = end;
        plans[nplans++] = s;
    }
    /* a page plan_page_writable calls writable is left writable: tried at
     * each segment's first and last file byte, and at the input's address */
    for (size_t i = 0; i <= n; i++) {
        const Elf64_Phdr *p = i < n ? &ph[i] : NULL;
        if (p && (p->p_type != PT_LOAD || !p->p_filesz))
            continue;
        uint64_t at[2] = { p ? p->p_vaddr : eh.e_entry,
                           p ? p->p_vaddr + p->p_filesz - 1 : eh.e_entry };
        for (int k = 0; k < 2; k++)
            if (plan_page_writable(ph, n, at[k], pagesz))
                CHECK(final_prot(plans, nplans, at[k] & -pagesz) & PROT_WRITE);
    }
    free(plans);
    free(ph);
    return 0;
}
