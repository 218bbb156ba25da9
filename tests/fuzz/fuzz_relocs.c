/* libFuzzer harness: rtld's relocation walk (rtld/reloc.c and
 * arch/x86_64/reloc_x86_64.c, with symbol lookup from rtld/symbols.c) on
 * an image that is the fuzz input (see fuzz_dso.h).  The image is a
 * private heap copy: every write relocate() makes must stay inside it
 * (dso_contains checks that; ASan reports anything else).
 *
 * Not executing input bytes: R_X86_64_IRELATIVE (type 37) and STT_GNU_IFUNC
 * symbols make rtld call code in the image.  The image is heap memory and
 * not executable, but the call itself would be a wild jump, so inputs with
 * any relocation of type 37 in DT_REL, DT_RELA or DT_JMPREL, or any
 * STT_GNU_IFUNC symbol among the nsyms symbols dso_parse counted (the only
 * ones a lookup or a relocation can reach), are skipped before relocate(). */
#include <stddef.h>
#include "fuzz_dso.h"
#include "reloc.h"
#include "rtld.h"

#define R_X86_64_IRELATIVE 37

static int table_has_irelative(uint64_t table, uint64_t size, int rela)
{
    size_t ent = rela ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);
    for (uint64_t off = 0; table && off + ent <= size; off += ent) {
        uint64_t info;
        memcpy(&info, (const char *)(uintptr_t)table + off + 8, 8);
        if (ELF64_R_TYPE(info) == R_X86_64_IRELATIVE)
            return 1;
    }
    return 0;
}

static int calls_image_code(const struct dso *d)
{
    if (table_has_irelative(d->rel, d->relsz, 0) ||
        table_has_irelative(d->rela, d->relasz, 1) ||
        table_has_irelative(d->jmprel, d->pltrelsz, d->pltrel_is_rela))
        return 1;
    for (size_t i = 0; d->symtab && i < d->nsyms; i++) {
        unsigned char info;     /* memcpy: the table may be misaligned */
        memcpy(&info, (const char *)&d->symtab[i] + offsetof(Elf64_Sym, st_info), 1);
        if (ELF64_ST_TYPE(info) == STT_GNU_IFUNC)
            return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct load_error err;
    struct fuzz_dso f;
    if (fuzz_dso_parse(&f, data, size, &err) == 0 && !calls_image_code(&f.d)) {
        dso_head = &f.d;
        err.file[0] = '\0';
        int r = relocate(&f.d, &err);
        if (r != 0 && r != -1)
            abort();
        if (r == 0 && !f.d.relocated)
            abort();
        dso_head = NULL;
    }
    fuzz_dso_free(&f);
    return 0;
}
