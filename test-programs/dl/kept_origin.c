/* A library kept mapped after its dlclose (rtld/load.c) and taken back from
 * another directory, through a hard link to the same file, finds its
 * dependencies from there: $ORIGIN is where it was opened this time, as for
 * a library loaded afresh (glibc's ld.so).  ONE and TWO are the same
 * libkept_origin_lib.so in two directories, each beside its own
 * libsoname_x.so.  rtld only: musl's linker never unloads, so it gives the
 * first library again.
 *   kept_origin ONE TWO */
#include <dlfcn.h>
#include <stdio.h>

static const char *which(const char *path)
{
    void *h = dlopen(path, RTLD_NOW);
    const char *(*f)(void) = h ? (const char *(*)(void))dlsym(h, "origin_which") : 0;
    const char *name = f ? f() : dlerror();
    if (h && dlclose(h))
        name = "dlclose failed";
    return name;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    printf("first: %s\n", which(argv[1]));
    printf("the same file from another directory: %s\n", which(argv[2]));
    return 0;
}
