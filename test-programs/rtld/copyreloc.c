/* rtld test: COPY relocations.  Built -no-pie, so the program addresses
 * libcopy's initialised globals (and libc's stdout and environ) directly:
 * the linker gives them space in the program and R_X86_64_COPY fills it
 * with the library's initial values; the library must see the same
 * object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct copy_record {
    int a;
    long b;
    char c[6];
};

extern int copy_counter;
extern char copy_text[40];
extern struct copy_record copy_record;
extern const char copy_const_text[];
extern char **environ;
int copy_get_counter(void);
void copy_bump(void);
const char *copy_get_text(void);
const char *copy_get_const_text(void);
int *copy_counter_addr(void);
long copy_record_sum(void);

int main(void)
{
    printf("initial values: counter %d, text \"%s\", record %d %ld %s\n",
           copy_counter, copy_text, copy_record.a, copy_record.b, copy_record.c);
    printf("same object: %s\n", copy_counter_addr() == &copy_counter ? "yes" : "no");
    printf("const text \"%s\", same object: %s\n", copy_const_text,
           copy_get_const_text() == copy_const_text ? "yes" : "no");
    copy_counter = 7;
    printf("program wrote 7, library reads %d\n", copy_get_counter());
    copy_bump();
    printf("library added 100, program reads %d\n", copy_counter);
    strcpy(copy_text, "rewritten by the program");
    printf("library reads text \"%s\"\n", copy_get_text());
    copy_record.a = 5;
    copy_record.b = 10;
    copy_record.c[0] = 1;
    printf("library sums the record: %ld\n", copy_record_sum());
    int n = 0;
    for (char **e = environ; *e; e++)
        n++;
    /* environ is a weak alias of libc's __environ: the copy must serve both */
    fprintf(stdout, "environ has %d entries, HOME from getenv: %s\n", n,
            getenv("HOME") ? getenv("HOME") : "(unset)");
    return 0;
}
