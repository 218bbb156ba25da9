/* elf_validate.c: ELF header, program header and PT_INTERP checks.
 *
 * Every test starts from a valid x86_64 executable image built in memory by
 * make_exec() and breaks exactly one thing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "arch.h"
#include "elf_validate.h"

#define PAGE 0x1000u

/* A file image: the ELF header immediately followed by its phdrs. */
struct img {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[8];
};

/* Valid ET_EXEC:
 *   [0] PT_LOAD R   off 0      vaddr 0x400000 filesz 0x1000 (holds the phdrs)
 *   [1] PT_LOAD R X off 0x1000 vaddr 0x401000 filesz 0x500
 *   [2] PT_LOAD R W off 0x1e10 vaddr 0x402e10 filesz 0x200 memsz 0x1000
 *   [3] PT_GNU_STACK RW
 * in a file of FILE_SIZE bytes; entry 0x401000. */
#define FILE_SIZE 0x3000u

static void make_exec(struct img *m)
{
    memset(m, 0, sizeof *m);
    memcpy(m->eh.e_ident, "\177ELF", 4);
    m->eh.e_ident[EI_CLASS] = ELFCLASS64;
    m->eh.e_ident[EI_DATA] = ELFDATA2LSB;
    m->eh.e_ident[EI_VERSION] = EV_CURRENT;
    m->eh.e_type = ET_EXEC;
    m->eh.e_machine = ARCH_EM_MACHINE;
    m->eh.e_version = EV_CURRENT;
    m->eh.e_entry = 0x401000;
    m->eh.e_phoff = sizeof(Elf64_Ehdr);
    m->eh.e_ehsize = sizeof(Elf64_Ehdr);
    m->eh.e_phentsize = sizeof(Elf64_Phdr);
    m->eh.e_phnum = 4;
    m->ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R,
        .p_offset = 0, .p_vaddr = 0x400000, .p_paddr = 0x400000,
        .p_filesz = 0x1000, .p_memsz = 0x1000, .p_align = PAGE };
    m->ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
        .p_offset = 0x1000, .p_vaddr = 0x401000, .p_paddr = 0x401000,
        .p_filesz = 0x500, .p_memsz = 0x500, .p_align = PAGE };
    m->ph[2] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
        .p_offset = 0x1e10, .p_vaddr = 0x402e10, .p_paddr = 0x402e10,
        .p_filesz = 0x200, .p_memsz = 0x1000, .p_align = PAGE };
    m->ph[3] = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W,
        .p_align = 16 };
}

/* The same layout linked at 0 as a position-independent executable. */
static void make_dyn(struct img *m)
{
    make_exec(m);
    m->eh.e_type = ET_DYN;
    m->eh.e_entry -= 0x400000;
    for (int i = 0; i < 3; i++) {
        m->ph[i].p_vaddr -= 0x400000;
        m->ph[i].p_paddr -= 0x400000;
    }
}

/* Insert phdr p at index at, shifting the rest up. */
static void insert_ph(struct img *m, int at, Elf64_Phdr p)
{
    memmove(&m->ph[at + 1], &m->ph[at], (m->eh.e_phnum - at) * sizeof p);
    m->ph[at] = p;
    m->eh.e_phnum++;
}

static int check_header(const struct img *m, struct load_error *err)
{
    return elf_check_header(m, sizeof *m, FILE_SIZE, err);
}

static int check_phdrs(const struct img *m, struct elf_info *info,
                       struct load_error *err)
{
    return elf_check_phdrs(&m->eh, m->ph, FILE_SIZE, PAGE, info, err);
}

/* What a program (not a library) must pass: the headers, then the entry. */
static int check_program(const struct img *m, struct elf_info *info,
                         struct load_error *err)
{
    return check_phdrs(m, info, err) || elf_check_entry(&m->eh, info, err) ? -1 : 0;
}

