/* rtld test: needs vanish_fn() from libvanish, which at run time is the
 * stub without it: rtld exits with status 126, naming symbol and object. */
#include <stdio.h>

int vanish_fn(void);
int vanish_other(void);

int main(void)
{
    printf("vanish_fn %d %d\n", vanish_fn(), vanish_other());
    return 0;
}
