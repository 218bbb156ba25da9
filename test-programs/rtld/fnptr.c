/* rtld test: function-pointer equality.  &fn_target taken in the program
 * (and in a static initialiser) must equal the address libfnptr takes of
 * its own function, and what dlsym answers for it in the global scope
 * (in a non-PIE program, the canonical PLT address of every one). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fn_target(int x);
extern int (*fn_lib_pointer)(int);
int (*fn_lib_addr(void))(int);
int (*fn_lib_table(void))(int);
int fn_lib_compare(int (*p)(int));

static int (*const prog_table[])(int) = { fn_target };

static const char *eq(int same)
{
    return same ? "equal" : "DIFFERENT";
}

int main(void)
{
    int (*mine)(int) = fn_target;
    printf("program vs library function: %s\n", eq(mine == fn_lib_addr()));
    printf("program vs library's initialised pointer: %s\n", eq(mine == fn_lib_pointer));
    printf("program vs library's static table: %s\n", eq(mine == fn_lib_table()));
    printf("program's static table vs library: %s\n", eq(prog_table[0] == fn_lib_addr()));
    printf("library compares the program's pointer: %s\n", eq(fn_lib_compare(mine)));
    printf("program vs dlsym(RTLD_DEFAULT): %s\n",
           eq((void *)mine == dlsym(RTLD_DEFAULT, "fn_target")));
    printf("program vs dlsym(dlopen(NULL)): %s\n",
           eq((void *)mine == dlsym(dlopen(NULL, RTLD_NOW), "fn_target")));
    printf("calls through each: %d %d %d\n", mine(20), fn_lib_addr()(20), fn_lib_pointer(20));
    return 0;
}
