/* .data and .bss sharing a page: the bytes after .data in the last file
 * page come from the file (the symbol table and strings follow it there), so
 * the loader must clear them.  Prints the data and whether .bss is zero. */
#include <stdio.h>

/* Non-zero initialised data ending mid-page, then zero-initialised bytes. */
static volatile unsigned char data[300] = { [0 ... 299] = 0xa5 };
static volatile unsigned char bss[1000];

int main(void)
{
    unsigned nonzero = 0, data_ok = 1;
    for (unsigned i = 0; i < sizeof bss; i++)
        nonzero += bss[i] != 0;
    for (unsigned i = 0; i < sizeof data; i++)
        data_ok &= data[i] == 0xa5;
    printf("data intact: %s, bss nonzero bytes: %u\n", data_ok ? "yes" : "no", nonzero);
    return nonzero != 0 || !data_ok;
}
