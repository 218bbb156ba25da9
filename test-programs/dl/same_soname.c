/* Two libraries under one soname (libsoname_x.so, which no file has),
 * dlopen'ed by path (argv[1], argv[2]): both load, and the soname names the
 * first in load order; once that one is unloaded, the other.  rtld finds
 * loaded objects by name through an index of their names' hashes (load.c),
 * which must keep the list's order and forget an unloaded object.  rtld
 * only: musl's linker matches a file's base name, never a soname. */
#include <dlfcn.h>
#include <stdio.h>
static const char *which(void *h)
{
    const char *(*f)(void) = h ? (const char *(*)(void))dlsym(h, "soname_which") : 0;
    return f ? f() : "nothing";
}
int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    void *one = dlopen(argv[1], RTLD_NOW), *two = dlopen(argv[2], RTLD_NOW);
    printf("loaded: %s, %s\n", which(one), which(two));
    void *h = dlopen("libsoname_x.so", RTLD_NOW | RTLD_NOLOAD);
    printf("the soname names: %s\n", which(h));
    if (h)
        dlclose(h);
    dlclose(one);
    h = dlopen("libsoname_x.so", RTLD_NOW | RTLD_NOLOAD);
    printf("with the first unloaded: %s\n", which(h));
    if (h)
        dlclose(h);
    return dlclose(two) != 0;
}
