/* __thread in the executable: initialised (.tdata) and zero (.tbss)
 * variables, set up by the C library from PT_TLS found through AT_PHDR. */
#include <stdio.h>

static __thread int counter = 42;
static __thread char zeroes[256];
__thread const char *label = "tls-label";

int main(void)
{
    int z = 0;
    for (unsigned i = 0; i < sizeof zeroes; i++)
        z |= zeroes[i];
    counter++;
    printf("counter %d, label %s, tbss zero: %s\n", counter, label, z ? "no" : "yes");
    return 0;
}
