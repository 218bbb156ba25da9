/* Freestanding memory and string helpers (see mem.h).  memcpy and memset,
 * the only ones that move bulk data, are in arch/<cpu>/string.asm; these are
 * byte loops over short strings. */
#include <stdint.h>
#include "libsys/mem.h"

void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;
    if (dp <= sp)
        while (n--)
            *dp++ = *sp++;
    else
        while (n--)
            dp[n] = sp[n];
    return d;
}

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

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, (size_t)-1);
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
