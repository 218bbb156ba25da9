/* arch/<cpu>/string.*: memcpy, memmove and memset, assembled a second time
 * with their names prefixed libsys_ (arch_string_test), beside the C
 * library's: every length, alignment and overlap, against the C library. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

void *libsys_memcpy(void *restrict d, const void *restrict s, size_t n);
void *libsys_memmove(void *d, const void *s, size_t n);
void *libsys_memset(void *d, int c, size_t n);

#define SPAN 1100                   /* past memset's 256-byte vector runs */

static unsigned char got[SPAN + 64], want[SPAN + 64];

static void pattern(unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)(i * 7 + 3);
}

Test(string, memmove_every_overlap)
{
    /* lengths around the 8-byte words, source and destination at every
     * distance from -17 to +17 bytes, both ways */
    for (size_t n = 0; n < 80; n++)
        for (int dist = -17; dist <= 17; dist++) {
            size_t s = 20, d = (size_t)((int)s + dist);
            pattern(got, sizeof got);
            pattern(want, sizeof want);
            void *r = libsys_memmove(got + d, got + s, n);
            memmove(want + d, want + s, n);
            cr_assert_eq(r, got + d, "memmove returns its destination");
            cr_assert_arr_eq(got, want, sizeof got, "n %zu, distance %d", n, dist);
        }
}

Test(string, memmove_long_overlaps)
{
    for (size_t n = 500; n < SPAN - 40; n += 97)
        for (int dist = -24; dist <= 24; dist += 8) {
            pattern(got, sizeof got);
            pattern(want, sizeof want);
            libsys_memmove(got + 30 + dist, got + 30, n);
            memmove(want + 30 + dist, want + 30, n);
            cr_assert_arr_eq(got, want, sizeof got, "n %zu, distance %d", n, dist);
        }
}

Test(string, memcpy_every_alignment)
{
    static unsigned char src[SPAN];
    pattern(src, sizeof src);
    for (size_t n = 0; n < 80; n++)
        for (size_t off = 0; off < 9; off++) {
            memset(got, 0, sizeof got);
            memset(want, 0, sizeof want);
            void *r = libsys_memcpy(got + off, src + 8 - off, n);
            memcpy(want + off, src + 8 - off, n);
            cr_assert_eq(r, got + off);
            cr_assert_arr_eq(got, want, sizeof got, "n %zu, offset %zu", n, off);
        }
}

Test(string, memset_every_length)
{
    /* short runs, and the vector loop's 256-byte blocks with every tail */
    for (size_t n = 0; n < SPAN; n += n < 80 ? 1 : 37)
        for (size_t off = 0; off < 3; off++) {
            pattern(got, sizeof got);
            pattern(want, sizeof want);
            void *r = libsys_memset(got + off, 0xa5, n);
            memset(want + off, 0xa5, n);
            cr_assert_eq(r, got + off);
            cr_assert_arr_eq(got, want, sizeof got, "n %zu, offset %zu", n, off);
        }
}
