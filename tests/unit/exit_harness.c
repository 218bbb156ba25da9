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

uint64_t exit_image(const char *name, const void *code, size_t len, uint32_t nsyms)
{
    static _Alignas(4096) unsigned char im[EXIT_IMAGE_SIZE];
    memset(im, 0, sizeof im);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)im;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_phoff = sizeof *eh;
    eh->e_phnum = 2;
    Elf64_Phdr *ph = (Elf64_Phdr *)(im + eh->e_phoff);
    ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_filesz = EXIT_IMAGE_SIZE,
                          .p_memsz = EXIT_IMAGE_SIZE };
    Elf64_Dyn *dyn = (Elf64_Dyn *)(im + 0x100);
    ph[1] = (Elf64_Phdr){ .p_type = PT_DYNAMIC, .p_offset = 0x100, .p_vaddr = 0x100,
                          .p_filesz = 5 * sizeof *dyn };
    uint32_t *hash = (uint32_t *)(im + 0x200);
    hash[0] = 1, hash[1] = nsyms;
    Elf64_Sym *sym = (Elf64_Sym *)(im + 0x300);
    char *str = (char *)im + 0x400;
    strcpy(str + 1, name);
    sym[1] = (Elf64_Sym){ .st_name = 1, .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
                          .st_shndx = 12, .st_value = EXIT_CODE_OFF, .st_size = len };
    memcpy(im + EXIT_CODE_OFF, code, len);
    dyn[0] = (Elf64_Dyn){ DT_HASH, { 0x200 } };
    dyn[1] = (Elf64_Dyn){ DT_SYMTAB, { 0x300 } };
    dyn[2] = (Elf64_Dyn){ DT_STRTAB, { 0x400 } };
    dyn[3] = (Elf64_Dyn){ DT_STRSZ, { 0x100 } };
    return (uint64_t)im;
}

long exit_found(const void *code, size_t len, uint64_t *frame)
{
    uint64_t im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, 2);
    uint64_t at = vdso_exit_find(im, frame);
    return at ? (long)(at - im - EXIT_CODE_OFF) : -1;
}

void exit_image_checks(const void *code, size_t len)
{
    uint64_t frame, im;
    /* the image as built is taken (each case below fails for its one reason) */
    cr_assert_eq(vdso_exit_find(exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, 2), &frame) != 0,
                 1);
    /* another function's name */
    cr_assert_eq(vdso_exit_find(exit_image("__vdso_time", code, len, 2), &frame), 0);
    /* symbols beyond the image (a corrupt nchain) */
    cr_assert_eq(vdso_exit_find(exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, 0x1000000),
                                &frame), 0);
    /* a function reaching past the image */
    im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, 2);
    ((Elf64_Sym *)(im + 0x300))[1].st_size = EXIT_IMAGE_SIZE;
    cr_assert_eq(vdso_exit_find(im, &frame), 0);
    /* not an ELF image; program headers past its first page; no vDSO */
    im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, 2);
    ((unsigned char *)im)[1] = 'X';
    cr_assert_eq(vdso_exit_find(im, &frame), 0);
    im = exit_image(ARCH_VDSO_EXIT_FUNCTION, code, len, 2);
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