#define assert_refused(rc, err, text) do {                                  \
        cr_assert_eq((rc), -1, "expected -1, got %d", (rc));                \
        cr_assert_eq((err).status, LOAD_EXIT_NOEXEC, "status %d", (err).status); \
        cr_assert_str_eq((err).msg, (text));                                \
    } while (0)

#define assert_accepted(rc, err) \
    cr_assert_eq((rc), 0, "refused: %s", (err).msg)

/* ------------------------------------------------------------------ */
/* elf_is_elf / elf_check_header                                       */

Test(elf_is_elf, magic_and_length)
{
    cr_assert(elf_is_elf("\177ELF", 4));
    cr_assert(!elf_is_elf("\177EL", 3));
    cr_assert(!elf_is_elf("\177ELG", 4));
    cr_assert(!elf_is_elf("#!/bin/sh\n", 10));
}

Test(elf_check_header, valid_exec_and_dyn)
{
    struct img m;
    struct load_error err = { 0 };
    make_exec(&m);
    assert_accepted(check_header(&m, &err), err);
    make_dyn(&m);
    assert_accepted(check_header(&m, &err), err);
}

Test(elf_check_header, header_only_is_enough)
{
    struct img m;
    struct load_error err = { 0 };
    make_exec(&m);
    int rc = elf_check_header(&m, sizeof m.eh, FILE_SIZE, &err);
    assert_accepted(rc, err);
}

Test(elf_check_header, bad_magic)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_ident[3] = 'X';
    assert_refused(check_header(&m, &err), err, "not an ELF file (bad magic number)");
}

Test(elf_check_header, shorter_than_magic)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    assert_refused(elf_check_header(&m, 3, 3, &err), err,
                   "not an ELF file (bad magic number)");
}

Test(elf_check_header, truncated_header)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    assert_refused(elf_check_header(&m, 40, 40, &err), err,
                   "truncated ELF header (40 of 64 bytes)");
    assert_refused(elf_check_header(&m, 63, FILE_SIZE, &err), err,
                   "truncated ELF header (63 of 64 bytes)");
}

Test(elf_check_header, class_32)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_ident[EI_CLASS] = 1;
    assert_refused(check_header(&m, &err), err, "not a 64-bit ELF file (class 1)");
}

Test(elf_check_header, class_none)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_ident[EI_CLASS] = 0;        /* the kernel ignores it */
    assert_accepted(check_header(&m, &err), err);
}

Test(elf_check_header, big_endian)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_ident[EI_DATA] = 2;         /* the kernel ignores it */
    assert_accepted(check_header(&m, &err), err);
}

Test(elf_check_header, ident_version)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_ident[EI_VERSION] = 0;      /* load_elf_binary() does not check it */
    assert_accepted(check_header(&m, &err), err);
}

Test(elf_check_header, e_version)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_version = 7;                /* nor this */
    assert_accepted(check_header(&m, &err), err);
}

Test(elf_check_header, wrong_machine)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_machine = 183;       /* EM_AARCH64 */
    assert_refused(check_header(&m, &err), err,
                   "wrong machine 183 (AArch64; this loader runs x86-64)");
    m.eh.e_machine = 243;       /* EM_RISCV */
    assert_refused(check_header(&m, &err), err,
                   "wrong machine 243 (RISC-V; this loader runs x86-64)");
    m.eh.e_machine = 4242;      /* no CPU Linux runs: a number only */
    assert_refused(check_header(&m, &err), err,
                   "wrong machine 4242 (this loader runs x86-64)");
}

Test(elf_check_header, relocatable_and_core_refused)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_type = 1;            /* ET_REL */
    assert_refused(check_header(&m, &err), err, "ELF type 1 is not an executable");
    m.eh.e_type = 4;            /* ET_CORE */
    assert_refused(check_header(&m, &err), err, "ELF type 4 is not an executable");
    m.eh.e_type = 0;            /* ET_NONE */
    assert_refused(check_header(&m, &err), err, "ELF type 0 is not an executable");
}

