/* Static TLS placement for x86_64: variant II (Drepper, "ELF Handling For
 * Thread-Local Storage" §3.4.2, Figure 2).  Blocks sit below the thread
 * pointer, the first module's nearest; a block's offset is TP minus its
 * start, and TPOFF values are minus that offset. */
#include "tls_place.h"

uint64_t arch_tls_place(uint64_t *used, uint64_t size, uint64_t align, uint64_t image)
{
    /* The block starts at TP - offset and must be aligned like its image
     * (p_align), with TP itself aligned to the largest alignment. */
    uint64_t off = *used + size + align - 1;
    off -= (off + image) & (align - 1);
    *used = off;
    return off;
}
