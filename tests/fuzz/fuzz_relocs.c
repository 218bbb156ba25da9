/* libFuzzer harness: rtld's relocation walk (rtld/reloc.c and
 * arch/x86_64/reloc_x86_64.c, with symbol lookup from rtld/symbols.c) on
 * an image that is the fuzz input (see fuzz_dso.h).  The image is a
 * private heap copy: every write relocate() makes must stay inside it
 * (dso_contains checks that; ASan reports anything else).
 *
 * R_X86_64_IRELATIVE (type 37) and STT_GNU_IFUNC symbols make rtld call a
 * resolver at an address from the image.  rtld calls only addresses inside
 * an executable (PF_X) segment of the defining object, and the image's one
 * PT_LOAD is PF_R|PF_W, so every such relocation must be refused with an
 * error: a call would jump into non-executable heap memory and crash, which
 * is exactly the bug this harness is there to find. */
#include "fuzz_dso.h"
#include "reloc.h"
#include "rtld.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct load_error err;
    struct fuzz_dso f;
    if (fuzz_dso_parse(&f, data, size, &err) == 0) {
        dso_head = &f.d;
        dso_make_global(&f.d);  /* the lookup scope is rebuilt with it */
        err.has_file = 0;
        rtld_stats.unresolved = 0;      /* each input starts as a fresh start-up */
        int r = relocate(&f.d, &err);
        if (r != 0 && r != -1)
            abort();
        if (r == 0 && !f.d.relocated)
            abort();
        dso_head = NULL;
        dso_leave_global(&f.d);
    }
    fuzz_dso_free(&f);
    return 0;
}