Test(elf_check_header, phentsize)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_phentsize = 32;      /* an ELF-32 phdr */
    assert_refused(check_header(&m, &err), err, "program header size 32 is not 56");
    m.eh.e_phentsize = 0;
    assert_refused(check_header(&m, &err), err, "program header size 0 is not 56");
}

Test(elf_check_header, no_phdrs)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_phnum = 0;
    assert_refused(check_header(&m, &err), err, "no program headers");
}

Test(elf_check_header, too_many_phdrs)
{
    struct img m;
    struct load_error err;
    char want[256];
    make_exec(&m);
    m.eh.e_phnum = ELF_MAX_PHNUM + 1;
    snprintf(want, sizeof want, "too many program headers (%u, at most %zu)",
             (unsigned)m.eh.e_phnum, (size_t)ELF_MAX_PHNUM);
    assert_refused(elf_check_header(&m, sizeof m, 1u << 20, &err), err, want);
    m.eh.e_phnum = 0xffff;
    snprintf(want, sizeof want, "too many program headers (%u, at most %zu)",
             65535u, (size_t)ELF_MAX_PHNUM);
    assert_refused(elf_check_header(&m, sizeof m, 1u << 24, &err), err, want);
}

/* The kernel's elf_read_phdrs() refuses a table larger than 64 KiB (kernels
 * before 4.x also refused one larger than a page; 6.x runs programs with
 * 1170 headers, checked on this project's machines). */
Test(elf_check_header, phdr_table_up_to_64k_accepted_as_by_kernel)
{
    static struct { Elf64_Ehdr eh; Elf64_Phdr ph[1171]; } big;
    struct load_error err;
    struct img m;
    make_exec(&m);
    big.eh = m.eh;
    big.eh.e_phnum = 65536 / sizeof(Elf64_Phdr);    /* 1170: 65520 bytes */
    assert_accepted(elf_check_header(&big, sizeof big, sizeof big, &err), err);
    big.eh.e_phnum++;                               /* 1171 */
    cr_assert_eq(elf_check_header(&big, sizeof big, sizeof big, &err), -1);
    cr_assert_eq(err.status, LOAD_EXIT_NOEXEC);
}

Test(elf_check_header, phoff_past_file_end)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_phoff = FILE_SIZE + 1;
    assert_refused(check_header(&m, &err), err, "program headers lie outside the file");
}

Test(elf_check_header, phdrs_run_past_file_end)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    /* 4 phdrs = 224 bytes; the table ends one byte after the file */
    m.eh.e_phoff = FILE_SIZE - 4 * sizeof(Elf64_Phdr) + 1;
    assert_refused(check_header(&m, &err), err, "program headers lie outside the file");
    /* ...and exactly at the file end is fine */
    m.eh.e_phoff--;
    assert_accepted(check_header(&m, &err), err);
}

Test(elf_check_header, phoff_overflow_does_not_wrap)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    m.eh.e_phoff = UINT64_MAX - 16;     /* phoff + size wraps to a small value */
    assert_refused(check_header(&m, &err), err, "program headers lie outside the file");
}

Test(elf_check_header, file_smaller_than_header_buffer)
{
    struct img m;
    struct load_error err;
    make_exec(&m);
    /* the header claims 4 phdrs at 64, but the file is 100 bytes long */
    assert_refused(elf_check_header(&m, sizeof m, 100, &err), err,
                   "program headers lie outside the file");
}

/* ------------------------------------------------------------------ */
/* elf_check_phdrs: success paths                                      */

Test(elf_check_phdrs, valid_exec_info)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.type, ET_EXEC);
    cr_assert_eq(info.entry, 0x401000);
    cr_assert_eq(info.lo, 0x400000, "lo %#lx", (unsigned long)info.lo);
    /* last PT_LOAD ends at 0x402e10 + 0x1000 = 0x403e10 -> page up */
    cr_assert_eq(info.hi, 0x404000, "hi %#lx", (unsigned long)info.hi);
    cr_assert_eq(info.align, PAGE);
    cr_assert_eq(info.phdr_vaddr, 0x400040, "phdr %#lx", (unsigned long)info.phdr_vaddr);
    cr_assert_eq(info.interp, -1);
    cr_assert_eq(info.exec_stack, 0);
}

