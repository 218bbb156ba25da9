/* elf_plan.c: which pages of a PT_LOAD are file-backed, which bytes of the
 * last file page are cleared, which pages are anonymous .bss, which
 * page is surely writable once mapped; and placement.c's place_in_reserve, where in the loader's reserve an
 * interpreter or a static PIE goes. */
#include <criterion/criterion.h>
#include <linux/mman.h>
#include <string.h>
#include "elf_plan.h"
#include "placement.h"

#define PAGE 0x1000u

static Elf64_Phdr load(uint32_t flags, uint64_t off, uint64_t vaddr,
                       uint64_t filesz, uint64_t memsz)
{
    return (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = flags, .p_offset = off,
                         .p_vaddr = vaddr, .p_paddr = vaddr, .p_filesz = filesz,
                         .p_memsz = memsz, .p_align = PAGE };
}

#define eq64(a, b) cr_assert_eq((uint64_t)(a), (uint64_t)(b), \
                                "%s = %#lx, expected %#lx", #a,  \
                                (unsigned long)(a), (unsigned long)(b))

static int zero_empty(const struct seg_plan *s) { return s->zero_end == s->zero_start; }
static int anon_empty(const struct seg_plan *s) { return s->anon_end == s->anon_start; }
static int map_empty(const struct seg_plan *s)  { return s->map_end == s->map_start; }

Test(plan_segment, file_only_no_bss)
{
    Elf64_Phdr p = load(PF_R | PF_X, 0x1000, 0x401000, 0x500, 0x500);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0x401000, &s);
    eq64(s.map_start, 0x401000);
    eq64(s.map_end, 0x402000);
    eq64(s.map_off, 0x1000);
    cr_assert(zero_empty(&s), "memsz == filesz: nothing to clear, got %#lx..%#lx",
              (unsigned long)s.zero_start, (unsigned long)s.zero_end);
    cr_assert(anon_empty(&s), "memsz == filesz: no anonymous pages");
    cr_assert_eq(s.prot, PROT_READ | PROT_EXEC);
    cr_assert_eq(s.shares_page, 0);
    eq64(plan_end(&s), 0x402000);
}

Test(plan_segment, file_only_page_multiple)
{
    Elf64_Phdr p = load(PF_R, 0, 0x400000, 0x2000, 0x2000);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0, &s);
    eq64(s.map_start, 0x400000);
    eq64(s.map_end, 0x402000);
    eq64(s.map_off, 0);
    cr_assert(zero_empty(&s));
    cr_assert(anon_empty(&s));
    eq64(plan_end(&s), 0x402000);
}

/* .bss that fits in the last file page: cleared from the end of the file
 * bytes to the end of the page (the kernel's padzero()), no anon pages. */
Test(plan_segment, bss_within_last_file_page)
{
    Elf64_Phdr p = load(PF_R | PF_W, 0x2e10, 0x403e10, 0x100, 0x180);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0x403000, &s);
    eq64(s.map_start, 0x403000);
    eq64(s.map_end, 0x404000);
    eq64(s.map_off, 0x2000);
    eq64(s.zero_start, 0x403f10);
    eq64(s.zero_end, 0x404000);         /* page end, not p_vaddr + p_memsz */
    cr_assert(anon_empty(&s), "bss inside the file page needs no anon pages, got %#lx..%#lx",
              (unsigned long)s.anon_start, (unsigned long)s.anon_end);
    cr_assert_eq(s.prot, PROT_READ | PROT_WRITE);
    eq64(plan_end(&s), 0x404000);
}

Test(plan_segment, bss_over_many_pages)
{
    Elf64_Phdr p = load(PF_R | PF_W, 0x2e10, 0x403e10, 0x100, 0x5000);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0x403000, &s);
    eq64(s.map_start, 0x403000);
    eq64(s.map_end, 0x404000);
    eq64(s.map_off, 0x2000);
    eq64(s.zero_start, 0x403f10);
    eq64(s.zero_end, 0x404000);
    eq64(s.anon_start, 0x404000);
    eq64(s.anon_end, 0x409000);         /* 0x403e10 + 0x5000 = 0x408e10, page up */
    eq64(plan_end(&s), 0x409000);
}

