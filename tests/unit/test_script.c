/* script.c: "#!" lines, parsed by the rules of the kernel's
 * fs/binfmt_script.c (load_script): only the first 256 bytes (BINPRM_BUF_SIZE)
 * count, zero-padded when the file is shorter; the interpreter is the first
 * word after "#!" (spaces and tabs separate, NUL ends the line); the rest of
 * the line, trimmed, is one optional argument; without a newline the line
 * is accepted only if a space, tab or NUL ends the interpreter name within
 * the 256 bytes (the last one included). */
#include <criterion/criterion.h>
#include <string.h>
#include "script.h"

static struct script_line out;
static struct load_error err;

static int parse_n(const char *text, size_t len)
{
    memset(&out, 0x55, sizeof out);     /* no stale results */
    memset(&err, 0, sizeof err);
    return script_parse(text, len, &out, &err);
}

/* a string literal, without its NUL */
#define parse(lit) parse_n((lit), sizeof(lit) - 1)

/* rc, out and err after a parse that must succeed; arg NULL: no argument */
static void assert_parsed(int rc, const char *interp, const char *arg)
{
    cr_assert_eq(rc, 0, "refused: %s", err.msg);
    cr_assert_str_eq(out.interp, interp);
    if (!arg) {
        cr_assert_eq(out.has_arg, 0, "unexpected argument \"%s\"", out.arg);
    } else {
        cr_assert_eq(out.has_arg, 1, "argument missing");
        cr_assert_str_eq(out.arg, arg);
    }
}

#define assert_refused(rc, text) do {                                       \
        cr_assert_eq((rc), -1);                                             \
        cr_assert_eq(err.status, LOAD_EXIT_NOEXEC);                         \
        cr_assert_str_eq(err.msg, (text));                                  \
    } while (0)

#define NO_ARG ((const char *)NULL)

/* ------------------------------------------------------------------ */

Test(script_is_script, magic)
{
    cr_assert(script_is_script("#!/bin/sh\n", 10));
    cr_assert(script_is_script("#!", 2));
    cr_assert(!script_is_script("#", 1));
    cr_assert(!script_is_script("#!", 1));
    cr_assert(!script_is_script("", 0));
    cr_assert(!script_is_script("# !/bin/sh\n", 11));
    cr_assert(!script_is_script("!#/bin/sh\n", 10));
    cr_assert(!script_is_script("\177ELF\2\1\1", 7));
}

Test(script_parse, plain)
{
    assert_parsed(parse("#!/bin/sh\n"), "/bin/sh", NO_ARG);
    cr_assert_str_eq(out.arg, "");
}

Test(script_parse, rest_of_file_ignored)
{
    assert_parsed(parse("#!/bin/sh -e\necho hello world\nexit 3\n"), "/bin/sh", "-e");
}

Test(script_parse, one_argument)
{
    assert_parsed(parse("#!/bin/sh -e\n"), "/bin/sh", "-e");
}

Test(script_parse, tab_separates)
{
    assert_parsed(parse("#!\t/bin/sh\t-e\n"), "/bin/sh", "-e");
}

Test(script_parse, argument_with_spaces_is_one_argument)
{
    assert_parsed(parse("#!/usr/bin/env python3 -u -O\n"), "/usr/bin/env", "python3 -u -O");
}

Test(script_parse, inner_blanks_kept)
{
    assert_parsed(parse("#!/usr/bin/awk -f  \t x\n"), "/usr/bin/awk", "-f  \t x");
}

Test(script_parse, leading_and_trailing_blanks_trimmed)
{
    assert_parsed(parse("#! \t /bin/sh \t -e \t x \t \n"), "/bin/sh", "-e \t x");
}

Test(script_parse, trailing_blanks_without_argument)
{
    assert_parsed(parse("#! /bin/sh  \t \n"), "/bin/sh", NO_ARG);
}

Test(script_parse, carriage_return_is_part_of_the_line)
{
    /* the kernel knows only spaces and tabs: a DOS line ending stays */
    assert_parsed(parse("#!/bin/sh\r\n"), "/bin/sh\r", NO_ARG);
    assert_parsed(parse("#!/bin/sh -e\r\n"), "/bin/sh", "-e\r");
}

Test(script_parse, empty_line)
{
    assert_refused(parse("#!\n"), "#! line holds no interpreter");
}

Test(script_parse, only_blanks)
{
    assert_refused(parse("#!    \n"), "#! line holds no interpreter");
    assert_refused(parse("#! \t \t\necho\n"), "#! line holds no interpreter");
}

Test(script_parse, only_blanks_filling_the_buffer)
{
    char buf[300];
    memset(buf, ' ', sizeof buf);
    memcpy(buf, "#!", 2);
    assert_refused(parse_n(buf, sizeof buf), "#! line holds no interpreter");
}

/* binfmt_script: a NUL (here the zero padding of a short file) ends the
 * name, so these name the empty path, which the kernel refuses (EACCES) */
Test(script_parse, only_magic)
{
    assert_refused(parse("#!"), "#! line holds no interpreter");
}

Test(script_parse, only_blanks_short_file)
{
    assert_refused(parse("#!   "), "#! line holds no interpreter");
}

Test(script_parse, nul_ends_interpreter)
{
    assert_parsed(parse("#!/bin/sh\0 -e\n"), "/bin/sh", NO_ARG);
}

Test(script_parse, nul_ends_argument)
{
    assert_parsed(parse("#!/bin/sh -e\0junk\n"), "/bin/sh", "-e");
    assert_parsed(parse("#!/bin/sh -e x\0junk\n"), "/bin/sh", "-e x");
}

