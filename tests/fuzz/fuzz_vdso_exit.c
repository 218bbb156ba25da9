/* libFuzzer harness: the loader's exit through the vDSO, vdso_exit_find
 * (loader/vdso_exit.c) with a CPU's arch_exit_gadget, over arbitrary
 * images: built once per CPU, with that CPU's arch.h (tests/fuzz/meson.build),
 * as fuzz_vdso_exit_CPU.
 *
 * Input: the image.  What vdso_exit_find takes on trust is what the kernel
 * guarantees of a real vDSO: its headers lie in its first page, and the
 * file bytes of its first PT_LOAD at offset 0 -- the image's extent -- are
 * all mapped.  The harness gives it a buffer of at least a page (the input,
 * zero-padded) and skips inputs whose extent reaches past it; ASan reports
 * any read outside.  A sequence found must begin inside the extent, and the
 * frame it pops is at most a few words (arch_enter builds it below the
 * program's stack). */
#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "vdso_exit.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

#define PAGE 4096
#define FRAME_WORDS_MAX 64

/* The extent as vdso_exit_find reads it (0 when there is none), from an
 * image of len >= PAGE bytes whose headers it will check itself. */
static uint64_t extent(const unsigned char *im, size_t len)
{
    Elf64_Ehdr eh;
    Elf64_Phdr ph;
    memcpy(&eh, im, sizeof eh);
    if (eh.e_phoff > PAGE || eh.e_phnum > (PAGE - eh.e_phoff) / sizeof ph || len < PAGE)
        return 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {     /* (at any alignment) */
        memcpy(&ph, im + eh.e_phoff + i * sizeof ph, sizeof ph);
        if (ph.p_type == PT_LOAD && ph.p_offset == 0 && ph.p_filesz)
            return ph.p_filesz;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = size > PAGE ? size : PAGE;
    /* aligned as a mapping is, for the image's own alignment checks */
    unsigned char *im = aligned_alloc(PAGE, (len + PAGE - 1) & ~(size_t)(PAGE - 1));
    if (!im)
        return 0;
    memset(im, 0, len);
    memcpy(im, data, size);
    uint64_t n = extent(im, len), frame = ~0ull;
    if (n <= len) {
        uint64_t at = vdso_exit_find((uint64_t)im, &frame);
        if (at) {
            CHECK(at >= (uint64_t)im && at - (uint64_t)im < n);
            CHECK(frame <= FRAME_WORDS_MAX);
        }
    }
    free(im);
    return 0;
}
