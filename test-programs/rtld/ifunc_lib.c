/* rtld test: libifunc, GNU indirect functions (STT_GNU_IFUNC).
 * ifunc_add is exported: the program's references bind to the symbol and
 * the dynamic linker calls the resolver.  ifunc_mul is hidden: the
 * library's own calls go through R_X86_64_IRELATIVE.  The resolvers run
 * during relocation, before the C library is initialised, so they only
 * read this library's own (PC-relative) data; their choice is fixed. */
static volatile int prefer_second = 1;

static int add_plain(int a, int b)
{
    return a + b;
}

static int add_tagged(int a, int b)
{
    return a + b + 1000;
}

static int mul_plain(int a, int b)
{
    return a * b;
}

static int mul_tagged(int a, int b)
{
    return a * b + 2000;
}

static int (*resolve_add(void))(int, int)
{
    return prefer_second ? add_tagged : add_plain;
}

static int (*resolve_mul(void))(int, int)
{
    return prefer_second ? mul_tagged : mul_plain;
}

int ifunc_add(int a, int b) __attribute__((ifunc("resolve_add")));
__attribute__((visibility("hidden"))) int ifunc_mul(int a, int b)
    __attribute__((ifunc("resolve_mul")));

int lib_mul(int a, int b)
{
    return ifunc_mul(a, b);
}

int lib_add(int a, int b)
{
    return ifunc_add(a, b);
}

int (*lib_add_pointer(void))(int, int)
{
    return ifunc_add;
}
