/* rtld test: musl's dynamic linker gives malloc the unused ends of the
 * pages the loaded objects' writable segments occupy (__malloc_donate), so
 * that small programs need no heap of their own for their first blocks;
 * rtld must do the same.  Allocates one block of each size class the
 * donation fills and reports whether one of them lies in the pages of a
 * loaded object (dl_iterate_phdr). */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uintptr_t block;
static int inside;

static int in_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size, (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        uintptr_t lo = (info->dlpi_addr + p->p_vaddr) & -(uintptr_t)4096;
        uintptr_t hi = (info->dlpi_addr + p->p_vaddr + p->p_memsz + 4095) & -(uintptr_t)4096;
        if (p->p_type == PT_LOAD && block >= lo && block < hi)
            inside = 1;
    }
    return 0;
}

int main(void)
{
    /* mallocng's classes 3, 7, 11, ...: the ones donated pages are cut into */
    static const size_t sizes[] = { 48, 112, 224, 480, 992, 2000 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        block = (uintptr_t)malloc(sizes[i]);
        dl_iterate_phdr(in_object, NULL);
    }
    printf("a first block lies in the unused end of an object's page: %s\n",
           inside ? "yes" : "no");
    return 0;
}