Test(plan_segment, bss_after_page_aligned_file_end)
{
    /* the file bytes end on a page boundary: nothing to clear */
    Elf64_Phdr p = load(PF_R | PF_W, 0x3000, 0x403000, 0x1000, 0x2800);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0x403000, &s);
    eq64(s.map_start, 0x403000);
    eq64(s.map_end, 0x404000);
    cr_assert(zero_empty(&s), "got %#lx..%#lx",
              (unsigned long)s.zero_start, (unsigned long)s.zero_end);
    eq64(s.anon_start, 0x404000);
    eq64(s.anon_end, 0x406000);
    eq64(plan_end(&s), 0x406000);
}

/* Pure .bss (p_filesz 0) starting in the page where the previous segment
 * ends: that page is already mapped, so only the bytes from p_vaddr are
 * cleared and the anonymous pages start after it. */
Test(plan_segment, pure_bss_sharing_previous_page)
{
    Elf64_Phdr p = load(PF_R | PF_W, 0x2f80, 0x403f80, 0, 0x2000);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0x404000, &s);
    cr_assert(map_empty(&s), "no file pages for a pure .bss segment");
    cr_assert_eq(s.shares_page, 1);
    eq64(s.zero_start, 0x403f80);
    eq64(s.zero_end, 0x404000);
    eq64(s.anon_start, 0x404000);
    eq64(s.anon_end, 0x406000);         /* 0x403f80 + 0x2000 = 0x405f80, page up */
    eq64(plan_end(&s), 0x406000);
}

Test(plan_segment, pure_bss_entirely_inside_shared_page)
{
    Elf64_Phdr p = load(PF_R | PF_W, 0x2f80, 0x403f80, 0, 0x40);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0x404000, &s);
    cr_assert(map_empty(&s));
    cr_assert_eq(s.shares_page, 1);
    eq64(s.zero_start, 0x403f80);
    eq64(s.zero_end, 0x403fc0);
    cr_assert(anon_empty(&s), "got anon %#lx..%#lx",
              (unsigned long)s.anon_start, (unsigned long)s.anon_end);
    /* the segment occupies no page beyond those already planned */
    eq64(plan_end(&s), 0x404000);
}

Test(plan_segment, pure_bss_own_pages)
{
    Elf64_Phdr p = load(PF_R | PF_W, 0x3100, 0x405100, 0, 0x1000);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0x404000, &s);
    cr_assert(map_empty(&s));
    cr_assert_eq(s.shares_page, 0);
    cr_assert(zero_empty(&s), "fresh anonymous pages need no clearing, got %#lx..%#lx",
              (unsigned long)s.zero_start, (unsigned long)s.zero_end);
    eq64(s.anon_start, 0x405000);
    eq64(s.anon_end, 0x407000);         /* 0x405100 + 0x1000 = 0x406100, page up */
    eq64(plan_end(&s), 0x407000);
}

Test(plan_segment, pure_bss_right_after_previous_pages)
{
    Elf64_Phdr p = load(PF_R | PF_W, 0x3000, 0x404000, 0, 0x1800);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0x404000, &s);
    cr_assert_eq(s.shares_page, 0);
    cr_assert(zero_empty(&s));
    eq64(s.anon_start, 0x404000);
    eq64(s.anon_end, 0x406000);
}

Test(plan_segment, pure_bss_first_segment)
{
    Elf64_Phdr p = load(PF_R | PF_W, 0, 0x10000, 0, 0x10);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0, &s);
    cr_assert_eq(s.shares_page, 0);
    cr_assert(map_empty(&s));
    eq64(s.anon_start, 0x10000);
    eq64(s.anon_end, 0x11000);
    eq64(plan_end(&s), 0x11000);
}

