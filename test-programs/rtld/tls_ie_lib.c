/* rtld test: libtls_ie, built with -ftls-model=initial-exec: its own
 * accesses use TPOFF relocations (R_X86_64_TPOFF64, R_AARCH64_TLS_TPREL64,
 * R_RISCV_TLS_TPREL64) from the thread pointer, also to a page-aligned
 * block, and, for the file-local ie_private, against symbol 0 (the
 * module's own block) with the variable's offset in the addend. */
#include <stdint.h>

__thread long ie_init = 33;
__thread long ie_zero;
__thread char ie_page[16] __attribute__((aligned(4096))) = "page-aligned";
static __thread long ie_private = 44;

long *ie_init_addr(void)
{
    return &ie_init;
}

void ie_set(long v)
{
    ie_init = v;
    ie_zero = v + 1;
    ie_private = v + 2;
}

int ie_check_initial(void)
{
    return ie_init == 33 && ie_zero == 0 && ((uintptr_t)ie_page & 4095) == 0 &&
           ie_page[0] == 'p' && ie_private == 44;
}

int ie_check(long v)
{
    return ie_init == v && ie_zero == v + 1 && ie_private == v + 2;
}
