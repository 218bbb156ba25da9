/* libFuzzer harness: the loader's header checks (loader/elf_validate.c),
 * and its reading of a PT_GNU_PROPERTY note (loader/elf_property.c), on the
 * input taken as the start of an ELF file whose size is the input's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "elf_property.h"
#include "elf_validate.h"

/* The note as the loader reads it (elf_file_properties: at most
 * ELF_MAX_PROPERTY_NOTE bytes, fewer where the file ends), in a buffer of
 * exactly that size, so that a read past it is caught */
static void property(const void *file, size_t size, const Elf64_Phdr *p,
                     struct load_error *err)
{
    if (p->p_filesz > ELF_MAX_PROPERTY_NOTE)
        return;
    size_t n = p->p_offset >= size ? 0 : size - p->p_offset;
    if (n > p->p_filesz)
        n = p->p_filesz;
    unsigned char *note = malloc(n ? n : 1);
    if (!note)
        abort();
    memcpy(note, (const char *)file + (n ? p->p_offset : 0), n);
    int exec_prot = 0;
    if (elf_properties_parse(note, n, ~0ull, &exec_prot, err) &&
        !memchr(err->msg, '\0', sizeof err->msg))
        abort();
    free(note);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct load_error err;
    /* an aligned private copy: the loader reads headers into aligned buffers */
    uint64_t *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    struct elf_info info;
    if (elf_check_header(buf, size, size, &err) == 0) {
        const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;
        /* elf_check_header guarantees the table lies inside the file; the
         * loader reads it into its own (aligned) buffer, as here */
        size_t phsize = (size_t)eh->e_phnum * sizeof(Elf64_Phdr);
        Elf64_Phdr *ph = malloc(phsize);
        if (!ph)
            abort();
        memcpy(ph, (const char *)buf + eh->e_phoff, phsize);
        if (elf_check_phdrs(eh, ph, size, 4096, &info, &err) == 0) {
            (void)elf_check_entry(eh, &info, &err);
            if (info.lo > info.hi || (info.lo & 4095) || (info.hi & 4095) ||
                info.align < 4096 || (info.align & (info.align - 1)))
                abort();
            if (info.interp >= 0) {
                const Elf64_Phdr *ip = &ph[info.interp];
                if (ip->p_offset > size || ip->p_filesz > size - ip->p_offset)
                    abort();
                (void)elf_check_interp((const char *)buf + ip->p_offset, ip->p_filesz, &err);
            }
            if (info.property >= 0)
                property(buf, size, &ph[info.property], &err);
        } else if (!memchr(err.msg, '\0', sizeof err.msg)) {
            abort();
        }
        free(ph);
    }
    free(buf);
    return 0;
}
