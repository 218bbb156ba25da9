/* arch.h first: its struct ksiginfo has a field si_addr, which <signal.h>
 * (through <sys/wait.h>) makes a macro */
#include "arch.h"
#include <elf.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <criterion/criterion.h>
#include "libsys/enter_plan.h"
#include "vdso_exit.h"
#include "exit_harness.h"

/* The two hash functions of the ELF symbol hash tables: gABI "Hash
 * Table" (DT_HASH) and GNU's (DT_GNU_HASH). */
static uint32_t sysv_hash(const char *s)
{
    uint32_t h = 0;
    for (; *s; s++) {
        h = (h << 4) + (unsigned char)*s;
        h = (h ^ (h >> 24 & 0xf0)) & 0x0fffffff;
    }
    return h;
}

static uint32_t gnu_hash(const char *s)
{
    uint32_t h = 5381;
    for (; *s; s++)
        h = h * 33 + (unsigned char)*s;
    return h;
}

#define NBUCKET 3
#define NSYMS   4       /* the null symbol, two others, name */

uint64_t exit_image(const char *name, const void *code, size_t len, int tables, uint32_t nchain)
{
    static _Alignas(4096) unsigned char im[EXIT_IMAGE_SIZE];
    /* symbols 1..3, in the order of their GNU buckets (DT_GNU_HASH wants
     * a bucket's symbols together, ascending by bucket) */
    const char *names[NSYMS] = { "", "__vdso_time", "__vdso_getcpu", name };
    for (int i = 1; i < NSYMS; i++)
        for (int j = i + 1; j < NSYMS; j++)
            if (gnu_hash(names[j]) % NBUCKET < gnu_hash(names[i]) % NBUCKET) {
                const char *n = names[i];
                names[i] = names[j], names[j] = n;
            }
    memset(im, 0, sizeof im);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)im;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_phoff = sizeof *eh;
    eh->e_phnum = 2;
    Elf64_Phdr *ph = (Elf64_Phdr *)(im + eh->e_phoff);
    ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_filesz = EXIT_IMAGE_SIZE,
                          .p_memsz = EXIT_IMAGE_SIZE };
    Elf64_Dyn *dyn = (Elf64_Dyn *)(im + 0x100), *d = dyn;
    ph[1] = (Elf64_Phdr){ .p_type = PT_DYNAMIC, .p_offset = 0x100, .p_vaddr = 0x100,
                          .p_filesz = 7 * sizeof *dyn };
    *d++ = (Elf64_Dyn){ DT_STRTAB, { 0x400 } };
    *d++ = (Elf64_Dyn){ DT_SYMTAB, { 0x300 } };
    *d++ = (Elf64_Dyn){ DT_STRSZ, { 0x100 } };
    Elf64_Sym *sym = (Elf64_Sym *)(im + 0x300);
    char *str = (char *)im + 0x400;
    uint32_t *sysv = (uint32_t *)(im + 0x180), *gnu = (uint32_t *)(im + 0x200);
    sysv[0] = NBUCKET, sysv[1] = nchain;
    gnu[0] = NBUCKET, gnu[1] = 1, gnu[2] = 1, gnu[3] = 6;   /* symoffset 1, one Bloom word */
    uint32_t *gnu_buckets = gnu + 4 + 2, *gnu_chain = gnu_buckets + NBUCKET - 1;
    for (int i = 1, at = 1; i < NSYMS; i++) {
        strcpy(str + at, names[i]);
        sym[i] = (Elf64_Sym){ .st_name = at, .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
                              .st_shndx = 12, .st_value = 0x900, .st_size = 1 };
        at += strlen(names[i]) + 1;
        uint32_t *bucket = &sysv[2 + sysv_hash(names[i]) % NBUCKET];
        sysv[2 + NBUCKET + i] = *bucket, *bucket = i;
        uint32_t g = gnu_hash(names[i]), b = g % NBUCKET;
        if (!gnu_buckets[b])
            gnu_buckets[b] = i;
        int last = i == NSYMS - 1 || gnu_hash(names[i + 1]) % NBUCKET != b;
        gnu_chain[i] = (g & ~1u) | last;
        if (names[i] == name)
            sym[i].st_value = EXIT_CODE_OFF, sym[i].st_size = len;
    }
    memcpy(im + EXIT_CODE_OFF, code, len);
    if (tables & EXIT_SYSV)
        *d++ = (Elf64_Dyn){ DT_HASH, { 0x180 } };
    if (tables & EXIT_GNU)
        *d++ = (Elf64_Dyn){ DT_GNU_HASH, { 0x200 } };
    return (uint64_t)im;
}

long exit_found(const void *code, size_t len, uint64_t *frame)
{
    uint64_t im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, EXIT_SYSV | EXIT_GNU, NSYMS);
    uint64_t at = vdso_exit_find(im, frame);
    return at ? (long)(at - im - EXIT_CODE_OFF) : -1;
}

