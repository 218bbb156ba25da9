/* rtld test: a program without rpath whose library is found only through
 * LD_LIBRARY_PATH (or rtld --library-path). */
#include <stdio.h>

int libpath_value(int x);

int main(void)
{
    printf("libpath_value(13) = %d\n", libpath_value(13));
    return 0;
}
