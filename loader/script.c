/* The rules are those of fs/binfmt_script.c, step by step: look at the
 * first 256 bytes only (zero-padded when the file is shorter); the line
 * ends at the first newline, or, without one, at the buffer's last byte
 * provided the interpreter's name ends (blank or NUL) within the buffer;
 * trailing blanks are trimmed; the interpreter is the first word and the
 * rest, from its first non-blank, one optional argument.  The kernel's
 * quirks are kept: a name followed by a blank and the zero padding of a
 * short file without newline gets an empty argument.  A NUL ends the name,
 * so "#!", "#!   " or "#!\0/bin/sh" name the empty path, which the kernel
 * opens as the current directory and refuses with EACCES: refused here. */
#include "libsys/mem.h"
#include "script.h"

static int spacetab(char c) { return c == ' ' || c == '\t'; }

/* First non-blank in [p, last], inclusive as in the kernel; NULL if none. */
static char *next_non_spacetab(char *p, char *last)
{
    for (; p <= last; p++)
        if (!spacetab(*p))
            return p;
    return NULL;
}

/* First blank or NUL in [p, last]; NULL if none. */
static char *next_terminator(char *p, char *last)
{
    for (; p <= last; p++)
        if (spacetab(*p) || !*p)
            return p;
    return NULL;
}

int script_is_script(const void *head, size_t len)
{
    const char *b = head;
    return len >= 2 && b[0] == '#' && b[1] == '!';
}

/* (never inlined: its frame would deepen every start's, not only a #!
 * script's, and the loader's stack is the program's) */
__attribute__((noinline))
int script_parse(const void *head, size_t len, struct script_line *out,
                 struct load_error *err)
{
    char buf[SCRIPT_BUF] = { 0 };
    memcpy(buf, head, len < SCRIPT_BUF ? len : SCRIPT_BUF);
    char *buf_end = buf + SCRIPT_BUF - 1;
    char *end = memchr(buf, '\n', SCRIPT_BUF);

    if (!end) {
        end = next_non_spacetab(buf + 2, buf_end);
        if (!end)
            return load_fail(err, LOAD_EXIT_NOEXEC, "#! line holds no interpreter");
        if (!next_terminator(end, buf_end))
            return load_fail(err, LOAD_EXIT_NOEXEC,
                             "#! interpreter name does not end within %d bytes", SCRIPT_BUF);
        end = buf_end;
    }
    while (spacetab(end[-1]))
        end--;
    char *name = next_non_spacetab(buf + 2, end);
    if (!name || name == end)
        return load_fail(err, LOAD_EXIT_NOEXEC, "#! line holds no interpreter");
    char *sep = next_terminator(name, end), *arg = NULL;
    if (sep && *sep)
        arg = next_non_spacetab(sep, end);
    *end = '\0';
    if (sep)
        *sep = '\0';
    if (!*name)
        return load_fail(err, LOAD_EXIT_NOEXEC, "#! line holds no interpreter");
    memcpy(out->interp, name, strlen(name) + 1);
    out->has_arg = arg != NULL;
    memcpy(out->arg, arg ? arg : "", arg ? strlen(arg) + 1 : 1);
    return 0;
}
