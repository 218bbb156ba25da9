/* rtld test: symbol interposition and weak symbols.
 * - whoami() is defined here and in libinterpose: the program's
 *   definition wins, also for the library's own call through its PLT;
 * - weak undefined references, here and in the library, stay NULL;
 * - flavour() is weak in libweak and strong in libstrong, colour() the
 *   other way round; libstrong comes first in the global scope. */
#include <stdio.h>

const char *lib_calls_whoami(void);
const char *lib_weak_undefined(void);
const char *flavour(void);
const char *colour(void);
const char *libweak_calls_flavour(void);
const char *libweak_calls_colour(void);

extern void nowhere_defined(void) __attribute__((weak));
extern int nowhere_defined_int __attribute__((weak));

const char *whoami(void)
{
    return "the program";
}

int main(void)
{
    printf("program calls whoami: %s\n", whoami());
    printf("library calls whoami: %s\n", lib_calls_whoami());
    printf("weak undefined function in the program: %s\n", nowhere_defined ? "not NULL" : "NULL");
    printf("weak undefined object in the program: %s\n", &nowhere_defined_int ? "not NULL" : "NULL");
    printf("weak undefined in the library: %s\n", lib_weak_undefined());
    printf("program calls flavour: %s\n", flavour());
    printf("libweak calls flavour: %s\n", libweak_calls_flavour());
    printf("program calls colour: %s\n", colour());
    printf("libweak calls colour: %s\n", libweak_calls_colour());
    return 0;
}
