/* rtld test: libfnptr.  The address of fn_target() taken here (through
 * the GOT, and in an initialised pointer) must equal the one the program
 * takes, which in a non-PIE program is its own PLT entry. */
int fn_target(int x)
{
    return x * 2 + 1;
}

int (*fn_lib_pointer)(int) = fn_target;
static int (*const fn_table[])(int) = { fn_target };

int (*fn_lib_addr(void))(int)
{
    return fn_target;
}

int (*fn_lib_table(void))(int)
{
    return fn_table[0];
}

int fn_lib_compare(int (*p)(int))
{
    return p == fn_target;
}
