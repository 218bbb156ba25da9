/* A dl_iterate_phdr walk left by longjmp out of its callback never ends;
 * the thread's next walk, from a frame no deeper, finds it abandoned, so
 * that libraries unloaded later are not held mapped for its sake (rtld
 * holds an object unloaded during a walk until the walk ends).  Then
 * loads and unloads of one library leave at most two copies mapped (musl
 * never unloads: one). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#define ROUNDS 2000

static jmp_buf out;

static int leave(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)info; (void)size; (void)data;
    longjmp(out, 1);
}

static int count(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)info; (void)size;
    ++*(int *)data;
    return 0;
}

/* Copies of the library mapped: its mappings at file offset 0 */
static int copies(void)
{
    char line[512];
    int n = 0;
    FILE *f = fopen("/proc/self/maps", "r");
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi, off;
        char perms[8];
        if (strstr(line, "/libplugin_tlsvar.so") &&
            sscanf(line, "%lx-%lx %7s %lx", &lo, &hi, perms, &off) == 4 && off == 0)
            n++;
    }
    if (f)
        fclose(f);
    return n;
}

int main(void)
{
    int objects = 0;
    if (!setjmp(out))
        dl_iterate_phdr(leave, 0);
    dl_iterate_phdr(count, &objects);
    for (int i = 0; i < ROUNDS; i++) {
        void *h = dlopen("./libplugin_tlsvar.so", RTLD_NOW);
        if (!h || dlclose(h))
            return 1;
    }
    int n = copies();
    printf("a walk left by longjmp, one walk since (%s objects): %d loads and unloads "
           "leave at most two copies mapped: %s\n", objects > 0 ? "some" : "no", ROUNDS,
           n <= 2 ? "yes" : "no");
    return 0;
}