Test(plan_segment, unaligned_vaddr)
{
    Elf64_Phdr p = load(PF_R, 0x1234, 0x401234, 0x100, 0x100);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0, &s);
    eq64(s.map_start, 0x401000);
    eq64(s.map_end, 0x402000);
    eq64(s.map_off, 0x1000);
    cr_assert(zero_empty(&s));
    cr_assert(anon_empty(&s));
}

Test(plan_segment, unaligned_vaddr_crossing_pages)
{
    Elf64_Phdr p = load(PF_R, 0x1ff0, 0x401ff0, 0x20, 0x20);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0, &s);
    eq64(s.map_start, 0x401000);
    eq64(s.map_end, 0x403000);
    eq64(s.map_off, 0x1000);
}

Test(plan_segment, prot_from_flags)
{
    static const struct { uint32_t flags; int prot; } t[] = {
        { 0,                    PROT_NONE },
        { PF_R,                 PROT_READ },
        { PF_W,                 PROT_WRITE },
        { PF_X,                 PROT_EXEC },
        { PF_R | PF_W,          PROT_READ | PROT_WRITE },
        { PF_R | PF_X,          PROT_READ | PROT_EXEC },
        { PF_W | PF_X,          PROT_WRITE | PROT_EXEC },
        { PF_R | PF_W | PF_X,   PROT_READ | PROT_WRITE | PROT_EXEC },
        { PF_R | 0x0ff00000u,   PROT_READ },        /* PF_MASKOS bits ignored */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        Elf64_Phdr p = load(t[i].flags, 0, 0x400000, 0x10, 0x10);
        struct seg_plan s;
        plan_segment(&p, PAGE, 0, &s);
        cr_assert_eq(s.prot, t[i].prot, "p_flags %#x: prot %d, expected %d",
                     t[i].flags, s.prot, t[i].prot);
        /* pure .bss gets the same protection */
        p.p_filesz = 0;
        plan_segment(&p, PAGE, 0, &s);
        cr_assert_eq(s.prot, t[i].prot, "pure bss, p_flags %#x", t[i].flags);
    }
}

Test(plan_segment, shares_page_file_segment)
{
    /* data starts in the page where text ended */
    Elf64_Phdr p = load(PF_R | PF_W, 0x1800, 0x401800, 0x100, 0x100);
    struct seg_plan s;
    plan_segment(&p, PAGE, 0x402000, &s);
    cr_assert_eq(s.shares_page, 1);
    /* the shared page is mapped again from this segment's file page */
    eq64(s.map_start, 0x401000);
    eq64(s.map_end, 0x402000);
    eq64(s.map_off, 0x1000);

    plan_segment(&p, PAGE, 0x401000, &s);
    cr_assert_eq(s.shares_page, 0, "previous pages end where this one starts");
    plan_segment(&p, PAGE, 0, &s);
    cr_assert_eq(s.shares_page, 0, "first segment");
}

Test(plan_segment, larger_page_size)
{
    /* 64 KiB pages (the planner takes the page size as a parameter) */
    Elf64_Phdr p = load(PF_R | PF_W, 0x12340, 0x412340, 0x100, 0x20000);
    struct seg_plan s;
    plan_segment(&p, 0x10000, 0x410000, &s);
    eq64(s.map_start, 0x410000);
    eq64(s.map_end, 0x420000);
    eq64(s.map_off, 0x10000);
    eq64(s.zero_start, 0x412440);
    eq64(s.zero_end, 0x420000);
    eq64(s.anon_start, 0x420000);
    eq64(s.anon_end, 0x440000);         /* 0x432340 page up */
}

/* plan_end is the end of every page a plan occupies, file-backed or
 * anonymous, whichever kind the segment has. */
