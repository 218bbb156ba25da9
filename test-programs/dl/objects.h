/* Where a library is: mapped (its file in /proc/self/maps) and listed
 * (dl_iterate_phdr reports it).  For tests of unloading. */
#ifndef OBJECTS_H
#define OBJECTS_H

#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static inline int mapped(const char *name)
{
    char line[512];
    int n = 0;
    FILE *f = fopen("/proc/self/maps", "r");
    while (f && fgets(line, sizeof line, f))
        n += strstr(line, name) != 0;
    if (f)
        fclose(f);
    return n;
}

static inline int listed_one(struct dl_phdr_info *info, size_t size, void *name)
{
    (void)size;
    return strstr(info->dlpi_name, name) != 0;
}

static inline int listed(const char *name)
{
    return dl_iterate_phdr(listed_one, (void *)name);
}

/* Is info the vDSO, which dl_iterate_phdr lists after the objects (musl
 * and glibc list it too)?  Its program headers lie in its first page. */
static inline int is_vdso(const struct dl_phdr_info *info)
{
    uintptr_t vdso = getauxval(AT_SYSINFO_EHDR);
    return vdso && (uintptr_t)info->dlpi_phdr - vdso < 4096;
}

/* dl_iterate_phdr's callback counting the objects loaded (not the vDSO) */
static inline int count_loaded(struct dl_phdr_info *info, size_t size, void *n)
{
    (void)size;
    *(int *)n += !is_vdso(info);
    return 0;
}

#endif