Test(script_parse, nul_before_interpreter)
{
    assert_refused(parse("#!\0/bin/sh\n"), "#! line holds no interpreter");
}

Test(script_parse, short_file_without_newline)
{
    assert_parsed(parse("#!/bin/sh"), "/bin/sh", NO_ARG);
    assert_parsed(parse("#!/bin/sh -e"), "/bin/sh", "-e");
    assert_parsed(parse("#!  /bin/sh\t-e x"), "/bin/sh", "-e x");
}

Test(script_parse, short_file_without_newline_trailing_blank_in_argument)
{
    /* without a newline the kernel trims blanks at the end of its 256-byte
     * buffer, not before the zero padding: "-e " keeps its blank */
    assert_parsed(parse("#!/bin/sh -e "), "/bin/sh", "-e ");
}

Test(script_parse, long_line_argument_truncated)
{
    /* no newline in the first 256 bytes, but the name is complete: the
     * argument is whatever fits before the last byte */
    char buf[400];
    memset(buf, 'a', sizeof buf);
    memcpy(buf, "#!/bin/sh ", 10);
    char want[256];
    memset(want, 'a', 255 - 10);           /* bytes 10..254 */
    want[255 - 10] = '\0';
    assert_parsed(parse_n(buf, sizeof buf), "/bin/sh", want);
}

Test(script_parse, long_line_newline_after_256_bytes)
{
    char buf[300];
    memset(buf, 'b', sizeof buf);
    memcpy(buf, "#!/bin/sh -x ", 13);
    buf[280] = '\n';
    char want[256];
    memset(want, 'b', 255 - 10);
    memcpy(want, "-x ", 3);
    want[255 - 10] = '\0';
    assert_parsed(parse_n(buf, sizeof buf), "/bin/sh", want);
}

Test(script_parse, long_line_only_first_256_bytes_count)
{
    /* a newline at byte 256 is outside the buffer */
    char buf[300];
    memset(buf, 'c', sizeof buf);
    memcpy(buf, "#!", 2);
    buf[256] = '\n';
    assert_refused(parse_n(buf, sizeof buf), "#! interpreter name does not end within 256 bytes");
}

Test(script_parse, interpreter_name_cut)
{
    char buf[300];
    memset(buf, 'x', sizeof buf);
    memcpy(buf, "#!/", 3);
    assert_refused(parse_n(buf, sizeof buf), "#! interpreter name does not end within 256 bytes");
}

Test(script_parse, interpreter_name_cut_after_blanks)
{
    char buf[300];
    memset(buf, 'x', sizeof buf);
    memcpy(buf, "#!      /", 9);
    assert_refused(parse_n(buf, sizeof buf), "#! interpreter name does not end within 256 bytes");
}

Test(script_parse, newline_at_last_byte)
{
    /* "#!" + 253-byte name + "\n" at byte 255 */
    char buf[300], name[254];
    memset(buf, 'd', sizeof buf);
    memcpy(buf, "#!/", 3);
    buf[255] = '\n';
    memcpy(name, buf + 2, 253);
    name[253] = '\0';
    assert_parsed(parse_n(buf, sizeof buf), name, NO_ARG);
}

Test(script_parse, name_ends_before_last_byte_without_newline)
{
    /* "#!" + 252-byte name + blank at byte 254 + 'y' at 255 */
    char buf[300], name[253];
    memset(buf, 'e', sizeof buf);
    memcpy(buf, "#!/", 3);
    buf[254] = ' ';
    buf[255] = 'y';
    memcpy(name, buf + 2, 252);
    name[252] = '\0';
    assert_parsed(parse_n(buf, sizeof buf), name, NO_ARG);
}

/* The kernel's next_terminator(i_end, buf_end) looks at buf_end itself, the
 * 256th byte: a blank there ends a 253-byte interpreter name. */
Test(script_parse, name_terminated_by_blank_at_last_byte)
{
    char buf[300], name[254];
    memset(buf, 'f', sizeof buf);
    memcpy(buf, "#!/", 3);
    buf[255] = ' ';
    memcpy(name, buf + 2, 253);
    name[253] = '\0';
    assert_parsed(parse_n(buf, sizeof buf), name, NO_ARG);
}

/* A 255-byte file "#!" + 253-byte name: the kernel's buffer is zero-padded,
 * and that NUL in the 256th byte ends the name. */
Test(script_parse, name_terminated_by_padding_at_last_byte)
{
    char buf[255], name[254];
    memset(buf, 'g', sizeof buf);
    memcpy(buf, "#!/", 3);
    memcpy(name, buf + 2, 253);
    name[253] = '\0';
    assert_parsed(parse_n(buf, sizeof buf), name, NO_ARG);
}

Test(script_parse, only_blanks_then_name_at_last_byte)
{
    /* the name starts in the last byte, so it may be cut: refused */
    char buf[300];
    memset(buf, ' ', sizeof buf);
    memcpy(buf, "#!", 2);
    buf[255] = 'h';
    int rc = parse_n(buf, sizeof buf);
    cr_assert_eq(rc, -1);
    cr_assert_eq(err.status, LOAD_EXIT_NOEXEC);
}

Test(script_parse, does_not_modify_input)
{
    char buf[] = "#! /bin/sh  -e  \n";
    char copy[sizeof buf];
    memcpy(copy, buf, sizeof buf);
    assert_parsed(parse_n(buf, sizeof buf - 1), "/bin/sh", "-e");
    cr_assert_arr_eq(buf, copy, sizeof buf);
}
