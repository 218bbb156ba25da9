/* The loader's exit on x86_64 (loader/vdso_exit.c, arch/x86_64/
 * exit_gadget.c, enter.asm), with tests/unit/exit_harness.c: the sequences
 * taken and refused in a vDSO function, the walk of a vDSO image, this
 * process's vDSO, and arch_enter leaving through each kind of sequence. */
#include "arch.h"
#include <criterion/criterion.h>
#include <sys/auxv.h>
#include "exit_harness.h"
#include "vdso_exit.h"

/* rsp, rbp, rdx (the atexit function, psABI 3.4.1) and rax as arch_enter
 * left them, to exit_entry_check on an aligned stack below the image. */
__asm__(".text\n"
        ".globl exit_entry_stub\n"
        "exit_entry_stub:\n"
        "    mov %rsp, %rdi\n"
        "    mov %rbp, %rsi\n"
        "    mov %rax, %rcx\n"          /* (rdx is the third argument already) */
        "    and $-16, %rsp\n"
        "    sub $256, %rsp\n"
        "    call exit_entry_check\n"
        "    ud2\n");

#define FOUND(bytes, off, words) do {                                       \
        static const unsigned char c[] = bytes;                            \
        uint64_t frame = 99;                                               \
        cr_assert_eq(exit_found(c, sizeof c - 1, &frame), off, "%s", #bytes); \
        cr_assert_eq(frame, words, "%s", #bytes);                          \
    } while (0)
#define REFUSED(bytes) do {                                                 \
        static const unsigned char c[] = bytes;                            \
        uint64_t frame = 0;                                                \
        cr_assert_eq(exit_found(c, sizeof c - 1, &frame), -1, "%s", #bytes); \
    } while (0)

Test(exit_gadget, taken)
{
    /* this kernel's: mov $229,%eax; syscall; xor %edx,%edx; xor %ecx,%ecx;
     * xor %r11d,%r11d; ret */
    FOUND("\xb8\xe5\x00\x00\x00\x0f\x05\x31\xd2\x31\xc9\x45\x31\xdb\xc3", 5, 0);
    FOUND("\x0f\x05\xc3", 0, 0);                    /* syscall; ret */
    FOUND("\x0f\x05\x5d\xc3", 0, 1);                /* syscall; pop %rbp; ret */
    FOUND("\x0f\x05\xc9\x31\xd2\xc3", 0, 1);        /* syscall; leave; xor; ret */
    /* two: the last is taken */
    FOUND("\x0f\x05\xc3\x90\x0f\x05\x5d\xc3", 4, 1);
    /* a ret that is no exit before a syscall that is */
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

static const unsigned char plain[] = { 0x0f, 0x05, 0xc3 };     /* syscall; ret */
EXIT_COMMON_TESTS(plain, 0)

/* This process's vDSO (the kernel's): the loader leaves through it. */
Test(exit_gadget, this_kernel)
{
    uint64_t vdso = getauxval(AT_SYSINFO_EHDR), frame = 99;
    cr_assert_eq(vdso != 0, 1, "no vDSO here (a kernel booted with vdso=0)");
    const unsigned char *at = (const unsigned char *)vdso_exit_find(vdso, &frame);
    cr_assert_eq(at != 0, 1, "no system call followed by a return in %s",
                 ARCH_VDSO_EXIT_FUNCTION);
    cr_assert_eq(at[0] == 0x0f && at[1] == 0x05, 1);
    cr_assert_eq(frame <= 1, 1);
}

Test(exit_gadget, enter_through_clears)
{
    cr_assert_eq(exit_enter_through("\x0f\x05\x31\xd2\xc3", 5, 0, 0), 0);
}

Test(exit_gadget, enter_through_pop_rbp)
{
    cr_assert_eq(exit_enter_through("\x0f\x05\x5d\xc3", 4, 1, 0), 0);
}

Test(exit_gadget, enter_through_leave)
{
    cr_assert_eq(exit_enter_through("\x0f\x05\xc9\x31\xc9\xc3", 6, 1, 0), 0);
}
