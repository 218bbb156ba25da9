/* rtld test: needs vanish_fn() and vanish_fn2() from libvanish, which at
 * run time is the stub without them: rtld reports each, naming symbol and
 * object, and exits with status 126. */
#include <stdio.h>

int vanish_fn(void);
int vanish_fn2(void);
int vanish_other(void);

int main(void)
{
    printf("vanish_fn %d %d %d\n", vanish_fn(), vanish_fn2(), vanish_other());
    return 0;
}
