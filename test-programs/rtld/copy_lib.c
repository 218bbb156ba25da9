/* rtld test: libcopy, whose initialised globals a non-PIE program reads
 * and writes directly: the program gets COPY relocations, and this
 * library's own accesses (through its GOT) must reach the program's copy,
 * for the const one too (which the linker puts in the program's RELRO). */
struct copy_record {
    int a;
    long b;
    char c[6];
};

int copy_counter = 42;
char copy_text[40] = "initialised in libcopy";
struct copy_record copy_record = { 1, 2000000000000L, "xyz" };
const char copy_const_text[] = "read-only, copied into the program's RELRO";

int copy_get_counter(void)
{
    return copy_counter;
}

void copy_bump(void)
{
    copy_counter += 100;
}

const char *copy_get_text(void)
{
    return copy_text;
}

int *copy_counter_addr(void)
{
    return &copy_counter;
}

const char *copy_get_const_text(void)
{
    return copy_const_text;
}

long copy_record_sum(void)
{
    return copy_record.a + copy_record.b + copy_record.c[0];
}
