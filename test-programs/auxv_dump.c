/* Prints what a program learns from its initial stack -- argc, argv, envp,
 * the auxiliary vector -- in a form that does not depend on where things
 * were loaded, so a run through the loader must print exactly what a direct
 * run prints.  With the single argument --raw it prints raw values instead. */
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;
extern const char __ehdr_start[] __attribute__((visibility("hidden")));

static const char *name(uint64_t t)
{
    switch (t) {
#define N(x) case x: return #x;
    N(AT_SYSINFO_EHDR) N(AT_MINSIGSTKSZ) N(AT_HWCAP) N(AT_PAGESZ) N(AT_CLKTCK)
    N(AT_PHDR) N(AT_PHENT) N(AT_PHNUM) N(AT_BASE) N(AT_FLAGS) N(AT_ENTRY)
    N(AT_UID) N(AT_EUID) N(AT_GID) N(AT_EGID) N(AT_SECURE) N(AT_RANDOM)
    N(AT_HWCAP2) N(AT_EXECFN) N(AT_PLATFORM) N(AT_BASE_PLATFORM) N(AT_EXECFD)
#undef N
    }
    return NULL;
}

static int is_elf(uint64_t addr)
{
    return addr && memcmp((const void *)addr, ELFMAG, SELFMAG) == 0;
}

int main(int argc, char **argv)
{
    char **envp = argv + argc + 1;
    int raw = argc == 2 && !strcmp(argv[1], "--raw");
    uint64_t base = (uint64_t)__ehdr_start;

    printf("argc %d\n", argc);
    /* psABI §3.4.1: argc sits at the 16-byte aligned entry stack pointer */
    printf("entry sp aligned: %s\n", ((uint64_t)argv - 8) % 16 ? "no" : "yes");
    for (int i = 0; i < argc; i++)
        printf("argv[%d] %s\n", i, argv[i]);
    printf("environ is envp: %s\n", environ == envp ? "yes" : "no");
    int envc = 0;
    unsigned long env_sum = 0;
    for (char **e = envp; *e; e++, envc++)
        for (const char *c = *e; *c; c++)
            env_sum = env_sum * 31 + (unsigned char)*c;
    printf("envc %d checksum %lx\n", envc, env_sum);
    /* strings follow each other in order, as the kernel copies them */
    int ordered = 1;
    for (int i = 1; i < argc; i++)
        ordered &= argv[i] == argv[i - 1] + strlen(argv[i - 1]) + 1;
    printf("argv strings contiguous: %s\n", ordered ? "yes" : "no");

    char **e = envp;
    while (*e)
        e++;
    for (uint64_t *a = (uint64_t *)(e + 1); a[0] != AT_NULL; a += 2) {
        const char *n = name(a[0]);
        uint64_t v = a[1];
        if (raw) {
            printf("%s(%lu) %#lx\n", n ? n : "AT_?", a[0], v);
            continue;
        }
        if (!n) {
            printf("type %lu = %#lx\n", a[0], v);
            continue;
        }
        switch (a[0]) {
        case AT_PHDR: case AT_ENTRY:     /* relative to our own load address */
            printf("%s = base + %#lx\n", n, v - base);
            break;
        case AT_BASE:
            printf("%s = %s\n", n, v == 0 ? "0" : is_elf(v) ? "an ELF header" : "garbage");
            break;
        case AT_SYSINFO_EHDR:
            printf("%s = %s\n", n, is_elf(v) ? "an ELF header" : "garbage");
            break;
        case AT_RANDOM: {
            int zero = 1;
            for (int i = 0; i < 16; i++)
                zero &= ((const unsigned char *)v)[i] == 0;
            printf("%s = 16 bytes%s\n", n, zero ? ", all zero" : "");
            break;
        }
        case AT_EXECFN: case AT_PLATFORM: case AT_BASE_PLATFORM:
            printf("%s = \"%s\"\n", n, (const char *)v);
            break;
        default:
            printf("%s = %#lx\n", n, v);
        }
    }
    /* the descriptors the program starts with */
    printf("open fds:");
    for (int fd = 0; fd < 64; fd++)
        if (fcntl(fd, F_GETFD) >= 0)
            printf(" %d", fd);
    printf("\n");
    return 0;
}
