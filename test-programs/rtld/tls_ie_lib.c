/* rtld test: libtls_ie, built with -ftls-model=initial-exec: its own
 * accesses use R_X86_64_TPOFF64 offsets from the thread pointer, also to
 * a page-aligned block. */
#include <stdint.h>

__thread long ie_init = 33;
__thread long ie_zero;
__thread char ie_page[16] __attribute__((aligned(4096))) = "page-aligned";

long *ie_init_addr(void)
{
    return &ie_init;
}

void ie_set(long v)
{
    ie_init = v;
    ie_zero = v + 1;
}

int ie_check_initial(void)
{
    return ie_init == 33 && ie_zero == 0 && ((uintptr_t)ie_page & 4095) == 0 && ie_page[0] == 'p';
}

int ie_check(long v)
{
    return ie_init == v && ie_zero == v + 1;
}
