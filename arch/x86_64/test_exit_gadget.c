/* The loader's exit on x86_64 (loader/vdso_exit.c, arch/x86_64/
 * exit_gadget.c, enter.asm), a hosted Criterion test built by tests/unit:
 * the sequences taken and refused in a vDSO function, the walk of a vDSO
 * image (built here: ELF header, PT_LOAD, PT_DYNAMIC, DT_HASH, symbols,
 * code), the real vDSO of this process, and arch_enter leaving through
 * each kind of sequence (in a child process, to an entry point here that
 * checks what it was given). */
/* arch.h first: its struct ksiginfo has a field si_addr, which <signal.h>
 * (through <sys/wait.h>) makes a macro */
#include "arch.h"
#include <criterion/criterion.h>
#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libsys/enter_plan.h"
#include "vdso_exit.h"

#define IMAGE_SIZE 4096
#define CODE_OFF   0x800

/* An image like the kernel's vDSO, at vaddr 0, with one function, NAME,
 * whose bytes are code; nsyms is DT_HASH's nchain (2: the null symbol and
 * NAME). */
static uint64_t image(const char *name, const unsigned char *code, size_t len, uint32_t nsyms)
{
    static _Alignas(4096) unsigned char im[IMAGE_SIZE];
    memset(im, 0, sizeof im);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)im;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_phoff = sizeof *eh;
    eh->e_phnum = 2;
    Elf64_Phdr *ph = (Elf64_Phdr *)(im + eh->e_phoff);
    ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_filesz = IMAGE_SIZE, .p_memsz = IMAGE_SIZE };
    Elf64_Dyn *dyn = (Elf64_Dyn *)(im + 0x100);
    ph[1] = (Elf64_Phdr){ .p_type = PT_DYNAMIC, .p_offset = 0x100, .p_vaddr = 0x100,
                          .p_filesz = 5 * sizeof *dyn };
    uint32_t *hash = (uint32_t *)(im + 0x200);
    hash[0] = 1, hash[1] = nsyms;
    Elf64_Sym *sym = (Elf64_Sym *)(im + 0x300);
    char *str = (char *)im + 0x400;
    strcpy(str + 1, name);
    sym[1] = (Elf64_Sym){ .st_name = 1, .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
                          .st_shndx = 12, .st_value = CODE_OFF, .st_size = len };
    memcpy(im + CODE_OFF, code, len);
    dyn[0] = (Elf64_Dyn){ DT_HASH, { 0x200 } };
    dyn[1] = (Elf64_Dyn){ DT_SYMTAB, { 0x300 } };
    dyn[2] = (Elf64_Dyn){ DT_STRTAB, { 0x400 } };
    dyn[3] = (Elf64_Dyn){ DT_STRSZ, { 0x100 } };
    return (uint64_t)im;
}

/* The offset of the sequence found in code, as NAME, or -1 */
static long found(const unsigned char *code, size_t len, uint64_t *frame)
{
    uint64_t im = image(ARCH_VDSO_EXIT_FUNCTION, code, len, 2);
    uint64_t at = vdso_exit_find(im, frame);
    return at ? (long)(at - im - CODE_OFF) : -1;
}

