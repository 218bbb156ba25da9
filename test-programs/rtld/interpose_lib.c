/* rtld test: libinterpose.  whoami() is defined here and in the program:
 * the library's own call goes through its PLT and must reach the
 * program's definition, which comes first in the global scope.  A weak
 * undefined reference that nothing defines must stay NULL. */
#include <stddef.h>

const char *whoami(void)
{
    return "libinterpose";
}

const char *lib_calls_whoami(void)
{
    return whoami();
}

extern void nowhere_defined_in_lib(void) __attribute__((weak));
extern int nowhere_defined_object __attribute__((weak));

const char *lib_weak_undefined(void)
{
    return nowhere_defined_in_lib == NULL && &nowhere_defined_object == NULL ? "NULL" : "not NULL";
}
