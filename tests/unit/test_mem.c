/* libsys/mem.c's strcmp and memrchr, which read eight bytes at a time:
 * strcmp's sign for every place of a difference or an end, unsigned bytes,
 * and strings ending just before an inaccessible page (the word reads must
 * never cross into it); memrchr's match at every place, start and length,
 * and in bytes just after and just before an inaccessible page.  mem.c is compiled in under other names, beside the
 * C library's; its strings live in mmap'ed pages, which sanitizers leave
 * unpoisoned (a word read past a NUL inside its page is by design). */
#define memcmp  libsys_memcmp
#define memchr  libsys_memchr
#define strlen  libsys_strlen
#define strncmp libsys_strncmp
#define strcmp  libsys_strcmp
#define strchr  libsys_strchr
#define memrchr libsys_memrchr
#include "../../libsys/mem.c"
#undef memcmp
#undef memchr
#undef strlen
#undef strncmp
#undef strcmp
#undef strchr
#undef memrchr
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

/* the last c in [s, s + n), byte by byte */
static const char *last_byte(const char *s, int c, size_t n)
{
    while (n--)
        if ((unsigned char)s[n] == (unsigned char)c)
            return s + n;
    return NULL;
}

Test(mem, memrchr_finds_the_last_match_at_every_place)
{
    char *buf = page + 64;
    for (int start = 0; start < 16; start++) {
        for (size_t n = 0; n < 40; n++) {
            char *s = buf + start;
            /* matches just outside [s, s + n) too: they must not count */
            memset(buf - 8, '/', 80);
            for (size_t i = 0; i < n; i++)
                s[i] = (char)(0x80 | i);        /* unsigned bytes, none '/' */
            cr_expect_eq(libsys_memrchr(s, '/', n), NULL, "start %d, length %zu, none", start,
                         n);
            for (size_t at = 0; at < n; at++) {
                s[at] = '/';
                cr_expect_eq(libsys_memrchr(s, '/', n), last_byte(s, '/', n),
                             "start %d, length %zu, match at %zu", start, n, at);
                cr_expect_eq(libsys_memrchr(s, 0x80 | (int)at, n), last_byte(s, 0x80 | (int)at, n),
                             "an unsigned byte, start %d, length %zu", start, n);
            }
        }
    }
}

Test(mem, memrchr_reads_no_word_of_another_page)
{
    /* an inaccessible page, then one read-write, then another inaccessible */
    char *p = mmap(NULL, 3 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(p != MAP_FAILED);
    cr_assert(mprotect(p + 4096, 4096, PROT_READ | PROT_WRITE) == 0);
    char *first = p + 4096, *end = p + 8192;
    memset(first, 'x', 4096);
    for (size_t n = 1; n < 20; n++) {
        cr_expect_eq(libsys_memrchr(first, '/', n), NULL, "page start, length %zu", n);
        cr_expect_eq(libsys_memrchr(end - n, '/', n), NULL, "page end, length %zu", n);
        first[0] = end[-1] = '/';
        cr_expect_eq(libsys_memrchr(first, '/', n), first, "page start, length %zu", n);
        cr_expect_eq(libsys_memrchr(end - n, '/', n), end - 1, "page end, length %zu", n);
        first[0] = end[-1] = 'x';
    }
    munmap(p, 3 * 4096);
}
