/* Program properties, read as fs/binfmt_elf.c parse_elf_properties() and
 * parse_elf_property() read them: what they refuse, with ENOEXEC or EIO,
 * is refused here. */
#include "libsys/elf_defs.h"
#include "arch.h"
#include "elf_property.h"

#define NOEXEC LOAD_EXIT_NOEXEC
#define NOTE_HEADER 12          /* n_namesz, n_descsz, n_type: 4 bytes each */
#define PROPERTY_ALIGN 8        /* ELF64's property alignment */

static uint32_t word(const unsigned char *p)
{
    uint32_t v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

static size_t round_up(size_t x)
{
    return (x + PROPERTY_ALIGN - 1) & ~(size_t)(PROPERTY_ALIGN - 1);
}

int elf_properties_parse(const unsigned char *note, size_t n, uint64_t hwcap2,
                         int *exec_prot, struct load_error *err)
{
    static const char name[4] = "GNU";
    if (n < NOTE_HEADER + sizeof name)
        return load_fail(err, NOEXEC, "PT_GNU_PROPERTY: truncated note (%zu bytes)", n);
    if (word(note + 8) != NT_GNU_PROPERTY_TYPE_0 || word(note) != sizeof name ||
        __builtin_memcmp(note + NOTE_HEADER, name, sizeof name))
        return load_fail(err, NOEXEC, "PT_GNU_PROPERTY: not a GNU program property note");
    size_t off = round_up(NOTE_HEADER + sizeof name);
    if (word(note + 4) > n - off)
        return load_fail(err, NOEXEC, "PT_GNU_PROPERTY: descriptor past the segment");
    size_t end = off + word(note + 4);
    uint32_t prev_type = 0;
    for (int first = 1; off < end; first = 0) {
        if (end - off < 8)
            return load_fail(err, NOEXEC, "PT_GNU_PROPERTY: truncated property");
        uint32_t type = word(note + off), size = word(note + off + 4);
        off += 8;
        if (round_up(size) > end - off)
            return load_fail(err, NOEXEC, "PT_GNU_PROPERTY: property %#x past the note",
                             type);
        if (!first && type <= prev_type)
            return load_fail(err, NOEXEC, "PT_GNU_PROPERTY: properties not sorted "
                             "(%#x after %#x)", type, prev_type);
        prev_type = type;
        if (arch_gnu_property(type, note + off, size, hwcap2, exec_prot))
            return load_fail(err, NOEXEC, "PT_GNU_PROPERTY: bad property %#x (%u bytes)",
                             type, size);
        off += round_up(size);
    }
    return 0;
}
