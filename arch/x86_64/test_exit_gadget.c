/* The loader's exit on x86_64 (loader/vdso_exit.c, arch/x86_64/
 * exit_gadget.c), a hosted Criterion test built by tests/unit: the
 * sequences taken and refused in a vDSO function, the walk of a vDSO image
 * (built here: ELF header, PT_LOAD, PT_DYNAMIC, DT_HASH, symbols, code),
 * and the real vDSO of this process. */
#include <criterion/criterion.h>
#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include "arch.h"
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
