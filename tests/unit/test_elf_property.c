/* elf_property.c: a PT_GNU_PROPERTY note read as the kernel reads it
 * (fs/binfmt_elf.c parse_elf_properties): what it refuses with ENOEXEC or
 * EIO is refused, with one line naming the problem.  The CPU's reading of
 * each property is arch/<cpu>/arch.h's (on x86_64: none, and nothing is
 * added to the executable segments' protection; aarch64's BTI is tested
 * end to end, tests/e2e bti_probe). */
#include <criterion/criterion.h>
#include <string.h>
#include "elf_property.h"

/* A note: header, "GNU", then the words of its descriptor */
struct note {
    unsigned char bytes[256];
    size_t len;
};

static void put(struct note *n, uint32_t w)
{
    memcpy(n->bytes + n->len, &w, 4);
    n->len += 4;
}

static struct note note(uint32_t namesz, uint32_t type, const uint32_t *desc, size_t words)
{
    struct note n = { .len = 0 };
    put(&n, namesz);
    put(&n, (uint32_t)(4 * words));
    put(&n, type);
    memcpy(n.bytes + n.len, "GNU", 4);
    n.len += 4;
    for (size_t i = 0; i < words; i++)
        put(&n, desc[i]);
    return n;
}

#define AARCH64_FEATURES 0xc0000000u
#define X86_FEATURES     0xc0000002u

static void accepted(const struct note *n)
{
    struct load_error err = { 0 };
    int exec_prot = 0;
    int r = elf_properties_parse(n->bytes, n->len, ~0ull, &exec_prot, &err);
    cr_assert_eq(r, 0, "refused: %s", err.msg);
    cr_assert_eq(exec_prot, 0, "x86_64 reads no property: nothing added");
}

static void refused(const struct note *n, size_t len, const char *msg)
{
    struct load_error err = { 0 };
    int exec_prot = 0;
    cr_assert_eq(elf_properties_parse(n->bytes, len, ~0ull, &exec_prot, &err), -1,
                 "accepted, expected \"%s\"", msg);
    cr_assert_eq(err.status, LOAD_EXIT_NOEXEC);
    cr_assert_str_eq(err.msg, msg);
}

Test(properties, one_property)
{
    const uint32_t desc[] = { AARCH64_FEATURES, 4, 1, 0 };
    struct note n = note(4, 5, desc, 4);
    accepted(&n);
}

Test(properties, sorted_properties_and_an_empty_descriptor)
{
    const uint32_t desc[] = { 0xc0000000u, 4, 1, 0, X86_FEATURES, 4, 3, 0 };
    struct note n = note(4, 5, desc, 8);
    accepted(&n);
    n = note(4, 5, desc, 0);
    accepted(&n);
}

Test(properties, a_read_cut_short_bounds_the_descriptor)
{
    const uint32_t desc[] = { AARCH64_FEATURES, 4, 1, 0 };
    struct note n = note(4, 5, desc, 4);
    refused(&n, 15, "PT_GNU_PROPERTY: truncated note (15 bytes)");
    refused(&n, n.len - 1, "PT_GNU_PROPERTY: descriptor past the segment");
}

Test(properties, not_a_gnu_property_note)
{
    const uint32_t desc[] = { AARCH64_FEATURES, 4, 1, 0 };
    struct note n = note(4, 1, desc, 4);                /* NT_GNU_ABI_TAG */
    refused(&n, n.len, "PT_GNU_PROPERTY: not a GNU program property note");
    n = note(5, 5, desc, 4);
    refused(&n, n.len, "PT_GNU_PROPERTY: not a GNU program property note");
    n = note(4, 5, desc, 4);
    n.bytes[14] = 'X';                                  /* "GXU" */
    refused(&n, n.len, "PT_GNU_PROPERTY: not a GNU program property note");
}

Test(properties, malformed_properties)
{
    const uint32_t unsorted[] = { X86_FEATURES, 4, 3, 0, AARCH64_FEATURES, 4, 1, 0 };
    struct note n = note(4, 5, unsorted, 8);
    refused(&n, n.len, "PT_GNU_PROPERTY: properties not sorted (0xc0000000 after 0xc0000002)");
    const uint32_t repeated[] = { AARCH64_FEATURES, 4, 1, 0, AARCH64_FEATURES, 4, 1, 0 };
    n = note(4, 5, repeated, 8);
    refused(&n, n.len, "PT_GNU_PROPERTY: properties not sorted (0xc0000000 after 0xc0000000)");
    const uint32_t too_long[] = { AARCH64_FEATURES, 12, 1, 0 };
    n = note(4, 5, too_long, 4);
    refused(&n, n.len, "PT_GNU_PROPERTY: property 0xc0000000 past the note");
    const uint32_t unpadded[] = { AARCH64_FEATURES, 4, 1 };         /* 4 bytes, no padding */
    n = note(4, 5, unpadded, 3);
    refused(&n, n.len, "PT_GNU_PROPERTY: property 0xc0000000 past the note");
    const uint32_t half[] = { AARCH64_FEATURES, 0, 7 };             /* 4 bytes left over */
    n = note(4, 5, half, 3);
    refused(&n, n.len, "PT_GNU_PROPERTY: truncated property");
}