Test(elf_check_phdrs, valid_dyn_info)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_dyn(&m);
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.type, ET_DYN);
    cr_assert_eq(info.entry, 0x1000);
    cr_assert_eq(info.lo, 0);
    cr_assert_eq(info.hi, 0x4000);
    cr_assert_eq(info.phdr_vaddr, 0x40);
    cr_assert_eq(info.interp, -1);
}

Test(elf_check_phdrs, unaligned_first_and_last_load)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* first segment starts mid-page, last one ends mid-page */
    m.ph[0].p_offset = 0x10;
    m.ph[0].p_vaddr = 0x400010;
    m.ph[0].p_filesz = m.ph[0].p_memsz = 0xff0;
    m.eh.e_phoff = 0x40;
    m.ph[2].p_filesz = 0x1f0;
    m.ph[2].p_memsz = 0x1f1;       /* ends at 0x403001 */
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.lo, 0x400000);
    cr_assert_eq(info.hi, 0x404000);
    cr_assert_eq(info.phdr_vaddr, 0x400040);
    m.ph[2].p_memsz = 0x1f0;       /* ends exactly at 0x403000 */
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.hi, 0x403000);
}

Test(elf_check_phdrs, phdr_vaddr_from_second_load)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.eh.e_phoff = 0x1100;         /* inside PT_LOAD 2's file range */
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.phdr_vaddr, 0x401100, "phdr %#lx", (unsigned long)info.phdr_vaddr);
}

Test(elf_check_phdrs, phdr_vaddr_at_start_of_load)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.eh.e_phoff = 0x1000;         /* == PT_LOAD 2's p_offset */
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.phdr_vaddr, 0x401000);
}

Test(elf_check_phdrs, phdr_vaddr_zero_when_no_load_holds_them)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.eh.e_phoff = 0x2800;         /* past PT_LOAD 3's file bytes (0x1e10..0x2010) */
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.phdr_vaddr, 0);
    /* p_offset + p_filesz is one past the segment's file bytes */
    m.eh.e_phoff = 0x2010;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.phdr_vaddr, 0);
}

Test(elf_check_phdrs, phdr_vaddr_ignores_bss_part)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* PT_LOAD 1 is all .bss: its memory range covers offset 0x40 but its
     * file range is empty */
    m.ph[0].p_filesz = 0;
    m.eh.e_phoff = 0x40;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.phdr_vaddr, 0);
}

/* The kernel's load_elf_binary() tests every PT_LOAD and keeps the last
 * match (no break); the loader's comment says it computes AT_PHDR the same
 * way.  Two PT_LOADs that map the same file bytes both contain e_phoff. */
Test(elf_check_phdrs, phdr_vaddr_last_containing_load_wins_as_kernel)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_offset = 0;              /* maps file 0..0x200 again at 0x402000 */
    m.ph[2].p_vaddr = m.ph[2].p_paddr = 0x402000;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.phdr_vaddr, 0x402040,
                 "AT_PHDR %#lx, the kernel's phdr_addr would be 0x402040",
                 (unsigned long)info.phdr_vaddr);
}

Test(elf_check_phdrs, p_align_zero_and_one_accepted)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[0].p_align = 0;
    m.ph[1].p_align = 1;
    m.ph[2].p_align = 0;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.align, PAGE);
}

Test(elf_check_phdrs, small_power_of_two_align_accepted)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_align = 16;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.align, PAGE, "align below the page size must not lower it");
}