Test(plan_end, end_of_file_and_anonymous_pages)
{
    const struct { Elf64_Phdr p; uint64_t prev_end; } cases[] = {
        { load(PF_R | PF_X, 0x1000, 0x401000, 0x500, 0x500), 0 },      /* file only */
        { load(PF_R | PF_W, 0x2e00, 0x402e00, 0x300, 0x400), 0 },      /* .bss in the page */
        { load(PF_R | PF_W, 0x2e00, 0x402e00, 0x300, 0x5000), 0 },     /* .bss pages */
        { load(PF_R | PF_W, 0x3100, 0x403100, 0, 0x3000), 0x404000 },  /* pure .bss */
        { load(PF_R | PF_W, 0x3100, 0x403100, 0, 0x100), 0x404000 },   /* inside the shared page */
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct seg_plan s;
        plan_segment(&cases[i].p, PAGE, cases[i].prev_end, &s);
        uint64_t end = s.map_end > s.anon_end ? s.map_end : s.anon_end;
        cr_assert_eq(plan_end(&s), end, "case %u: plan_end %#lx, pages end at %#lx", i,
                     (unsigned long)plan_end(&s), (unsigned long)end);
    }
}

/* A whole typical non-separate-code layout, planned segment by segment as
 * elf_map() does, must cover every byte of every segment exactly once. */
Test(plan_segment, chain_covers_segments)
{
    Elf64_Phdr ph[] = {
        load(PF_R | PF_X, 0, 0x400000, 0x1234, 0x1234),
        load(PF_R | PF_W, 0x1e00, 0x402e00, 0x300, 0x300),
        load(PF_R | PF_W, 0x2100, 0x403100, 0, 0x3000),  /* separate pure .bss */
    };
    uint64_t prev_end = 0;
    uint64_t ends[3] = { 0x402000, 0x404000, 0x407000 };
    for (int i = 0; i < 3; i++) {
        struct seg_plan s;
        plan_segment(&ph[i], PAGE, prev_end, &s);
        uint64_t lo = map_empty(&s) ? s.anon_start : s.map_start;
        cr_assert(lo <= (ph[i].p_vaddr & -(uint64_t)PAGE) || s.shares_page,
                  "segment %d starts unplanned", i);
        cr_assert(plan_end(&s) >= ph[i].p_vaddr + ph[i].p_memsz, "segment %d cut", i);
        eq64(plan_end(&s), ends[i]);
        prev_end = plan_end(&s);
    }
}

/* An ET_DYN span [0, span) with the given largest alignment. */
static struct elf_info spanning(uint64_t span, uint64_t align)
{
    return (struct elf_info){ .type = ET_DYN, .lo = 0, .hi = span, .align = align };
}

/* A library as linkers lay it out: text, read-only data, then the
 * writable segment whose first page holds RELRO (the dynamic section, the
 * GOT) and whose last holds .data and the start of .bss. */
static const Elf64_Phdr lib[] = {
    { .p_type = PT_LOAD, .p_flags = PF_R, .p_vaddr = 0, .p_filesz = 0x31b8, .p_memsz = 0x31b8 },
    { .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0x4000, .p_vaddr = 0x4000,
      .p_filesz = 0x126f, .p_memsz = 0x126f },
    { .p_type = PT_DYNAMIC, .p_flags = PF_R | PF_W, .p_vaddr = 0x8d80, .p_memsz = 0x250 },
    { .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = 0x7d70, .p_vaddr = 0x8d70,
      .p_filesz = 0x3b0, .p_memsz = 0x13b8 },
};
#define NLIB (sizeof lib / sizeof lib[0])

Test(plan_page_writable, file_bytes_of_a_writable_segment)
{
    cr_assert(plan_page_writable(lib, NLIB, 0x8d80, PAGE), "the dynamic section's page");
    cr_assert(plan_page_writable(lib, NLIB, 0x9100, PAGE), "the last file byte's page");
}

