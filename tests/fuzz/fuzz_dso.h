/* Shared by fuzz_dynamic and fuzz_relocs: the fuzz input as the "mapped
 * image" of a loaded object, for rtld's real dso_parse.
 *
 * The whole input is the image (one PT_LOAD at offset/address 0, bias =
 * the buffer's address); its first 8 bytes double as parameters:
 *   bytes 0-3  offset of PT_DYNAMIC in the image (LE, modulo the size,
 *              rounded down to 8 as a linker places it)
 *   bytes 4-5  PT_DYNAMIC size in Elf64_Dyn entries
 *   byte  6    bit 0: the object is the program (is_main);
 *              bit 1: DT_SYMBOLIC-like own-first lookups are left to the
 *              input (nothing to set); bit 2: add a PT_TLS over bytes 8..
 *   byte  7    0: one PT_LOAD, read-write; else two: [0, split) read-only
 *              and [split, size) read-write, split = size * byte / 256
 *              rounded down to 16
 * Dynamic-section addresses are offsets into the input. */
#ifndef FUZZ_DSO_H
#define FUZZ_DSO_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dso.h"
#include "load_error.h"

struct fuzz_dso {
    struct dso d;
    Elf64_Phdr ph[4];
    unsigned char *image;
    size_t size;
};

/* 0 when dso_parse accepted the image; the image must be freed either way
 * (fuzz_dso_free). */
static int fuzz_dso_parse(struct fuzz_dso *f, const uint8_t *data, size_t size,
                          struct load_error *err)
{
    memset(f, 0, sizeof *f);
    if (size < 8)
        return -1;
    /* malloc: 16-byte aligned, not executable, and ASan-guarded on both
     * sides, so a read or write outside the image is reported */
    f->image = malloc(size);
    if (!f->image)
        return -1;
    memcpy(f->image, data, size);
    f->size = size;
    uint32_t dyn_off;
    uint16_t dyn_n;
    memcpy(&dyn_off, data, 4);
    memcpy(&dyn_n, data + 4, 2);
    dyn_off = (uint32_t)((dyn_off % size) & ~(uint64_t)7);

    size_t n = 0;
    uint64_t split = (uint64_t)size * data[7] / 256 & ~(uint64_t)15;
    /* no PF_X: rtld must refuse every IFUNC resolver / IRELATIVE target in
     * the image (fuzz_relocs relies on it; a call would be a wild jump) */
    if (split)
        f->ph[n++] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R, .p_offset = 0,
                                   .p_vaddr = 0, .p_filesz = split, .p_memsz = split,
                                   .p_align = 16 };
    f->ph[n++] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
                               .p_offset = split, .p_vaddr = split,
                               .p_filesz = size - split, .p_memsz = size - split,
                               .p_align = 16 };
    f->ph[n++] = (Elf64_Phdr){ .p_type = PT_DYNAMIC, .p_flags = PF_R | PF_W,
                               .p_offset = dyn_off, .p_vaddr = dyn_off,
                               .p_filesz = (uint64_t)dyn_n * sizeof(Elf64_Dyn),
                               .p_memsz = (uint64_t)dyn_n * sizeof(Elf64_Dyn),
                               .p_align = 8 };
    if (data[6] & 4)
        f->ph[n++] = (Elf64_Phdr){ .p_type = PT_TLS, .p_flags = PF_R, .p_offset = 8,
                                   .p_vaddr = 8, .p_filesz = size - 8, .p_memsz = size,
                                   .p_align = 8 };
    struct dso *d = &f->d;
    d->name = d->path = "fuzz.so";
    d->lm.l_name = d->path;
    d->base = (uint64_t)(uintptr_t)f->image;
    d->phdr = f->ph;
    d->phnum = n;
    d->is_main = data[6] & 1;
    d->nodelete = 1;
    d->refcnt = 1;
    d->tls_id = data[6] & 4 ? 1 : 0;
    d->tls_offset = data[6] & 4 ? 64 : 0;
    d->tls_static = (data[6] & 4) != 0;
    return dso_parse(d, err);
}

static void fuzz_dso_free(struct fuzz_dso *f)
{
    free(f->image);
    f->image = NULL;
}

#endif