Test(elf_check_phdrs, largest_align_reported)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_dyn(&m);
    /* 2 MiB alignment: vaddr == offset (mod 2 MiB) */
    m.ph[1].p_vaddr = m.ph[1].p_paddr = 0x201000;
    m.ph[1].p_align = 0x200000;
    m.ph[2].p_vaddr = m.ph[2].p_paddr = 0x401e10;
    m.ph[2].p_align = 0x10000;
    m.eh.e_entry = 0x201000;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.align, 0x200000);
    cr_assert_eq(info.lo, 0);
    cr_assert_eq(info.hi, 0x403000);
}

Test(elf_check_phdrs, page_sharing_byte_disjoint_accepted)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* text ends at 0x401500; data starts in the same page, right after */
    m.ph[2].p_offset = 0x1500;
    m.ph[2].p_vaddr = m.ph[2].p_paddr = 0x401500;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.hi, 0x403000);
    /* a gap within the page is fine too */
    m.ph[2].p_offset = 0x1510;
    m.ph[2].p_vaddr = m.ph[2].p_paddr = 0x401510;
    assert_accepted(check_phdrs(&m, &info, &err), err);
}

Test(elf_check_phdrs, pure_bss_segment_accepted)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_filesz = 0;
    m.ph[2].p_memsz = 0x3000;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.hi, 0x406000);
}

Test(elf_check_phdrs, entry_at_last_byte_of_text)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.eh.e_entry = 0x4014ff;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.entry, 0x4014ff);
}

Test(elf_check_phdrs, interp_index)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    insert_ph(&m, 1, (Elf64_Phdr){ .p_type = PT_INTERP, .p_flags = PF_R,
        .p_offset = 0x300, .p_vaddr = 0x400300, .p_filesz = 28, .p_memsz = 28,
        .p_align = 1 });
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.interp, 1);
}

Test(elf_check_phdrs, interp_length_bounds_accepted)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    insert_ph(&m, 0, (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = 0x300,
        .p_filesz = 2 });
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.interp, 0);
    m.ph[0].p_offset = 0;
    m.ph[0].p_filesz = ELF_MAX_INTERP;
    int rc = elf_check_phdrs(&m.eh, m.ph, 0x10000, PAGE, &info, &err);
    assert_accepted(rc, err);
}

Test(elf_check_phdrs, gnu_stack_exec)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[3].p_flags = PF_R | PF_W | PF_X;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.exec_stack, 1);
}

Test(elf_check_phdrs, no_gnu_stack_means_no_exec_stack)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.eh.e_phnum = 3;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.exec_stack, 0);
}

Test(elf_check_phdrs, unknown_segment_types_ignored)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* nonsense in types the loader does not use must not matter */
    insert_ph(&m, 0, (Elf64_Phdr){ .p_type = PT_PHDR, .p_offset = 0x40,
        .p_vaddr = 0x400040, .p_filesz = 5 * 56, .p_memsz = 5 * 56, .p_align = 8 });
    insert_ph(&m, 3, (Elf64_Phdr){ .p_type = PT_NULL, .p_offset = ~0ull,
        .p_filesz = ~0ull, .p_align = 3 });
    insert_ph(&m, 5, (Elf64_Phdr){ .p_type = 0x6474e553 /* GNU_PROPERTY */,
        .p_offset = 0x100000, .p_filesz = 0x100000 });
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.phdr_vaddr, 0x400040);
}

Test(elf_check_phdrs, load_at_top_of_user_space_accepted)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* ends exactly at ARCH_USER_LIMIT */
    m.ph[2].p_offset = 0x2000;
    m.ph[2].p_vaddr = ARCH_USER_LIMIT - 0x1000;
    m.ph[2].p_memsz = 0x1000;
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.hi, ARCH_USER_LIMIT);
}

/* ------------------------------------------------------------------ */
/* elf_check_phdrs: refusals                                           */

Test(elf_check_phdrs, filesz_exceeds_memsz)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[1].p_memsz = m.ph[1].p_filesz - 1;
    assert_refused(check_phdrs(&m, &info, &err), err,
                   "PT_LOAD 2: file size exceeds memory size");
}

