/* rtld test: IFUNC.  Calls libifunc's exported indirect function, takes
 * its address, calls the library's hidden one (R_X86_64_IRELATIVE in the
 * library) and the program's own indirect function (R_X86_64_IRELATIVE in
 * the program).  musl's dynamic linker supports none of this. */
#include <stdio.h>

int ifunc_add(int a, int b);
int lib_add(int a, int b);
int lib_mul(int a, int b);
int (*lib_add_pointer(void))(int, int);

static volatile int prog_prefer_second = 1;

static int sub_plain(int a, int b)
{
    return a - b;
}

static int sub_tagged(int a, int b)
{
    return a - b + 3000;
}

static int (*resolve_sub(void))(int, int)
{
    return prog_prefer_second ? sub_tagged : sub_plain;
}

int prog_sub(int a, int b) __attribute__((ifunc("resolve_sub")));

int main(void)
{
    int (*p)(int, int) = ifunc_add;
    printf("ifunc_add(2, 3) from the program: %d\n", ifunc_add(2, 3));
    printf("ifunc_add(2, 3) from the library: %d\n", lib_add(2, 3));
    printf("through the program's pointer: %d\n", p(2, 3));
    printf("pointers equal: %s\n", p == lib_add_pointer() ? "yes" : "no");
    printf("hidden ifunc_mul(4, 5) in the library: %d\n", lib_mul(4, 5));
    printf("the program's own prog_sub(9, 4): %d\n", prog_sub(9, 4));
    return 0;
}
