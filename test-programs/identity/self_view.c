/* self_view: what a program can see of its own process, printed so that a
 * direct run and a run through the loader can be compared line by line.
 *
 *   exe PATH             readlink /proc/self/exe
 *   comm NAME            /proc/self/comm, the name ps and pgrep show
 *   cmdline A|B|...      /proc/self/cmdline
 *   environ same|...     /proc/self/environ against environ[]
 *   auxv same|...        /proc/self/auxv against the auxv on the stack
 *   phdr ADDR            AT_PHDR's page (where the program was placed)
 *   brk ADDR             the heap start, sbrk(0) at entry
 *   brk-gap BYTES        heap start - end of .bss (rounded up to a page)
 *   map PERMS KIND       each mapping of /proc/self/maps, in address order;
 *                        KIND is prog, lib:NAME, [heap], [stack], ..., anon */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
extern char end[];              /* the linker's end of .bss */

static size_t slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, cap, f) : 0;
    if (f)
        fclose(f);
    return n;
}

int main(void)
{
    static char buf[1 << 20], exe[4096];
    uintptr_t brk0 = (uintptr_t)sbrk(0);
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    printf("exe %s\n", exe);

    size_t len = slurp("/proc/self/comm", buf, sizeof buf);
    printf("comm %.*s\n", (int)(len ? len - 1 : 0), buf);      /* (less its newline) */

    len = slurp("/proc/self/cmdline", buf, sizeof buf);
    for (size_t i = 0; i + 1 < len; i++)
        if (!buf[i])
            buf[i] = '|';
    printf("cmdline %.*s\n", (int)(len ? len - 1 : 0), buf);

    len = slurp("/proc/self/environ", buf, sizeof buf);
    size_t pos = 0;
    char **e = environ;
    for (; *e; e++) {
        size_t l = strlen(*e) + 1;
        if (pos + l > len || memcmp(buf + pos, *e, l))
            break;
        pos += l;
    }
    printf("environ %s\n", !*e && pos == len ? "same" : "differs");

    while (*e)
        e++;
    const uintptr_t *aux = (const uintptr_t *)(e + 1);
    size_t words = 0;
    while (aux[words])
        words += 2;
    words += 2;
    len = slurp("/proc/self/auxv", buf, sizeof buf);
    printf("auxv %s\n", len == words * sizeof *aux && !memcmp(buf, aux, len) ? "same" : "differs");

    printf("phdr %#lx\n", getauxval(AT_PHDR) & -4096ul);
    printf("interp %#lx\n", getauxval(AT_BASE));
    printf("brk %#lx\n", (unsigned long)brk0);
    printf("brk-gap %#lx\n", (unsigned long)(brk0 - (((uintptr_t)end + 4095) & -4096ul)));

    FILE *f = fopen("/proc/self/maps", "r");
    char line[4608];
    while (f && fgets(line, sizeof line, f)) {
        char perms[8], path[4096] = "";
        if (sscanf(line, "%*s %7s %*s %*s %*s %4095s", perms, path) < 1)
            continue;
        const char *base = strrchr(path, '/');
        if (!path[0])
            printf("map %s anon\n", perms);
        else if (!strcmp(path, exe))
            printf("map %s prog\n", perms);
        else if (path[0] == '[')
            printf("map %s %s\n", perms, path);
        else
            printf("map %s lib:%s\n", perms, base ? base + 1 : path);
    }
    if (f)
        fclose(f);
    return 0;
}