Test(elf_check_phdrs, load_offset_past_file_end)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_offset = FILE_SIZE + 0xe10 + 0x1000;
    m.ph[2].p_filesz = 1;
    assert_refused(check_phdrs(&m, &info, &err), err, "PT_LOAD 3 lies outside the file");
}

Test(elf_check_phdrs, load_file_range_past_file_end)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_filesz = FILE_SIZE - 0x1e10 + 1;
    m.ph[2].p_memsz = 0x2000;
    assert_refused(check_phdrs(&m, &info, &err), err, "PT_LOAD 3 lies outside the file");
    /* exactly up to the file end is fine */
    m.ph[2].p_filesz--;
    assert_accepted(check_phdrs(&m, &info, &err), err);
}

/* File pages past the end of the file are mapped as the kernel maps them
 * (SIGBUS only if the program touches them); the loader refuses only where
 * it would clear .bss in one itself (the kernel's padzero fails the exec
 * there too) */
Test(elf_check_phdrs, load_past_file_end_untouched)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[1].p_filesz = m.ph[1].p_memsz = 0x3000;        /* text to 0x4000 in a 0x3000 file */
    assert_accepted(check_phdrs(&m, &info, &err), err);
    m.ph[1].p_filesz = 0x2001;                          /* .bss in page 0x3000: read-only, */
    assert_accepted(check_phdrs(&m, &info, &err), err); /* not cleared */
}

Test(elf_check_phdrs, pure_bss_in_a_page_past_file_end)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[1].p_filesz = 0x2001;                          /* its last page is past the end */
    m.ph[1].p_memsz = 0x2001;
    m.ph[2] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
        .p_offset = 0x3100, .p_vaddr = 0x403100, .p_paddr = 0x403100,
        .p_filesz = 0, .p_memsz = 0x100, .p_align = PAGE };
    assert_refused(check_phdrs(&m, &info, &err), err, "PT_LOAD 3 lies outside the file");
    m.ph[2].p_vaddr = m.ph[2].p_paddr = 0x404100;       /* a page of its own */
    m.ph[2].p_offset = 0x4100;
    assert_accepted(check_phdrs(&m, &info, &err), err);
}

Test(elf_check_phdrs, load_file_range_wraps)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[1].p_filesz = UINT64_MAX - 0xfff;  /* offset + filesz wraps to 1 */
    m.ph[1].p_memsz = UINT64_MAX;
    assert_refused(check_phdrs(&m, &info, &err), err, "PT_LOAD 2 lies outside the file");
}

Test(elf_check_phdrs, align_not_power_of_two)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[1].p_align = 0x3000;          /* ignored, as by maximum_alignment() */
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.align, 0x1000);
}

Test(elf_check_phdrs, not_congruent_modulo_align)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* 0x402e10 - 0x1e10 = 0x401000: page-congruent, not 2 MiB-congruent */
    m.ph[2].p_align = 0x200000;        /* the kernel does not check it */
    assert_accepted(check_phdrs(&m, &info, &err), err);
    cr_assert_eq(info.align, 0x200000);
    /* PT_LOAD 2 (0x401000 - 0x1000 = 0x400000) is 2 MiB-congruent */
    make_exec(&m);
    m.ph[1].p_align = 0x200000;
    assert_accepted(check_phdrs(&m, &info, &err), err);
}

Test(elf_check_phdrs, not_congruent_modulo_page_small_align)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* congruent modulo p_align = 16 but not modulo the page */
    m.ph[1].p_offset = 0x1010;
    m.ph[1].p_align = 16;
    assert_refused(check_phdrs(&m, &info, &err), err,
                   "PT_LOAD 2: offset and address are not congruent modulo the page size");
}

Test(elf_check_phdrs, not_congruent_modulo_page_align_zero)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_offset = 0x1e00;     /* vaddr 0x402e10 */
    m.ph[2].p_align = 0;
    assert_refused(check_phdrs(&m, &info, &err), err,
                   "PT_LOAD 3: offset and address are not congruent modulo the page size");
}

