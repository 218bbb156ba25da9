/* Program properties (Linux Extensions to gABI, "Program Property"): one
 * PT_GNU_PROPERTY segment holding one NT_GNU_PROPERTY_TYPE_0 note named
 * "GNU", whose descriptor is a sequence of properties, each a 4-byte type,
 * a 4-byte size and that many bytes padded to 8, sorted by type without
 * repeats.  The kernel reads them at exec on the CPUs where they mean
 * something to it (ARCH_GNU_PROPERTY in arch/<cpu>/arch.h), from the
 * program or, when it has one, from its interpreter (fs/binfmt_elf.c
 * parse_elf_properties), and refuses a file whose note it cannot read:
 * so does the loader, there. */
#ifndef ELF_PROPERTY_H
#define ELF_PROPERTY_H

#include <stddef.h>
#include <stdint.h>
#include "load_error.h"

/* The largest note the kernel reads (NOTE_DATA_SZ) */
#define ELF_MAX_PROPERTY_NOTE 1024u

/* Read the n bytes of a note read from a PT_GNU_PROPERTY segment (fewer
 * than its p_filesz where the file ends first).  The CPU's reading of each
 * property (arch_gnu_property) may add PROT_* bits for the file's
 * executable segments to *exec_prot. */
int elf_properties_parse(const unsigned char *note, size_t n, uint64_t hwcap2,
                         int *exec_prot, struct load_error *err);

#endif
