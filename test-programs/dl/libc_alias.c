/* dlopen of musl's C library under other names and paths (its dynamic
 * linker's path, a copy, musl's names for libm and libpthread), and of
 * glibc's: each must give the program's own C library, never a second,
 * uninitialised one.  The names come from the arguments.  Its output must
 * equal the run under musl's own linker. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    void *libc = dlopen("libc.so", RTLD_NOW);
    for (int i = 1; i < argc; i++) {
        void *h = dlopen(argv[i], RTLD_NOW);
        size_t (*len)(const char *) = h ? (size_t (*)(const char *))dlsym(h, "strlen") : 0;
        char buf[32];
        int (*format)(char *, size_t, const char *, ...) =
            h ? (int (*)(char *, size_t, const char *, ...))dlsym(h, "snprintf") : 0;
        if (format)
            format(buf, sizeof buf, "%d", 42);
        printf("%s: %s, strlen(\"four\") = %d, snprintf: %s\n", argv[i],
               h == libc ? "the program's libc" : h ? "another object" : "NULL",
               len ? (int)len("four") : -1, format ? buf : "none");
    }
    return 0;
}
