/* Does /proc/self/maps show a mapping of a file whose path contains name?
 * For tests that dlclose unmaps. */
#ifndef MAPPED_H
#define MAPPED_H

#include <stdio.h>
#include <string.h>

static int mapped(const char *name)
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

#endif