Test(elf_check_phdrs, memsz_larger_than_user_space)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_memsz = ARCH_USER_LIMIT + 1;
    assert_refused(check_phdrs(&m, &info, &err), err,
                   "PT_LOAD 3 lies outside the user address space");
}

Test(elf_check_phdrs, end_past_user_space)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_offset = 0x2000;
    m.ph[2].p_vaddr = ARCH_USER_LIMIT - 0x1000;
    m.ph[2].p_memsz = 0x1001;
    assert_refused(check_phdrs(&m, &info, &err), err,
                   "PT_LOAD 3 lies outside the user address space");
}

Test(elf_check_phdrs, vaddr_wraps_address_space)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_offset = 0x2000;
    m.ph[2].p_vaddr = 0xfffffffffffff000ull;   /* + memsz wraps past 0 */
    assert_refused(check_phdrs(&m, &info, &err), err,
                   "PT_LOAD 3 lies outside the user address space");
}

Test(elf_check_phdrs, descending_order)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* PT_LOAD 3 placed below PT_LOAD 2 */
    m.ph[2].p_vaddr = m.ph[2].p_paddr = 0x3ffe10;
    assert_accepted(check_phdrs(&m, &info, &err), err);    /* mapped in table order */
    cr_assert_eq(info.lo, 0x3ff000, "the span starts at the lowest PT_LOAD");
}

Test(elf_check_phdrs, overlap_by_one_byte)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* text is 0x401000..0x401500; data starts at 0x4014ff */
    m.ph[2].p_offset = 0x14ff;
    m.ph[2].p_vaddr = m.ph[2].p_paddr = 0x4014ff;
    assert_accepted(check_phdrs(&m, &info, &err), err);    /* later over earlier */
}

Test(elf_check_phdrs, overlap_by_memsz)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    /* PT_LOAD 1's .bss reaches into PT_LOAD 2 */
    m.ph[0].p_memsz = 0x1001;
    assert_accepted(check_phdrs(&m, &info, &err), err);
}

Test(elf_check_phdrs, same_address)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[2].p_offset = 0x1000;
    m.ph[2].p_vaddr = m.ph[2].p_paddr = 0x401000;
    assert_accepted(check_phdrs(&m, &info, &err), err);
}

Test(elf_check_phdrs, load_numbers_count_only_loads)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    insert_ph(&m, 0, (Elf64_Phdr){ .p_type = PT_PHDR, .p_offset = 0x40,
        .p_vaddr = 0x400040, .p_filesz = 0x118, .p_memsz = 0x118, .p_align = 8 });
    m.ph[2].p_memsz = 0;           /* the second PT_LOAD, phdr index 2 */
    assert_refused(check_phdrs(&m, &info, &err), err,
                   "PT_LOAD 2: file size exceeds memory size");
}

Test(elf_check_phdrs, two_interps)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    Elf64_Phdr in = { .p_type = PT_INTERP, .p_offset = 0x300, .p_filesz = 28 };
    insert_ph(&m, 0, in);
    insert_ph(&m, 1, in);
    assert_refused(check_phdrs(&m, &info, &err), err, "more than one PT_INTERP");
}

Test(elf_check_phdrs, interp_offset_past_file_end)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    insert_ph(&m, 0, (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = FILE_SIZE + 1,
        .p_filesz = 0 });
    assert_refused(check_phdrs(&m, &info, &err), err, "PT_INTERP lies outside the file");
}

Test(elf_check_phdrs, interp_runs_past_file_end)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    insert_ph(&m, 0, (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = FILE_SIZE - 10,
        .p_filesz = 11 });
    assert_refused(check_phdrs(&m, &info, &err), err, "PT_INTERP lies outside the file");
    m.ph[0].p_offset = 0x300;
    m.ph[0].p_filesz = UINT64_MAX - 0x2ff;     /* offset + filesz wraps */
    assert_refused(check_phdrs(&m, &info, &err), err, "PT_INTERP lies outside the file");
}

