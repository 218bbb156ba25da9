/* rtld test: symbol versions (see ver_lib.c).  Linked as ver-new against
 * libver.so (asks for ver_fn@VER_2) and as ver-old against libver_v1.so
 * (asks for ver_fn@VER_1); both run with libver.so. */
#include <stdio.h>

const char *ver_fn(void);

int main(void)
{
    printf("got %s\n", ver_fn());
    return 0;
}
