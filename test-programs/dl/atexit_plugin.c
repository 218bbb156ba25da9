/* A plugin that registers exit handlers, as C++ static objects do
 * (__cxa_atexit with the object's __dso_handle) and as C code does
 * (atexit), built twice: NAME "plugin" is unloaded by dlclose, "keep"
 * stays loaded until exit. */
#include <stdio.h>
#include <stdlib.h>

extern void *__dso_handle;      /* crtbeginS.o: this object's handle */
int __cxa_atexit(void (*fn)(void *), void *arg, void *dso);

static void c_handler(void) { printf("%s: atexit handler\n", NAME); }
static void cxx_handler(void *arg) { printf("%s: __cxa_atexit handler (%s)\n", NAME, (char *)arg); }

__attribute__((constructor)) static void init(void)
{
    atexit(c_handler);
    __cxa_atexit(cxx_handler, "static object", &__dso_handle);
    printf("%s: constructor\n", NAME);
}

__attribute__((destructor)) static void fini(void) { printf("%s: destructor\n", NAME); }
