/* libsys/fmt.c: printf-style formatting into a buffer (%s %c %d %u %x %p %%,
 * l and z modifiers, '#' for 0x), always NUL-terminated and truncated to
 * fit, returning the length stored. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "libsys/fmt.h"

static char buf[128];

/* Format into a fresh buffer of cap bytes, the rest of buf poisoned. */
#define FMT(cap, ...) ({                                                    \
        memset(buf, 'X', sizeof buf);                                       \
        fmt_format(buf, (cap), __VA_ARGS__);                                \
    })

/* For formats the compiler's printf checking would reject on purpose. */
static size_t fmt_unchecked(char *b, size_t cap, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    size_t n = fmt_vformat(b, cap, f, ap);
    va_end(ap);
    return n;
}

static void expect(size_t n, const char *want)
{
    cr_assert_str_eq(buf, want);
    cr_assert_eq(n, strlen(want), "returned %zu for \"%s\"", n, want);
}

Test(fmt, plain_text)
{
    expect(FMT(sizeof buf, "hello, world"), "hello, world");
    memset(buf, 'X', sizeof buf);
    expect(fmt_unchecked(buf, sizeof buf, ""), "");
}

Test(fmt, string)
{
    expect(FMT(sizeof buf, "[%s]", "abc"), "[abc]");
    expect(FMT(sizeof buf, "%s%s", "", "x"), "x");
    expect(FMT(sizeof buf, "%s: %s", "loader", "bad"), "loader: bad");
}

Test(fmt, null_string)
{
    const char *volatile nothing = NULL;
    expect(FMT(sizeof buf, "<%s>", nothing), "<(null)>");
}

Test(fmt, signed_decimal)
{
    expect(FMT(sizeof buf, "%d", 0), "0");
    expect(FMT(sizeof buf, "%d", 42), "42");
    expect(FMT(sizeof buf, "%d", -42), "-42");
    expect(FMT(sizeof buf, "%d", INT_MAX), "2147483647");
    expect(FMT(sizeof buf, "%d", INT_MIN), "-2147483648");
}

Test(fmt, long_decimal)
{
    expect(FMT(sizeof buf, "%ld", 1234567890123L), "1234567890123");
    expect(FMT(sizeof buf, "%ld", -1L), "-1");
    expect(FMT(sizeof buf, "%ld", LONG_MAX), "9223372036854775807");
    expect(FMT(sizeof buf, "%ld", LONG_MIN), "-9223372036854775808");
}

Test(fmt, int_argument_not_sign_extended_wrongly)
{
    /* %d reads an int: a negative int stays small, a following argument
     * is read correctly */
    expect(FMT(sizeof buf, "%d %d", -1, 7), "-1 7");
}

Test(fmt, unsigned_decimal)
{
    expect(FMT(sizeof buf, "%u", 0u), "0");
    expect(FMT(sizeof buf, "%u", 4294967295u), "4294967295");
    expect(FMT(sizeof buf, "%lu", ULONG_MAX), "18446744073709551615");
    expect(FMT(sizeof buf, "%zu", (size_t)64), "64");
    expect(FMT(sizeof buf, "%zu", SIZE_MAX), "18446744073709551615");
}

Test(fmt, hex)
{
    expect(FMT(sizeof buf, "%x", 0u), "0");
    expect(FMT(sizeof buf, "%x", 255u), "ff");
    expect(FMT(sizeof buf, "%x", 0xdeadbeefu), "deadbeef");
    expect(FMT(sizeof buf, "%lx", 0x123456789abcdefUL), "123456789abcdef");
    expect(FMT(sizeof buf, "%lx", ULONG_MAX), "ffffffffffffffff");
}

Test(fmt, hex_alternate)
{
    expect(FMT(sizeof buf, "%#x", 255u), "0xff");
    expect(FMT(sizeof buf, "%#lx", 0x7ffffffff000UL), "0x7ffffffff000");
    expect(FMT(sizeof buf, "%#lx", 0x401000UL), "0x401000");
    expect(FMT(sizeof buf, "at %#lx.", 1UL), "at 0x1.");
}

Test(fmt, pointer)
{
    expect(FMT(sizeof buf, "%p", (void *)0x7f0012345678), "0x7f0012345678");
    expect(FMT(sizeof buf, "%p", (void *)0x10), "0x10");
}

Test(fmt, character)
{
    expect(FMT(sizeof buf, "%c", 'x'), "x");
    expect(FMT(sizeof buf, "[%c%c]", 'a', 'b'), "[ab]");
}

Test(fmt, percent)
{
    expect(FMT(sizeof buf, "100%%"), "100%");
    expect(FMT(sizeof buf, "%%d%d", 5), "%d5");
}

Test(fmt, mixed)
{
    expect(FMT(sizeof buf, "PT_LOAD %d: alignment %#lx, %s (%zu of %zu) %u%%",
               3, 0x3000UL, "bad", (size_t)40, (size_t)64, 7u),
           "PT_LOAD 3: alignment 0x3000, bad (40 of 64) 7%");
}

Test(fmt, unknown_conversion_shown)
{
    size_t n = fmt_unchecked(buf, sizeof buf, "a%qb");
    expect(n, "a%qb");
    n = fmt_unchecked(buf, sizeof buf, "end%");
    expect(n, "end%");
}

Test(fmt, truncation)
{
    size_t n = FMT(5, "hello world");
    expect(n, "hell");
    cr_assert_eq(buf[5], 'X', "wrote past the capacity");
}

Test(fmt, truncation_in_conversions)
{
    size_t n = FMT(4, "%d", 123456);
    expect(n, "123");
    cr_assert_eq(buf[4], 'X');
    n = FMT(6, "ab%sef", "cdcdcd");
    expect(n, "abcdc");
    cr_assert_eq(buf[6], 'X');
    n = FMT(3, "%#lx", 0xabcUL);
    expect(n, "0x");
    n = FMT(2, "%s", (const char *)"xyz");
    expect(n, "x");
}

Test(fmt, exact_fit)
{
    size_t n = FMT(6, "hello");
    expect(n, "hello");
    cr_assert_eq(buf[6], 'X');
    n = FMT(5, "hello");
    expect(n, "hell");
}

Test(fmt, cap_one)
{
    size_t n = FMT(1, "hello %d", 5);
    cr_assert_eq(n, 0);
    cr_assert_eq(buf[0], '\0');
    cr_assert_eq(buf[1], 'X', "wrote past the capacity");
}

Test(fmt, cap_zero)
{
    size_t n = FMT(0, "hello %s", "x");
    cr_assert_eq(n, 0);
    cr_assert_eq(buf[0], 'X', "cap 0 must write nothing");
    cr_assert_eq(fmt_format(NULL, 0, "%d", 12345), 0);
}

Test(fmt, vformat_directly)
{
    memset(buf, 'X', sizeof buf);
    size_t n = fmt_unchecked(buf, sizeof buf, "%s=%d", "n", -5);
    expect(n, "n=-5");
}