Test(plan_page_writable, not_file_bytes_or_not_writable)
{
    cr_assert(!plan_page_writable(lib, NLIB, 0x9200, PAGE), ".bss is not the file's bytes");
    cr_assert(!plan_page_writable(lib, NLIB, 0x4100, PAGE), "the text");
    cr_assert(!plan_page_writable(lib, NLIB, 0x3000, PAGE), "read-only data");
    cr_assert(!plan_page_writable(lib, NLIB, 0x7000, PAGE), "in no segment");
    cr_assert(!plan_page_writable(lib, NLIB - 1, 0x8d80, PAGE), "without the segment");
}

Test(plan_page_writable, a_later_segment_over_the_page)
{
    Elf64_Phdr ph[NLIB + 1];
    memcpy(ph, lib, sizeof lib);
    /* a read-only segment mapped after the writable one, over its first page */
    ph[NLIB] = load(PF_R, 0x7000, 0x8000, 0x10, 0x10);
    cr_assert(!plan_page_writable(ph, NLIB + 1, 0x8d80, PAGE), "read-only once mapped");
    cr_assert(plan_page_writable(ph, NLIB + 1, 0x9100, PAGE), "the next page is not covered");
    /* its .bss alone reaching into the page counts too (the kernel maps the
     * page anonymous there, or the page keeps the earlier protection) */
    ph[NLIB] = load(PF_R | PF_W, 0, 0x7800, 0, 0x1000);
    cr_assert(!plan_page_writable(ph, NLIB + 1, 0x8d80, PAGE), "a pure .bss segment over it");
    /* a writable segment mapped earlier does not make a later read-only one's page writable */
    Elf64_Phdr two[2] = { lib[3], load(PF_R, 0x7000, 0x8000, 0x1000, 0x1000) };
    cr_assert(!plan_page_writable(two, 2, 0x8d80, PAGE), "the later mapping wins");
}

Test(plan_page_writable, larger_page_size)
{
    /* with 64 KiB pages every segment of the library shares one page: the
     * writable segment, mapped last, gives it its protection */
    cr_assert(plan_page_writable(lib, NLIB, 0x8d80, 0x10000), "mapped last");
    Elf64_Phdr ph[2] = { lib[3], lib[1] };
    cr_assert(!plan_page_writable(ph, 2, 0x8d80, 0x10000), "the text mapped over it");
    cr_assert(plan_page_writable(ph, 2, 0x8d80, PAGE), "4 KiB pages: apart");
}

Test(place_in_reserve, top_of_the_mmap_area)
{
    struct elf_info in = spanning(0x3b000, PAGE);
    /* just below the top, as the kernel's top-down mmap puts it */
    eq64(place_in_reserve(&in, 0x7f0000000000, 0x7f00001ff000, 0, PAGE), 0x7f00001c4000);
    /* exactly the reserve's size still fits */
    in = spanning(0x1ff000, PAGE);
    eq64(place_in_reserve(&in, 0x7f0000000000, 0x7f00001ff000, 0, PAGE), 0x7f0000000000);
    /* one page more does not */
    in = spanning(0x200000, PAGE);
    eq64(place_in_reserve(&in, 0x7f0000000000, 0x7f00001ff000, 0, PAGE), 0);
}

Test(place_in_reserve, alignment)
{
    struct elf_info in = spanning(0x3b000, 0x10000);
    /* a static PIE's p_align above the page size is honoured, downwards */
    eq64(place_in_reserve(&in, 0x7f0000000000, 0x7f00001ff000, 1, PAGE), 0x7f00001c0000);
    /* an interpreter's is not */
    eq64(place_in_reserve(&in, 0x7f0000000000, 0x7f00001ff000, 0, PAGE), 0x7f00001c4000);
    /* aligned below the reserve's start: it does not fit */
    in = spanning(0x1f0000, 0x200000);
    eq64(place_in_reserve(&in, 0x7f0000001000, 0x7f00001ff000, 1, PAGE), 0);
}
