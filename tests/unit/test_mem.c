/* libsys/mem.c's strcmp, which compares eight bytes at a time: the sign of
 * its result for every place of a difference or an end, unsigned bytes,
 * and strings ending just before an inaccessible page (the word reads must
 * never cross into it).  mem.c is compiled in under other names, beside the
 * C library's; its strings live in mmap'ed pages, which sanitizers leave
 * unpoisoned (a word read past a NUL inside its page is by design). */
#define memcmp  libsys_memcmp
#define memchr  libsys_memchr
#define strlen  libsys_strlen
#define strncmp libsys_strncmp
#define strcmp  libsys_strcmp
#define strchr  libsys_strchr
#include "../../libsys/mem.c"
#undef memcmp
#undef memchr
#undef strlen
#undef strncmp
#undef strcmp
#undef strchr
#include <criterion/criterion.h>
#include <string.h>
#include <sys/mman.h>

static char *page;      /* two pages: read-write, then inaccessible */

static void setup(void)
{
    page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(page != MAP_FAILED);
    cr_assert(mprotect(page + 4096, 4096, PROT_NONE) == 0);
}

static int sign(int x) { return (x > 0) - (x < 0); }

/* a copy of s whose NUL is the last byte before the inaccessible page */
static char *at_end(const char *s)
{
    char *p = page + 4096 - strlen(s) - 1;
    memcpy(p, s, strlen(s) + 1);
    return p;
}

TestSuite(mem, .init = setup);

Test(mem, strcmp_agrees_with_the_c_library_at_every_place)
{
    char *a = page, *b = page + 2048;
    for (int len = 0; len < 40; len++) {
        for (int i = 0; i < len; i++)
            a[i] = b[i] = (char)('a' + i % 26);
        a[len] = b[len] = '\0';
        cr_expect_eq(libsys_strcmp(a, b), 0, "equal, length %d", len);
        for (int at = 0; at <= len; at++) {
            char keep = b[at];
            for (int c = 1; c < 256; c += 37) {     /* 0x80 and up are unsigned */
                b[at] = (char)c;
                cr_expect_eq(sign(libsys_strcmp(a, b)), sign(strcmp(a, b)),
                             "length %d, byte %d = %#x", len, at, c);
                cr_expect_eq(sign(libsys_strcmp(b, a)), sign(strcmp(b, a)));
            }
            b[at] = '\0';           /* b ends early */
            cr_expect_eq(sign(libsys_strcmp(a, b)), sign(strcmp(a, b)), "b cut at %d", at);
            b[at] = keep;
        }
    }
}

Test(mem, strcmp_stops_at_the_end_of_the_last_page)
{
    for (int len = 0; len < 24; len++) {
        char s[32];
        for (int i = 0; i < len; i++)
            s[i] = (char)('A' + i);
        s[len] = '\0';
        char *end = at_end(s), *other = page + 1000;
        memcpy(other, s, (size_t)len + 1);
        cr_expect_eq(libsys_strcmp(end, other), 0, "length %d", len);
        cr_expect_eq(libsys_strcmp(other, end), 0, "length %d", len);
        cr_expect_eq(libsys_strcmp(end, end), 0, "length %d", len);
    }
}
