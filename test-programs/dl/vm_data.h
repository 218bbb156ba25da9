/* The process's data size (VmData in /proc/self/status), in KiB; -1 when
 * unknown.  For tests that a thing leaves no memory behind. */
#ifndef VM_DATA_H
#define VM_DATA_H

#include <stdio.h>
#include <string.h>

static long vm_data_kib(void)
{
    char line[256];
    long kib = -1;
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmData:", 7))
            sscanf(line + 7, "%ld", &kib);
    if (f)
        fclose(f);
    return kib;
}

#endif