Test(elf_check_phdrs, interp_too_short)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    insert_ph(&m, 0, (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = 0x300,
        .p_filesz = 1 });
    assert_refused(check_phdrs(&m, &info, &err), err,
                   "PT_INTERP has a bad length (1 bytes)");
    m.ph[0].p_filesz = 0;
    assert_refused(check_phdrs(&m, &info, &err), err,
                   "PT_INTERP has a bad length (0 bytes)");
}

Test(elf_check_phdrs, interp_too_long)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    insert_ph(&m, 0, (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = 0,
        .p_filesz = ELF_MAX_INTERP + 1 });
    int rc = elf_check_phdrs(&m.eh, m.ph, 0x10000, PAGE, &info, &err);
    assert_refused(rc, err, "PT_INTERP has a bad length (4097 bytes)");
}

Test(elf_check_phdrs, no_load)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.ph[0] = m.ph[3];             /* only PT_GNU_STACK left */
    m.eh.e_phnum = 1;
    assert_refused(check_phdrs(&m, &info, &err), err, "no PT_LOAD segment");
}

Test(elf_check_entry, entry_outside_every_load)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.eh.e_entry = 0x500000;
    assert_refused(check_program(&m, &info, &err), err,
                   "entry point 0x500000 is not in an executable segment");
}

Test(elf_check_entry, entry_one_past_text_end)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.eh.e_entry = 0x401500;
    assert_refused(check_program(&m, &info, &err), err,
                   "entry point 0x401500 is not in an executable segment");
}

Test(elf_check_entry, entry_in_non_executable_load)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.eh.e_entry = 0x400100;       /* in PT_LOAD 1, which is R only */
    assert_refused(check_program(&m, &info, &err), err,
                   "entry point 0x400100 is not in an executable segment");
}

Test(elf_check_entry, error_clears_file)
{
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    memcpy(err.file, "stale", 6);
    err.has_file = 1;
    m.eh.e_entry = 0;
    cr_assert_eq(check_program(&m, &info, &err), -1);
    cr_assert_eq(err.has_file, 0, "load_fail must forget the previous file name");
}

/* ------------------------------------------------------------------ */
/* elf_check_interp                                                    */

Test(elf_check_interp, valid)
{
    static const char path[] = "/lib64/ld-linux-x86-64.so.2";
    struct load_error err;
    int rc = elf_check_interp(path, sizeof path, &err);
    assert_accepted(rc, err);
}

Test(elf_check_interp, shortest_valid)
{
    struct load_error err;
    int rc = elf_check_interp("x", 2, &err);
    assert_accepted(rc, err);
}

Test(elf_check_interp, not_nul_terminated)
{
    static const char path[] = "/lib/ld.so";
    struct load_error err;
    /* the length leaves out the NUL */
    assert_refused(elf_check_interp(path, sizeof path - 1, &err), err,
                   "PT_INTERP is not a NUL-terminated string");
}

Test(elf_check_interp, nul_padding_accepted_as_by_kernel)
{
    /* patchelf shortens the path in place and pads with NULs; the kernel
     * checks only the last byte and the path ends at the first NUL */
    static const char path[] = "/lib/ld.so\0\0\0";
    struct load_error err;
    cr_assert_eq(elf_check_interp(path, sizeof path, &err), 0);
}

Test(elf_check_entry, library_needs_no_entry)
{
    /* a shared library's e_entry is 0: elf_check_phdrs accepts it, only
     * elf_check_entry (for programs) refuses */
    struct img m;
    struct elf_info info;
    struct load_error err;
    make_exec(&m);
    m.eh.e_entry = 0;
    cr_assert_eq(check_phdrs(&m, &info, &err), 0);
    cr_assert_eq(info.entry_ok, 0);
}

Test(elf_check_interp, empty_path)
{
    struct load_error err;
    assert_refused(elf_check_interp("", 1, &err), err, "PT_INTERP names an empty path");
}
