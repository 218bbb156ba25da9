/* rtld test: libtls_gd, thread-local storage through the general-dynamic
 * model (the default with -fPIC: __tls_get_addr with R_X86_64_DTPMOD64 and
 * R_X86_64_DTPOFF64), and the local-dynamic model for a static variable. */
#include <stdint.h>

__thread int gd_init = 11;
__thread int gd_zero;
__thread char gd_aligned[64] __attribute__((aligned(64))) = "aligned to 64";
static __thread int ld_local = 22;

int *gd_init_addr(void)
{
    return &gd_init;
}

int gd_zero_get(void)
{
    return gd_zero;
}

void gd_set(int v)
{
    gd_init = v;
    gd_zero = v + 1;
    ld_local = v + 2;
}

/* "ok" when this thread's values are the initial ones */
int gd_check_initial(void)
{
    return gd_init == 11 && gd_zero == 0 && ld_local == 22 &&
           ((uintptr_t)gd_aligned & 63) == 0 && gd_aligned[0] == 'a';
}

int gd_check(int v)
{
    return gd_init == v && gd_zero == v + 1 && ld_local == v + 2;
}
