/* rtld test: LD_PRELOAD.  Run without it, greeting() comes from libgreet;
 * with libpreload preloaded, from libpreload, also for libgreet's own
 * call. */
#include <stdio.h>

const char *greeting(void);
const char *greet_indirect(void);

int main(void)
{
    printf("program: %s\n", greeting());
    printf("libgreet: %s\n", greet_indirect());
    return 0;
}
