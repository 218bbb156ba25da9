/* The loader's exit through the vDSO (loader/vdso_exit.c) costs instructions
 * that callgrind cannot count in a loader run: valgrind gives programs no
 * vDSO.  bench/run.sh counts them here instead, on a copy of this machine's
 * vDSO:
 *
 *   vdso_exit_cost --dump FILE   (natively) write this process's vDSO to FILE
 *   vdso_exit_cost FILE          (under callgrind --toggle-collect=
 *                                vdso_exit_find) find the exit in that copy
 *
 * Prints the exit's offset in the vDSO and the words it pops; exits 1 when
 * there is no vDSO or no exit. */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include "vdso_exit.h"

static _Alignas(4096) unsigned char copy[1 << 16];

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--dump")) {
        const unsigned char *vdso = (const unsigned char *)getauxval(AT_SYSINFO_EHDR);
        if (!vdso)
            return 1;
        const Elf64_Ehdr *eh = (const Elf64_Ehdr *)vdso;
        const Elf64_Phdr *ph = (const Elf64_Phdr *)(vdso + eh->e_phoff);
        size_t size = 0;
        for (int i = 0; i < eh->e_phnum; i++)
            if (ph[i].p_type == PT_LOAD && ph[i].p_offset + ph[i].p_filesz > size)
                size = ph[i].p_offset + ph[i].p_filesz;
        FILE *f = fopen(argv[2], "wb");
        return !f || size > sizeof copy || fwrite(vdso, 1, size, f) != size || fclose(f);
    }
    FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
    if (!f || !fread(copy, 1, sizeof copy, f))
        return 1;
    uint64_t frame, at = vdso_exit_find((uint64_t)copy, &frame);
    if (!at)
        return 1;
    printf("exit at vDSO+%#lx, pops %lu\n", (unsigned long)(at - (uint64_t)copy),
           (unsigned long)frame);
    return 0;
}
