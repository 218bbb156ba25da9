/* rtld test: a program with DT_RUNPATH $ORIGIN/lib that needs (or, with
 * -DDLOPEN, dlopens) libruntop.so, whose own dependency librunleaf.so lies
 * in lib/ too and is found there only through the program's DT_RUNPATH:
 * musl's linker searches the paths of every object up the chain of those
 * that loaded a library (glibc only the needing object's DT_RUNPATH). */
#include <dlfcn.h>
#include <stdio.h>

int run_top_value(void);

int main(void)
{
#ifdef DLOPEN
    void *h = dlopen("libruntop.so", RTLD_NOW);
    int (*top)(void) = h ? (int (*)(void))dlsym(h, "run_top_value") : 0;
    if (!top) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    printf("dlopen'ed libruntop.so: run_top_value() = %d\n", top());
#else
    printf("run_top_value() = %d\n", run_top_value());
#endif
    return 0;
}
