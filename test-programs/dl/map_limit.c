/* dlopen with no room for another mapping (vm.max_map_count reached, the
 * "full map count" of mm/mmap.c: mmap and splitting mprotect fail with
 * ENOMEM).  The program fills its map count with one-page mappings, then
 * frees one slot at a time and tries dlopen("./libplugin_tls.so") (a
 * plugin with TLS, a constructor and a dependency) after each: every
 * attempt must either fail with a dlerror message and leave the process as
 * it was (same mappings, same objects in dl_iterate_phdr), or succeed with
 * a working plugin whose PT_GNU_RELRO pages are read-only (making them so
 * splits a mapping, which needs a free slot too).  It prints how many attempts failed before one
 * succeeded, and each broken promise; exit status 1 if any. */
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void **pages;
static char buf[1 << 16];

/* Call fn for each line of /proc/self/maps (one mapping each), read
 * through buf without allocating (stdio would malloc, and malloc may need
 * a mapping); -1 when the file cannot be opened. */
static int each_mapping(void (*fn)(const char *line, void *arg), void *arg)
{
    int fd = open("/proc/self/maps", O_RDONLY);
    size_t have = 0;
    long n;
    if (fd < 0)
        return -1;
    while ((n = read(fd, buf + have, sizeof buf - 1 - have)) > 0) {
        have += (size_t)n;
        buf[have] = '\0';
        char *line = buf, *nl;
        for (; (nl = strchr(line, '\n')); line = nl + 1)
            fn(line, arg);
        have = (size_t)(buf + have - line);
        memmove(buf, line, have);
    }
    close(fd);
    return 0;
}

static void count_line(const char *line, void *count)
{
    (void)line;
    ++*(long *)count;
}

/* Mappings of this process. */
static long count_maps(void)
{
    long count = 0;
    return each_mapping(count_line, &count) ? -1 : count;
}

struct perms_query {
    unsigned long addr;
    char perms[5];
};

static void perms_line(const char *line, void *arg)
{
    struct perms_query *q = arg;
    unsigned long lo, hi;
    char p[5];
    if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) == 3 && lo <= q->addr && q->addr < hi)
        strcpy(q->perms, p);
}

/* The permissions ("r--p", ...) of the mapping that holds addr. */
static void perms_at(unsigned long addr, char perms[5])
{
    struct perms_query q = { addr, "none" };
    each_mapping(perms_line, &q);
    strcpy(perms, q.perms);
}

/* Each plugin object's RELRO must be read-only once dlopen succeeded. */
static int relro_cb(struct dl_phdr_info *i, size_t s, void *d)
{
    (void)s;
    if (!strstr(i->dlpi_name, "libplugin_"))
        return 0;
    for (int k = 0; k < i->dlpi_phnum; k++) {
        if (i->dlpi_phdr[k].p_type != PT_GNU_RELRO)
            continue;
        char perms[5];
        perms_at(i->dlpi_addr + i->dlpi_phdr[k].p_vaddr, perms);
        if (strcmp(perms, "r--p")) {
            printf("loaded, but the RELRO of %s is %s\n", i->dlpi_name, perms);
            ++*(int *)d;
        }
    }
    return 0;
}

static int count_cb(struct dl_phdr_info *i, size_t s, void *d)
{
    (void)i; (void)s;
    ++*(int *)d;
    return 0;
}

static int count_objects(void)
{
    int n = 0;
    dl_iterate_phdr(count_cb, &n);
    return n;
}

int main(void)
{
    int broken = 0, failures = 0;
    /* the failure path once beforehand, so that dlerror's message buffer
     * (musl mallocs it) exists before the map count is full */
    if (dlopen("./no-such-plugin.so", RTLD_NOW) || !dlerror()) {
        printf("dlopen of a missing file did not fail with a message\n");
        return 1;
    }
    /* one-page mappings, alternately readable and not, so that neighbours
     * never merge into one mapping; room for a few more than the limit */
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    long limit = 0;
    if (!f || fscanf(f, "%ld", &limit) != 1 || limit <= 0 || limit > (1L << 22)) {
        printf("cannot use vm.max_map_count (%ld)\n", limit);
        return 1;
    }
    fclose(f);
    size_t max_pages = (size_t)limit + 1000, n = 0;
    pages = mmap(NULL, max_pages * sizeof *pages, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED)
        return 1;
    while (n < max_pages) {
        void *p = mmap(NULL, 4096, n % 2 ? PROT_READ : PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            break;
        pages[n++] = p;
    }
    if (n == max_pages) {
        printf("the map count never filled up (vm.max_map_count is %ld)\n", limit);
        return 1;
    }
    for (;;) {
        long maps = count_maps();
        int objects = count_objects();
        void *h = dlopen("./libplugin_tls.so", RTLD_NOW);
        if (h) {
            int (*bump)(int) = (int (*)(int))dlsym(h, "plugin_bump");
            if (!bump || bump(1) != 101) {
                printf("loaded, but plugin_bump does not work\n");
                broken++;
            }
            if (count_objects() != objects + 2) {
                printf("loaded, but %d objects instead of %d\n", count_objects(), objects + 2);
                broken++;
            }
            dl_iterate_phdr(relro_cb, &broken);
            break;
        }
        const char *why = dlerror();
        long maps_after = count_maps();
        failures++;
        if (!why) {
            printf("attempt %d failed without a dlerror message\n", failures);
            broken++;
        }
        if (maps_after != maps) {
            printf("attempt %d failed (%s) and left %ld mappings behind\n", failures, why,
                   maps_after - maps);
            broken++;
        }
        if (count_objects() != objects) {
            printf("attempt %d failed (%s) and left %d objects behind\n", failures, why,
                   count_objects() - objects);
            broken++;
        }
        if (!n) {
            printf("every page freed and dlopen still fails: %s\n", why);
            return 1;
        }
        munmap(pages[--n], 4096);   /* one more free slot */
    }
    printf("%d failed attempts, then a working plugin\n", failures);
    return broken != 0;
}
