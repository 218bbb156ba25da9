/* rtld test: dl_iterate_phdr(3), as unwinders and garbage collectors use
 * it: exactly one object must contain main and one, named .../libphdr.so,
 * phdr_lib_fn; both have PT_TLS, a module id, and dlpi_tls_data pointing
 * at the calling thread's block of that module (musl and glibc fill it).
 * The vDSO is listed too (musl and glibc list it): one object holds its
 * ELF header, when the kernel (or emulator) gives one. */
#define _GNU_SOURCE
#include <link.h>
#include <sys/auxv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(void);
int phdr_lib_fn(void);
extern __thread int phdr_lib_tls;
__thread int prog_tls = 4;      /* the program's only TLS: its block's start */

struct found {
    int objects, size_ok, has_tls;
    size_t modid;
    void *tls_data;
};
static struct found prog, lib;
static int vdso_objects;

static int contains(const struct dl_phdr_info *info, const void *addr)
{
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type == PT_LOAD && (uintptr_t)addr >= lo && (uintptr_t)addr < lo + ph->p_memsz)
            return 1;
    }
    return 0;
}

static int each(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)data;
    const void *vdso = (const void *)getauxval(AT_SYSINFO_EHDR);
    vdso_objects += vdso && contains(info, vdso);
    struct found *f = contains(info, (void *)main) ? &prog
                    : contains(info, (void *)phdr_lib_fn) && strstr(info->dlpi_name, "/libphdr.so") ? &lib
                    : NULL;
    if (!f)
        return 0;
    f->objects++;
    f->size_ok = size >= offsetof(struct dl_phdr_info, dlpi_tls_data) + sizeof(void *);
    for (int i = 0; i < info->dlpi_phnum; i++)
        f->has_tls |= info->dlpi_phdr[i].p_type == PT_TLS;
    f->modid = info->dlpi_tls_modid;
    f->tls_data = info->dlpi_tls_data;
    return 0;
}

static void report(const char *what, const struct found *f, void *tls)
{
    printf("%s: %d object(s), full size %s, PT_TLS %s, module id %s, dlpi_tls_data %s\n", what,
           f->objects, f->size_ok ? "yes" : "no", f->has_tls ? "yes" : "no",
           f->modid ? "set" : "0", f->tls_data == tls ? "this thread's block" :
           f->tls_data ? "elsewhere" : "NULL");
}

int main(void)
{
    dl_iterate_phdr(each, NULL);
    report("the program", &prog, &prog_tls);
    report("libphdr.so", &lib, &phdr_lib_tls);
    if (getauxval(AT_SYSINFO_EHDR))
        printf("the vDSO: %d object(s)\n", vdso_objects);
    else
        printf("no vDSO\n");
    printf("TLS values %d %d\n", prog_tls, phdr_lib_fn());
    return 0;
}
