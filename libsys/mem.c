/* Freestanding memory and string helpers (see mem.h).  memcpy, memmove and
 * memset, the ones that move bulk data, are in arch/<cpu>/string.asm; these
 * are byte loops over short strings, but strlen and strcmp, which read
 * words. */
#include <stdint.h>
#include "libsys/mem.h"

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (; n; n--, p++)
        if (*p == (unsigned char)c)
            return (void *)p;
    return NULL;
}

/* Eight bytes at a time from the aligned word holding s: an aligned word
 * never crosses into the next page, so reading past the NUL within it
 * cannot fault.  Bytes before s are forced non-zero; a word has a zero byte
 * where (w - 0x01..01) & ~w & 0x80..80 has its lowest set bit (the lowest
 * such byte is exact; little-endian order). */
size_t strlen(const char *s)
{
    typedef uint64_t __attribute__((may_alias)) word;
    const uint64_t ones = 0x0101010101010101ull, highs = ones << 7;
    unsigned skew = (unsigned)((uintptr_t)s % 8);
    const word *w = (const word *)(const void *)(s - skew);
    uint64_t v = *w | (skew ? ~0ull >> (64 - 8 * skew) : 0);
    uint64_t zero;
    while (!(zero = (v - ones) & ~v & highs))
        v = *++w;
    return (size_t)((const char *)w - s) + (size_t)__builtin_ctzll(zero) / 8;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    return 0;
}

/* Symbol lookup compares a name with every candidate of the same hash:
 * eight bytes at a time while neither read can reach into the next page
 * (pages are at least 4 KiB: a read inside one is as safe as the string's
 * own bytes).  In the first word holding a difference or a NUL, the lowest
 * flagged byte is the first such place (the zero-byte test may flag bytes
 * after a true zero, never before it). */
#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

int strcmp(const char *a, const char *b)
{
    if (a == b)             /* a library's reference to its own symbol: one string */
        return 0;
    /* the words both strings have before either's next page */
    uintptr_t ra = 4096 - ((uintptr_t)a & 4095), rb = 4096 - ((uintptr_t)b & 4095);
    for (uintptr_t words = (ra < rb ? ra : rb) / 8; words; words--) {
        uint64_t x, y;
        __builtin_memcpy(&x, a, 8);
        __builtin_memcpy(&y, b, 8);
        uint64_t found = (x ^ y) | ((x - ONES) & ~x & HIGHS);
        if (found) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            size_t at = (size_t)__builtin_ctzll(found) / 8;
#else
            size_t at = (size_t)__builtin_clzll(found) / 8;
#endif
            return (unsigned char)a[at] - (unsigned char)b[at];
        }
        a += 8;
        b += 8;
    }
    while (*a && *a == *b)      /* near a page end */
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

/* The byte of the highest flag (bit 8k + 7) of a non-zero flag word, by
 * halves: __builtin_clzll would be a libgcc call on RV64GC (no Zbb), which
 * the freestanding code does not link. */
static unsigned highest_flag_byte(uint64_t flags)
{
    unsigned at = 0;
    if (flags >> 32) {
        at += 4;
        flags >>= 32;
    }
    if (flags >> 16) {
        at += 2;
        flags >>= 16;
    }
    return at + !!(flags >> 8);
}

/* A word at a time from the end, as strlen from the start: each word read
 * is the aligned one holding a byte of [s, s + n), so no read reaches into
 * another page, and the bytes outside are left out of the match.  In
 * x = word ^ (c in every byte), ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS
 * flags exactly the zero bytes (no carry crosses a byte, unlike strlen's
 * test); the highest flag is the last match (little-endian order). */
void *memrchr(const void *s, int c, size_t n)
{
    typedef uint64_t __attribute__((may_alias)) word;
    if (!n)
        return NULL;
    uintptr_t first = (uintptr_t)s, last = first + n - 1;
    const word *w = (const word *)(last & ~(uintptr_t)7);
    uint64_t keep = ~0ull >> (56 - 8 * (last % 8));     /* the bytes up to last */
    const uint64_t rep = ONES * (unsigned char)c;
    for (;; w--, keep = ~0ull) {
        int at_first = (uintptr_t)w <= first;           /* the word holding s */
        if (at_first)
            keep &= ~0ull << (8 * (first % 8));
        uint64_t x = *w ^ rep;
        uint64_t match = ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS & keep;
        if (match)
            return (char *)w + highest_flag_byte(match);
        if (at_first)
            return NULL;
    }
}
