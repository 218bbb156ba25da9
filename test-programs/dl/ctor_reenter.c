/* Constructors that call dlopen, at start-up (libreenter_a.so, a dependency
 * of this program, opens libreenter_b.so) and inside a dlopen
 * (libreenter_c.so opens libreenter_d.so, which depends on
 * libreenter_c.so, whose constructor is then still running).  Every
 * constructor runs once.  Its output must equal the run under musl's own
 * linker. */
#include <dlfcn.h>
#include <stdio.h>

int runs_a(void);

static int runs_of(const char *lib, const char *fn)
{
    void *h = dlopen(lib, RTLD_NOW | RTLD_NOLOAD);
    int (*f)(void) = h ? (int (*)(void))dlsym(h, fn) : 0;
    return f ? f() : -1;
}

int main(void)
{
    printf("main: a ran %d time(s), b %d\n", runs_a(), runs_of("libreenter_b.so", "runs_b"));
    fflush(stdout);
    void *c = dlopen("libreenter_c.so", RTLD_NOW);
    printf("main: dlopen of c %s\n", c ? "returned" : dlerror());
    printf("main: c ran %d time(s), d %d\n", runs_of("libreenter_c.so", "runs_c"),
           runs_of("libreenter_d.so", "runs_d"));
    return 0;
}
