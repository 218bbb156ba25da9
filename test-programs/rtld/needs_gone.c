/* rtld test: needs libgone, which the test removes: the program must not
 * start (rtld exits with status 127, naming the library and who needs it). */
#include <stdio.h>

int gone_value(void);

int main(void)
{
    printf("gone_value %d\n", gone_value());
    return 0;
}