#define FOUND(bytes, off, words) do {                                       \
        static const unsigned char c[] = bytes;                            \
        uint64_t frame = 99;                                               \
        cr_expect_eq(found(c, sizeof c - 1, &frame), off, "%s", #bytes);   \
        cr_expect_eq(frame, words, "%s", #bytes);                          \
    } while (0)
#define REFUSED(bytes) do {                                                 \
        static const unsigned char c[] = bytes;                            \
        uint64_t frame = 0;                                                \
        cr_expect_eq(found(c, sizeof c - 1, &frame), -1, "%s", #bytes);    \
    } while (0)

Test(exit_gadget, taken)
{
    /* mov $229,%eax; syscall; xor %edx,%edx; xor %ecx,%ecx; xor %r11d,%r11d; ret */
    FOUND("\xb8\xe5\x00\x00\x00\x0f\x05\x31\xd2\x31\xc9\x45\x31\xdb\xc3", 5, 0);
    FOUND("\x0f\x05\xc3", 0, 0);                    /* syscall; ret */
    FOUND("\x0f\x05\x5d\xc3", 0, 1);                /* syscall; pop %rbp; ret */
    FOUND("\x0f\x05\xc9\x31\xd2\xc3", 0, 1);        /* syscall; leave; xor; ret */
    /* two: the last is taken */
    FOUND("\x0f\x05\xc3\x90\x0f\x05\x5d\xc3", 4, 1);
    /* a ret that is no gadget before a syscall that is */
    FOUND("\xc3\x0f\x05\x31\xff\xc3", 1, 0);
}

Test(exit_gadget, refused)
{
    REFUSED("\x0f\x05");                            /* no return follows */
    REFUSED("\x0f\x05\x48\x83\xc4\x30\x5b\x5d\xc3");/* add $0x30,%rsp; pop %rbx; ... */
    REFUSED("\x0f\x05\x5d\x5d\xc3");                /* two pops */
    REFUSED("\x0f\x05\x44\x31\xc0\xc3");            /* xor %r8d,%eax: not a clear */
    REFUSED("\x0f\x05\x31\xd0\xc3");                /* xor %edx,%eax: not a clear */
    REFUSED("\x0f\x05\x31\xd2");                    /* the function ends first */
    REFUSED("\x90\x90\xc3");                        /* no syscall */
    REFUSED("\x05\xc3");                            /* half a syscall */
}

Test(exit_gadget, image_walk)
{
    static const unsigned char c[] = "\x0f\x05\xc3";
    uint64_t frame;
    /* another function's name: nothing */
    cr_expect_eq(vdso_exit_find(image("__vdso_time", c, 3, 2), &frame), 0);
    /* symbols beyond the image (a corrupt nchain): nothing */
    cr_expect_eq(vdso_exit_find(image(ARCH_VDSO_EXIT_FUNCTION, c, 3, 0x1000000), &frame), 0);
    /* a function reaching past the image: nothing */
    uint64_t im = image(ARCH_VDSO_EXIT_FUNCTION, c, 3, 2);
    ((Elf64_Sym *)(im + 0x300))[1].st_size = IMAGE_SIZE;
    cr_expect_eq(vdso_exit_find(im, &frame), 0);
    /* no vDSO */
    cr_expect_eq(vdso_exit_find(0, &frame), 0);
    /* not an ELF image, or program headers past its first page: nothing */
    im = image(ARCH_VDSO_EXIT_FUNCTION, c, 3, 2);
    ((unsigned char *)im)[1] = 'X';
    cr_expect_eq(vdso_exit_find(im, &frame), 0);
    im = image(ARCH_VDSO_EXIT_FUNCTION, c, 3, 2);
    ((Elf64_Ehdr *)im)->e_phnum = 100;
    cr_expect_eq(vdso_exit_find(im, &frame), 0);
    /* and the image itself is found (the cases above fail for their one reason) */
    cr_expect_neq(vdso_exit_find(image(ARCH_VDSO_EXIT_FUNCTION, c, 3, 2), &frame), 0);
}

/* This process's vDSO (the kernel's): the loader leaves through it. */
Test(exit_gadget, this_kernel)
{
    uint64_t vdso = getauxval(AT_SYSINFO_EHDR), frame = 99;
    cr_assert_neq(vdso, 0, "no vDSO here (a kernel booted with vdso=0)");
    const unsigned char *at = (const unsigned char *)vdso_exit_find(vdso, &frame);
    cr_assert_not_null(at, "no system call followed by a return in %s", ARCH_VDSO_EXIT_FUNCTION);
    cr_expect(at[0] == 0x0f && at[1] == 0x05);
    cr_expect(frame <= 1);
}

/* ---- arch_enter through an exit */

#define STACK_SIZE (64 * 1024)
static uint64_t want_sp;            /* where the image goes */
static void *victim;                /* the page the exit unmaps */
static const uint64_t image_words[6] = { 1, 0x1234, 0, 0, 0, 0 };   /* argc, argv..., auxv end */

/* The program's first instruction: rsp, rbp, rdx and rax as arch_enter left
 * them, to entry_check on an aligned stack below the image. */
void entry_stub(void);
__asm__(".text\n"
        "entry_stub:\n"
        "    mov %rsp, %rdi\n"
        "    mov %rbp, %rsi\n"
        "    mov %rax, %rcx\n"          /* (rdx is the third argument already) */
        "    and $-16, %rsp\n"
        "    sub $256, %rsp\n"
        "    call entry_check\n"
        "    ud2\n");

/* Exit status 0 when everything is as the exit promises, else the number
 * of the first check that failed. */
__attribute__((used, noreturn)) void entry_check(uint64_t sp, uint64_t rbp, uint64_t rdx,
                                                uint64_t rax)
{
    int status = 0;
    if (sp != want_sp)
        status = 1;                 /* rsp = the image, as at a kernel entry */
    else if (memcmp((void *)sp, image_words, sizeof image_words))
        status = 2;                 /* the image moved into place */
    else if (rbp || rdx)
        status = 3;                 /* no frame, no atexit function (psABI 3.4.1) */
    else if (victim && (rax || msync(victim, 4096, MS_ASYNC) != -1))
        status = 4;                 /* the exit's munmap was made, and succeeded */
    else if (!victim && rax)
        status = 5;                 /* no exit: rax cleared */
    syscall(SYS_exit_group, status);
    __builtin_unreachable();
}

/* Run arch_enter in a child, leaving through the bytes code (none: NULL),
 * which pop frame words; returns the child's exit status. */
static int enter_through(const unsigned char *code, size_t len, uint64_t frame)
{
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid) {
        int st;
        cr_assert_eq(waitpid(pid, &st, 0), pid);
        cr_assert(WIFEXITED(st), "the child died by signal %d", WTERMSIG(st));
        return WEXITSTATUS(st);
    }
    static struct enter_plan plan;
    char *stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    want_sp = (uint64_t)stack + STACK_SIZE / 2;
    plan.image = image_words;
    plan.len = sizeof image_words;
    plan.sp = want_sp;
    plan.entry = (uint64_t)entry_stub;
    if (code) {
        unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        memcpy(page, code, len);
        mprotect(page, 4096, PROT_READ | PROT_EXEC);
        victim = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        plan.exit_via = (uint64_t)page;
        plan.exit_frame = frame;
        plan.exit_nr = SYS_munmap;
        plan.exit_arg[0] = (int64_t)victim;
        plan.exit_arg[1] = 4096;
    }
    arch_enter(&plan);
}

Test(exit_gadget, enter_plain)
{
    cr_expect_eq(enter_through(NULL, 0, 0), 0);
}

Test(exit_gadget, enter_through_ret)
{
    cr_expect_eq(enter_through((const unsigned char *)"\x0f\x05\x31\xd2\xc3", 5, 0), 0);
}

Test(exit_gadget, enter_through_pop_rbp)
{
    cr_expect_eq(enter_through((const unsigned char *)"\x0f\x05\x5d\xc3", 4, 1), 0);
}

Test(exit_gadget, enter_through_leave)
{
    cr_expect_eq(enter_through((const unsigned char *)"\x0f\x05\xc9\x31\xc9\xc3", 6, 1), 0);
}
