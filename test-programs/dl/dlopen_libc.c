/* rtld's object is also libc.so: every name of libc -- musl's names (its
 * linker's, ld-musl-CPU.so.1, is argv[2]), and a path to the file libc.so
 * (argv[1], another name of rtld's file) --
 * opens the one C library the program already uses, whose functions are
 * those the program calls.  Prints what it finds; rtld only (under musl's
 * own linker a path to a libc.so file loads a second copy). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
static const char *yes(int b) { return b ? "yes" : "no"; }
int main(int argc, char **argv) {
    void *noload = dlopen("libc.so", RTLD_NOW | RTLD_NOLOAD);
    void *libc = dlopen("libc.so", RTLD_NOW);
    void *musl = argc > 2 ? dlopen(argv[2], RTLD_NOW) : 0;
    void *path = argc > 1 ? dlopen(argv[1], RTLD_NOW) : 0;
    printf("libc.so already loaded: %s\n", yes(noload != 0));
    printf("musl's linker name is the same object: %s\n", yes(musl && musl == libc));
    printf("a path to libc.so is the same object: %s\n", yes(path && path == libc));
    printf("dlsym finds the program's printf: %s\n", yes(dlsym(libc, "printf") == (void *)printf));
    Dl_info info;
    printf("dladdr places printf in: %s\n",
           dladdr((void *)printf, &info) ? strrchr(info.dli_fname, '/') + 1 : "nothing");
    return dlclose(libc) || (musl && dlclose(musl)) || (path && dlclose(path));
}