void exit_image_checks(const void *code, size_t len)
{
    uint64_t frame, im;
    /* the hashes arch.h gives are the name's */
    cr_assert_eq(sysv_hash(ARCH_VDSO_EXIT_FUNCTION), ARCH_VDSO_EXIT_HASH);
    cr_assert_eq(gnu_hash(ARCH_VDSO_EXIT_FUNCTION), ARCH_VDSO_EXIT_GNU_HASH);
    /* the image as built is taken, through either table or both (each
     * case below fails for its one reason) */
    for (int tables = EXIT_SYSV; tables <= (EXIT_SYSV | EXIT_GNU); tables++)
        cr_assert_eq(vdso_exit_find(exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, tables,
                                               NSYMS), &frame) != 0, 1, "tables %d", tables);
    /* no hash table */
    cr_assert_eq(vdso_exit_find(exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, 0, NSYMS),
                                &frame), 0);
    /* another function's name */
    cr_assert_eq(vdso_exit_find(exit_image("__vdso_time_", code, len, EXIT_SYSV | EXIT_GNU,
                                           NSYMS), &frame), 0);
    /* the name's hashes, but a name one byte off: its first, middle or
     * last byte, or its NUL (the name running on) */
    size_t n = strlen(ARCH_VDSO_EXIT_FUNCTION);
    size_t off[] = { 0, n / 2, n - 1, n };
    for (size_t i = 0; i < sizeof off / sizeof off[0]; i++) {
        im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, EXIT_SYSV | EXIT_GNU, NSYMS);
        const Elf64_Sym *sym = (const Elf64_Sym *)(im + 0x300);
        while (sym->st_value != EXIT_CODE_OFF)
            sym++;
        char *at = (char *)im + 0x400 + sym->st_name;
        cr_assert_eq(strcmp(at, ARCH_VDSO_EXIT_FUNCTION), 0);
        at[off[i]] ^= 0x20;
        cr_assert_eq(vdso_exit_find(im, &frame), 0, "byte %zu changed", off[i]);
    }
    /* a hash table beyond the image (a corrupt nchain; nbuckets) */
    cr_assert_eq(vdso_exit_find(exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, EXIT_SYSV,
                                           0x1000000), &frame), 0);
    im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, EXIT_GNU, NSYMS);
    ((uint32_t *)(im + 0x200))[0] = 0x1000000;
    cr_assert_eq(vdso_exit_find(im, &frame), 0);
    /* a GNU chain without its end running off the image */
    im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, EXIT_GNU, NSYMS);
    for (uint32_t *c = (uint32_t *)(im + 0x200) + 4 + 2 + NBUCKET - 1 + 1;
         (uint64_t)c < im + EXIT_IMAGE_SIZE; c++)
        *c = 2;
    cr_assert_eq(vdso_exit_find(im, &frame), 0);
    /* a function reaching past the image */
    im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, EXIT_SYSV | EXIT_GNU, NSYMS);
    for (Elf64_Sym *s = (Elf64_Sym *)(im + 0x300); s < (Elf64_Sym *)(im + 0x300) + NSYMS; s++)
        s->st_size = s->st_value == EXIT_CODE_OFF ? EXIT_IMAGE_SIZE : s->st_size;
    cr_assert_eq(vdso_exit_find(im, &frame), 0);
    /* not an ELF image; program headers past its first page; no vDSO */
    im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, EXIT_SYSV | EXIT_GNU, NSYMS);
    ((unsigned char *)im)[1] = 'X';
    cr_assert_eq(vdso_exit_find(im, &frame), 0);
    im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, EXIT_SYSV | EXIT_GNU, NSYMS);
    ((Elf64_Ehdr *)im)->e_phnum = 100;
    cr_assert_eq(vdso_exit_find(im, &frame), 0);
    cr_assert_eq(vdso_exit_find(0, &frame), 0);
}

#define STACK_SIZE (64 * 1024)
static uint64_t want_sp;            /* where the image goes */
static void *victim;                /* the page the exit unmaps */
static const uint64_t image_words[6] = { 1, 0x1234, 0, 0, 0, 0 };   /* argc, argv..., auxv end */

void exit_entry_check(uint64_t sp, uint64_t fp, uint64_t atexit_fn, uint64_t result)
{
    int status = 0;
    if (sp != want_sp)
        status = 1;                 /* sp = the image, as at a kernel entry */
    else if (memcmp((void *)sp, image_words, sizeof image_words))
        status = 2;                 /* the image moved into place */
    else if (fp || atexit_fn)
        status = 3;                 /* no frame, no atexit function */
    else if (result)
        status = 4;                 /* the exit's call succeeded, or no exit: cleared */
    else if (victim && msync(victim, 4096, MS_ASYNC) != -1)
        status = 5;                 /* the exit's munmap was made */
    syscall(SYS_exit_group, status);
    __builtin_unreachable();
}

int exit_enter_through(const void *code, size_t len, uint64_t frame, int extra_prot)
{
    pid_t pid = fork();
    cr_assert_eq(pid >= 0, 1);
    if (pid) {
        int st;
        cr_assert_eq(waitpid(pid, &st, 0), pid);
        cr_assert_eq(WIFEXITED(st), 1, "the child died by signal %d", WTERMSIG(st));
        return WEXITSTATUS(st);
    }
    static struct enter_plan plan;
    char *stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    want_sp = (uint64_t)stack + STACK_SIZE / 2;
    memset(stack, 0xa5, STACK_SIZE / 2);    /* what a frame reloads must be arch_enter's */
    plan.image = image_words;
    plan.len = sizeof image_words;
    plan.sp = want_sp;
    plan.entry = (uint64_t)exit_entry_stub;
    if (code) {
        unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        memcpy(page, code, len);
        __builtin___clear_cache((char *)page, (char *)page + len);
        if (mprotect(page, 4096, PROT_READ | PROT_EXEC | extra_prot))
            syscall(SYS_exit_group, 6);
        victim = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        plan.exit_via = (uint64_t)page;
        plan.exit_frame = frame;
        plan.exit_nr = SYS_munmap;
        plan.exit_arg[0] = (int64_t)victim;
        plan.exit_arg[1] = 4096;
    }
    arch_enter(&plan);
}
