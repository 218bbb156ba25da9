/* rtld test: a program linked with -rpath '$ORIGIN/lib' (DT_RPATH, or
 * DT_RUNPATH with --enable-new-dtags) whose library lives in lib/ beside
 * it; the test copies both into a fresh directory. */
#include <stdio.h>

const char *origin_where(void);

int main(void)
{
    printf("loaded %s\n", origin_where());
    return 0;
}
