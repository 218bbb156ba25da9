/* dl test: the order of the global scope.  An object joins it when it
 * becomes global, after those that joined before it (musl's syms_next list,
 * glibc's main map scope), not where it was loaded: libscope_b is loaded
 * without RTLD_GLOBAL first, then libscope_a, which needs it, with
 * RTLD_GLOBAL ("load") or without it and then promoted by RTLD_NOLOAD |
 * RTLD_GLOBAL ("promote").  a joins first, so lookups in the global scope
 * find a's scope_who: dlsym(RTLD_DEFAULT) and a library loaded after.  Its
 * output must equal the run under musl's own linker. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    int promote = argc > 1 && !strcmp(argv[1], "promote");
    if (!dlopen("./libscope_b.so", RTLD_NOW | RTLD_LOCAL) ||
        !dlopen("./libscope_a.so", RTLD_NOW | (promote ? RTLD_LOCAL : RTLD_GLOBAL)) ||
        (promote && !dlopen("./libscope_a.so", RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL))) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    const char *(*who)(void) = (const char *(*)(void))dlsym(RTLD_DEFAULT, "scope_who");
    printf("dlsym(RTLD_DEFAULT) finds the scope_who of %s\n", who ? who() : "nothing");
    void *user = dlopen("./libscope_user.so", RTLD_NOW);
    const char *(*user_who)(void) = user ? (const char *(*)(void))dlsym(user, "scope_user") : 0;
    printf("a library loaded after binds to the scope_who of %s\n",
           user_who ? user_who() : dlerror());
    return 0;
}
